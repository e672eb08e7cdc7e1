package org.telcocdn.metadata.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.telcocdn.metadata.Rendition;
import org.telcocdn.metadata.VideoDraft;

/**
 * The ordered lists of a video (tags, renditions), stored in their own tables with a seq column.
 */
final class VideoChildren {

  void insert(Connection c, VideoDraft d) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO video_tags (video_id, seq, tag) VALUES (?, ?, ?)")) {
      for (int i = 0; i < d.tags().size(); i++) {
        ps.setString(1, d.id());
        ps.setInt(2, i);
        ps.setString(3, d.tags().get(i));
        ps.addBatch();
      }
      if (!d.tags().isEmpty()) ps.executeBatch();
    }
    String sql =
        "INSERT INTO renditions (video_id, seq, name, width, height, bandwidth, codecs) VALUES (?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < d.renditions().size(); i++) {
        bindRendition(ps, d.id(), i, d.renditions().get(i));
        ps.addBatch();
      }
      if (!d.renditions().isEmpty()) ps.executeBatch();
    }
  }

  void delete(Connection c, String id) throws SQLException {
    for (String table : List.of("video_tags", "renditions")) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM " + table + " WHERE video_id = ?")) {
        ps.setString(1, id);
        ps.executeUpdate();
      }
    }
  }

  Map<String, List<String>> tags(Connection c, List<String> ids) throws SQLException {
    Map<String, List<String>> byVideo = new HashMap<>();
    if (ids.isEmpty()) return byVideo;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT video_id, tag FROM video_tags WHERE video_id IN ("
                + marks(ids)
                + ") ORDER BY video_id, seq")) {
      bindIds(ps, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next())
          byVideo.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
      }
    }
    return byVideo;
  }

  Map<String, List<Rendition>> renditions(Connection c, List<String> ids) throws SQLException {
    Map<String, List<Rendition>> byVideo = new HashMap<>();
    if (ids.isEmpty()) return byVideo;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT video_id, name, width, height, bandwidth, codecs"
                + " FROM renditions WHERE video_id IN ("
                + marks(ids)
                + ") ORDER BY video_id, seq")) {
      bindIds(ps, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byVideo
              .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(
                  new Rendition(
                      rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getLong(5), rs.getString(6)));
        }
      }
    }
    return byVideo;
  }

  private static void bindRendition(PreparedStatement ps, String id, int seq, Rendition r)
      throws SQLException {
    ps.setString(1, id);
    ps.setInt(2, seq);
    ps.setString(3, r.name());
    ps.setInt(4, r.width());
    ps.setInt(5, r.height());
    ps.setLong(6, r.bandwidth());
    if (r.codecs() == null) ps.setNull(7, Types.VARCHAR);
    else ps.setString(7, r.codecs());
  }

  private static String marks(List<String> ids) {
    return String.join(", ", Collections.nCopies(ids.size(), "?"));
  }

  private static void bindIds(PreparedStatement ps, List<String> ids) throws SQLException {
    for (int i = 0; i < ids.size(); i++) ps.setString(i + 1, ids.get(i));
  }
}
