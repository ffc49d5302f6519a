// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A piece of SQL with {@code ?} placeholders and the values to bind to them, in order. Values
 * are never written into {@link #sql()}; only field paths are, as escaped string literals, so
 * that expression indexes on the same paths match.
 *
 * @param sql    SQL text with one {@code ?} per parameter
 * @param params Long, Double, String or Boolean values for {@code PreparedStatement.setObject}
 */
public record SqlFragment(String sql, List<Object> params) {

  public SqlFragment {
    Objects.requireNonNull(sql, "sql");
    params = Collections.unmodifiableList(new ArrayList<>(params));
  }

  /** SQL text without parameters. */
  public static SqlFragment of(String sql) {
    return new SqlFragment(sql, List.of());
  }

  /** Joins parts in order: a String is SQL text, a fragment brings its parameters along. */
  static SqlFragment concat(Object... parts) {
    StringBuilder sql = new StringBuilder();
    List<Object> params = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof SqlFragment f) {
        sql.append(f.sql);
        params.addAll(f.params);
      } else {
        sql.append((String) part);
      }
    }
    return new SqlFragment(sql.toString(), params);
  }

  /** Joins fragments with a separator. */
  static SqlFragment join(String separator, List<SqlFragment> parts) {
    Object[] all = new Object[Math.max(0, parts.size() * 2 - 1)];
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        all[2 * i - 1] = separator;
      }
      all[2 * i] = parts.get(i);
    }
    return concat(all);
  }
}
