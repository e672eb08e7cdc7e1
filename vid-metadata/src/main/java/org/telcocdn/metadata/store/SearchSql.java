package org.telcocdn.metadata.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The WHERE clause of a search and its parameters. The name filter is a LIKE on the lower-cased
 * name with '!' as escape character, so that '%' and '_' typed by a user match literally; the tag
 * filter counts the wanted tags a video carries, which must be all of them.
 */
record SearchSql(String where, List<String> params) {
  static SearchSql of(VideoQuery query) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<String> params = new ArrayList<>();
    String q = query.nameContains();
    if (q != null && !q.isEmpty()) {
      where.append(" AND v.name_lower LIKE ? ESCAPE '!'");
      params.add("%" + escape(q.toLowerCase(Locale.ROOT)) + "%");
    }
    List<String> tags = query.tags();
    if (!tags.isEmpty()) {
      where
          .append(" AND (SELECT COUNT(*) FROM video_tags t WHERE t.video_id = v.id AND t.tag IN (")
          .append(String.join(", ", Collections.nCopies(tags.size(), "?")))
          .append(")) = ")
          .append(tags.size());
      params.addAll(tags);
    }
    return new SearchSql(where.toString(), List.copyOf(params));
  }

  /** Binds the parameters from index 1; returns the next free index. */
  int bind(PreparedStatement ps) throws SQLException {
    for (int i = 0; i < params.size(); i++) ps.setString(i + 1, params.get(i));
    return params.size() + 1;
  }

  private static String escape(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
