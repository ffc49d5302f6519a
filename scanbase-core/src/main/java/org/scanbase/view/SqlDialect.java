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

  // ---- pieces of whole view queries ({@link ViewSql}) --------------------------------------

  /**
   * The LIMIT/OFFSET clause, with a leading space; empty when there is nothing to cut.
   *
   * @param limit  rows to keep, or -1 for all
   * @param offset rows to drop first ({@code >= 0})
   */
  String limitOffset(long limit, long offset);

  /**
   * The order of {@code take}: the lower-case hex MD5 of {@code "<seed>:" || idColumn}, as
   * {@link InMemoryView#takeKey(long, String)} computes it (SQLite needs the function that
   * {@link SqliteFunctions#register(java.sql.Connection)} adds).
   */
  SqlFragment takeKey(long seed, String idColumn);

  /** True when {@code column} is one of {@code ids}, bound as one parameter whatever their number. */
  SqlFragment idIn(String column, List<String> ids);

  /**
   * The document of a frame in a frames view: the frame document {@code frameDoc} with
   * {@code "filepath"} taken from the sample document {@code sampleDoc} (null when it has
   * none), {@code "media_type": "image"}, and {@code "tags"} the frame's own or {@code []}.
   */
  String frameDoc(String frameDoc, String sampleDoc);

  /** JSON text of an SQL number, {@code 'null'} for SQL NULL. */
  SqlFragment numberJson(SqlFragment number);

  /**
   * How to read the label field at {@code path} of {@code docColumn} for {@code filterLabels}:
   * whether it is a document, and the scans over the elements of its list when it is a list
   * container ({@code {"_type": "Detections", "detections": [...]}}). Aliases start with
   * {@code alias}.
   */
  LabelScan labels(String docColumn, List<String> path, String alias);

  /**
   * SQL pieces for one label field.
   *
   * @param isDocument    true when the field holds a JSON object (never SQL NULL)
   * @param lists         FROM item over the field's entries
   * @param listWhere     keeps the entry named as the lower-cased {@code _type} and holding an array
   * @param elements      FROM item over that array's elements (follows {@code lists})
   * @param elementWhere  keeps the elements that are documents
   * @param element       the column holding the current element document
   */
  record LabelScan(String isDocument, String lists, String listWhere, String elements,
      String elementWhere, String element) {}
}
