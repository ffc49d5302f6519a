// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.List;

/**
 * What {@link SqlCompiler} needs to know about one database's JSON functions and syntax. Two
 * implementations: {@link #SQLITE} (JSON1 functions on a TEXT column) and {@link #POSTGRESQL}
 * (operators on a JSONB column). Field paths are written into the SQL as escaped string
 * literals, never parameters, so that expression indexes on them match the queries.
 */
public interface SqlDialect {

  /** SQLite's JSON functions: {@code json_extract(doc, '$."SliceLocation"')}, {@code json_type}. */
  SqlDialect SQLITE = new SqliteDialect();

  /** PostgreSQL JSONB: {@code doc -> 'SliceLocation'}, {@code jsonb_typeof}, casts. */
  SqlDialect POSTGRESQL = new PostgresDialect();

  /** A short name: "sqlite" or "postgresql". */
  String name();

  /**
   * The JSON value at {@code path} inside the document column {@code docColumn}.
   *
   * @param docColumn a trusted SQL column reference, e.g. {@code doc} or {@code s.doc}
   */
  JsonValueSql field(String docColumn, List<String> path);

  /** The SQL boolean constant true. */
  String trueLiteral();

  /** The SQL boolean constant false. */
  String falseLiteral();

  /** A placeholder for {@code value} (Long, Double, String or Boolean), cast where needed. */
  SqlFragment parameter(Object value);

  /** {@code predicate} with SQL NULL turned into false. */
  SqlFragment orFalse(SqlFragment predicate);

  /** Floating-point division of two numeric SQL expressions; NULL when dividing by zero. */
  SqlFragment divide(SqlFragment dividend, SqlFragment divisor);

  /** True when string {@code haystack} holds {@code needle}, case-sensitively. */
  SqlFragment containsText(SqlFragment haystack, SqlFragment needle);
}
