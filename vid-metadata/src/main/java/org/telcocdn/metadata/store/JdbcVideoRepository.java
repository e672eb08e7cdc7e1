package org.telcocdn.metadata.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.telcocdn.metadata.Rendition;
import org.telcocdn.metadata.Video;
import org.telcocdn.metadata.VideoDraft;

/**
 * The one repository implementation, for H2 and PostgreSQL alike: portable SQL only (LIMIT/OFFSET,
 * a lower-cased name column instead of ILIKE, epoch-millisecond times). Each write runs in one
 * transaction via {@link Transactions}, so a failure half-way leaves nothing behind.
 */
public final class JdbcVideoRepository implements VideoRepository {
  /** SQLSTATE of a unique-key violation, the same on H2 and PostgreSQL. */
  private static final String UNIQUE_VIOLATION = "23505";

  private static final String COLUMNS =
      "v.id, v.name, v.file_type, v.duration_seconds, v.created_at, v.updated_at, v.live";

  private final Transactions tx;
  private final VideoChildren children = new VideoChildren();
  private final Clock clock;

  public JdbcVideoRepository(DataSource dataSource, Clock clock) {
    this.tx = new Transactions(dataSource);
    this.clock = clock;
  }

  @Override
  public Video create(VideoDraft draft) throws DuplicateVideoException {
    Instant now = now();
    try {
      return tx.write(
          c -> {
            insertVideo(c, draft, now);
            children.insert(c, draft);
            return load(c, draft.id()).orElseThrow();
          });
    } catch (RepositoryException e) {
      if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        throw new DuplicateVideoException(draft.id());
      }
      throw e;
    }
  }

  @Override
  public Optional<Video> find(String id) {
    return tx.read(c -> load(c, id));
  }

  @Override
  public Optional<Video> update(String id, VideoDraft draft) {
    Instant now = now();
    return tx.write(
        c -> {
          if (!updateVideo(c, id, draft, now)) return Optional.empty();
          children.delete(c, id);
          children.insert(c, draft.withId(id));
          return load(c, id);
        });
  }

  @Override
  public boolean delete(String id) {
    return tx.write(
        c -> {
          // Children first: explicit, so the outcome does not rest on ON DELETE CASCADE alone.
          children.delete(c, id);
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM videos WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public VideoPage search(VideoQuery query) {
    SearchSql sql = SearchSql.of(query);
    return tx.read(
        c -> {
          long total;
          try (PreparedStatement ps =
              c.prepareStatement("SELECT COUNT(*) FROM videos v" + sql.where())) {
            sql.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              total = rs.getLong(1);
            }
          }
          String page =
              "SELECT "
                  + COLUMNS
                  + " FROM videos v"
                  + sql.where()
                  + " ORDER BY v.created_at DESC, v.id ASC LIMIT ? OFFSET ?";
          try (PreparedStatement ps = c.prepareStatement(page)) {
            int next = sql.bind(ps);
            ps.setInt(next, query.limit());
            ps.setInt(next + 1, query.offset());
            return new VideoPage(assemble(c, rows(ps)), total);
          }
        });
  }

  @Override
  public boolean reachable() {
    try {
      return tx.read(
          c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1");
                ResultSet rs = ps.executeQuery()) {
              return rs.next();
            }
          });
    } catch (RepositoryException e) {
      return false;
    }
  }

  private Instant now() {
    // Stored as epoch millis: truncate so that what create() returns equals what find() reads back.
    return Instant.ofEpochMilli(clock.millis());
  }

  private static void insertVideo(Connection c, VideoDraft d, Instant now) throws SQLException {
    String sql =
        "INSERT INTO videos (id, name, name_lower, file_type, duration_seconds, live, created_at,"
            + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, d.id());
      int next = bindFields(ps, 2, d);
      ps.setLong(next, now.toEpochMilli());
      ps.setLong(next + 1, now.toEpochMilli());
      ps.executeUpdate();
    }
  }

  private static boolean updateVideo(Connection c, String id, VideoDraft d, Instant now)
      throws SQLException {
    String sql =
        "UPDATE videos SET name = ?, name_lower = ?, file_type = ?, duration_seconds = ?, live = ?,"
            + " updated_at = ? WHERE id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int next = bindFields(ps, 1, d);
      ps.setLong(next, now.toEpochMilli());
      ps.setString(next + 1, id);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Binds name, name_lower, file_type, duration_seconds, live from {@code index}; returns the next
   * index.
   */
  private static int bindFields(PreparedStatement ps, int index, VideoDraft d) throws SQLException {
    ps.setString(index, d.name());
    ps.setString(index + 1, d.name() == null ? null : d.name().toLowerCase(Locale.ROOT));
    if (d.fileType() == null) ps.setNull(index + 2, Types.VARCHAR);
    else ps.setString(index + 2, d.fileType());
    ps.setDouble(index + 3, d.durationSeconds());
    ps.setBoolean(index + 4, d.live());
    return index + 5;
  }

  private Optional<Video> load(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM videos v WHERE v.id = ?")) {
      ps.setString(1, id);
      return assemble(c, rows(ps)).stream().findFirst();
    }
  }

  private static List<VideoRow> rows(PreparedStatement ps) throws SQLException {
    List<VideoRow> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(
            new VideoRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getDouble(4),
                Instant.ofEpochMilli(rs.getLong(5)),
                Instant.ofEpochMilli(rs.getLong(6)),
                rs.getBoolean(7)));
      }
    }
    return rows;
  }

  private List<Video> assemble(Connection c, List<VideoRow> rows) throws SQLException {
    List<String> ids = rows.stream().map(VideoRow::id).toList();
    var tags = children.tags(c, ids);
    var renditions = children.renditions(c, ids);
    return rows.stream()
        .map(
            r ->
                r.toVideo(
                    tags.getOrDefault(r.id(), List.of()),
                    renditions.getOrDefault(r.id(), List.<Rendition>of())))
        .toList();
  }

  /** The columns of one videos row, before its tags and renditions are attached. */
  private record VideoRow(
      String id,
      String name,
      String fileType,
      double duration,
      Instant created,
      Instant updated,
      boolean live) {
    Video toVideo(List<String> tags, List<Rendition> renditions) {
      return new Video(
          id, name, tags, fileType, duration, renditions, live, created, updated, null, null);
    }
  }
}
