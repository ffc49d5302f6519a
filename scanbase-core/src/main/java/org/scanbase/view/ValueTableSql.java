// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.List;

/**
 * A narrow table holding one field's value per sample row in the forms PostgreSQL aggregates
 * fastest: {@code seq} (the row's {@code seq}), {@code kind} (0 number, 1 string, 2 boolean, NULL
 * for a missing, null, list or object value), {@code t} (the scalar as text: a number in
 * PostgreSQL's numeric notation, a string's characters, {@code true}/{@code false}) and
 * {@code n} (a number as the nearest double, NULL when it is not a number or lies outside
 * 1e-300 .. 1e300 in magnitude, where the conversion could fail). countValues groups by
 * (kind, t) instead of by JSONB values (hashing a text is cheap, a JSONB value is not) and a
 * histogram bins {@code n} without converting a JSONB number per row. The PostgreSQL store
 * keeps one per indexed field, maintained by triggers.
 */
public final class ValueTableSql {
  private ValueTableSql() {}

  /** The statement creating value table {@code name}. */
  public static String create(String name) {
    return "CREATE TABLE " + name + " (seq bigint PRIMARY KEY, kind smallint, t text COLLATE \"C\", n float8)";
  }

  /**
   * A query giving the value table's rows for the rows of {@code source} (a table or transition
   * table with columns {@code seq} and {@code doc}), the field at {@code path} read once per row.
   */
  public static String select(String source, List<String> path) {
    String x = "s.x";
    String kind = "CASE jsonb_typeof(" + x + ") WHEN 'number' THEN 0 WHEN 'string' THEN 1 WHEN 'boolean' THEN 2 END";
    String text = "CASE WHEN jsonb_typeof(" + x + ") IN ('number', 'string', 'boolean') THEN " + x + " #>> '{}' END";
    // a CASE inside the CASE: numeric is only cast once the value is known to be a number
    String number = "CASE WHEN jsonb_typeof(" + x + ") = 'number' THEN CASE WHEN CAST(" + x + " AS numeric) = 0"
        + " OR abs(CAST(" + x + " AS numeric)) BETWEEN 1e-300 AND 1e300 THEN CAST(" + x + " AS float8) END END";
    // OFFSET 0: the field is read (and the document detoasted) once per row, not per use
    StringBuilder field = new StringBuilder("doc");
    for (String key : path) {
      field.append(" -> ").append(PostgresDialect.stringLiteral(key));
    }
    return "SELECT s.seq, " + kind + ", " + text + ", " + number + " FROM (SELECT seq, " + field
        + " AS x FROM " + source + " OFFSET 0) AS s";
  }

  /** The statement filling value table {@code name} from the rows of {@code samples}. */
  public static String fill(String name, String samples, List<String> path) {
    return "INSERT INTO " + name + " (seq, kind, t, n) " + select(samples, path);
  }
}
