// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.ArrayList;
import java.util.List;

/**
 * SQLite's JSON1 functions on a TEXT (or JSONB blob) document column. A field is
 * {@code json_extract(doc, '$."a"."b"')} with {@code json_type(doc, '$."a"."b"')} for its
 * class; every key is quoted in the path, with {@code "} and {@code \} written as JSON escapes
 * ({@code \u0022}, {@code \u005c}, which SQLite 3.45+ decodes in quoted labels) and the whole
 * path as an SQL string literal with {@code '} doubled. Numbers and strings compare natively
 * (strings by UTF-8 bytes, the BINARY collation), so {@code json_extract(doc, P) > ?} can use
 * an expression index on {@code json_extract(doc, P)}; booleans read as 1 and 0.
 */
public final class SqliteDialect implements SqlDialect {

  private final KeyCodec keys;

  /** The one instance without key codes is {@link SqlDialect#SQLITE}. */
  SqliteDialect() {
    this(KeyCodec.NONE);
  }

  private SqliteDialect(KeyCodec keys) {
    this.keys = keys;
  }

  /** This dialect for documents whose top-level keys are stored as {@code keys} encodes them. */
  public SqliteDialect withKeys(KeyCodec keys) {
    return new SqliteDialect(keys);
  }

  /**
   * The SQL string literal of the JSON path of {@code path} in {@code docColumn}: its first key
   * encoded when the column is a stored document ({@code doc}, {@code v.doc}), as is when it is
   * a value inside one ({@code je1.value}).
   */
  public String literalPath(String docColumn, List<String> path) {
    if (keys == KeyCodec.NONE || path.isEmpty() || !(docColumn.equals("doc") || docColumn.endsWith(".doc"))) {
      return stringLiteral(jsonPath(path));
    }
    List<String> stored = new ArrayList<>(path);
    stored.set(0, keys.encode(path.get(0)));
    return stringLiteral(jsonPath(stored));
  }

  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  public JsonValueSql field(String docColumn, List<String> path) {
    String p = literalPath(docColumn, path);
    return new Json("json_extract(" + docColumn + ", " + p + ")",
        "json_type(" + docColumn + ", " + p + ")", docColumn + ", " + p,
        "COALESCE(" + docColumn + " -> " + p + ", 'null')");
  }

  /** The JSON path {@code $."a"."b"} selecting object keys {@code path}, one by one. */
  public static String jsonPath(List<String> path) {
    StringBuilder out = new StringBuilder("$");
    for (String key : path) {
      out.append(".\"");
      for (int i = 0; i < key.length(); i++) {
        char c = key.charAt(i);
        if (c == '"') {
          out.append("\\u0022");
        } else if (c == '\\') {
          out.append("\\u005c");
        } else {
          out.append(c);
        }
      }
      out.append('"');
    }
    return out.toString();
  }

  /** An SQL string literal; SQLite has no backslash escapes, so doubling quotes is all. */
  public static String stringLiteral(String s) {
    if (s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("NUL character in SQL string");
    }
    return "'" + s.replace("'", "''") + "'";
  }

  @Override
  public String trueLiteral() {
    return "1";
  }

  @Override
  public String falseLiteral() {
    return "0";
  }

  @Override
  public SqlFragment parameter(Object value) {
    // JSON true and false read as 1 and 0 in SQLite, so booleans bind as those integers
    Object bound = value instanceof Boolean b ? (Object) (b ? 1L : 0L) : value;
    return new SqlFragment("?", List.of(bound));
  }

  @Override
  public SqlFragment orFalse(SqlFragment predicate) {
    return SqlFragment.concat("COALESCE(", predicate, ", 0)");
  }

  @Override
  public SqlFragment divide(SqlFragment dividend, SqlFragment divisor) {
    return SqlFragment.concat("(CAST(", dividend, " AS REAL) / ", divisor, ")");
  }

  @Override
  public SqlFragment containsText(SqlFragment haystack, SqlFragment needle) {
    // instr is case-sensitive; LIKE would fold ASCII case and treat % and _ specially
    return SqlFragment.concat("(instr(", haystack, ", ", needle, ") > 0)");
  }

  @Override
  public String limitOffset(long limit, long offset) {
    if (limit < 0) {
      return offset > 0 ? " LIMIT -1 OFFSET " + offset : "";
    }
    return " LIMIT " + limit + (offset > 0 ? " OFFSET " + offset : "");
  }

  @Override
  public SqlFragment takeKey(long seed, String idColumn) {
    return new SqlFragment("md5(? || " + idColumn + ")", List.of(seed + ":"));
  }

  @Override
  public SqlFragment idIn(String column, List<String> ids) {
    return new SqlFragment(column + " IN (SELECT value FROM json_each(?))", List.of(JsonText.array(ids)));
  }

  @Override
  public String frameDoc(String frameDoc, String sampleDoc) {
    String filepath = literalPath("doc", List.of("filepath"));
    String mediaType = literalPath("doc", List.of("media_type"));
    String tags = literalPath("doc", List.of("tags"));
    return "json_set(" + frameDoc + ", " + filepath + ", " + sampleDoc + " -> " + filepath + ","
        + " " + mediaType + ", 'image', " + tags + ", CASE WHEN json_extract(" + frameDoc
        + ", " + tags + ") IS NULL THEN json('[]') ELSE " + frameDoc + " -> " + tags + " END)";
  }

  @Override
  public SqlFragment numberJson(SqlFragment number) {
    return SqlFragment.concat("json_quote(", number, ")");
  }

  @Override
  public LabelScan labels(String docColumn, List<String> path, String alias) {
    String p = literalPath(docColumn, path);
    List<String> typePath = new ArrayList<>(path);
    typePath.add("_type");
    String t = literalPath(docColumn, typePath);
    String k = alias + "k";
    String e = alias + "e";
    // json_each over an object gives its entries; over a scalar, one row whose key is NULL
    return new LabelScan("(json_type(" + docColumn + ", " + p + ") IS 'object')",
        "json_each(" + docColumn + ", " + p + ") AS " + k,
        "(" + k + ".type = 'array' AND json_type(" + docColumn + ", " + t + ") = 'text' AND "
            + k + ".key = lower(json_extract(" + docColumn + ", " + t + ")))",
        "json_each(" + k + ".value) AS " + e, "(" + e + ".type = 'object')", e + ".value");
  }

  /**
   * A JSON value read by {@code value} (json_extract or json_each.value) and classified by
   * {@code type} (json_type or json_each.type); {@code source} is the argument list for
   * json_each, or null for array elements; {@code text} its JSON text, null for array elements.
   */
  private record Json(String value, String type, String source, String text) implements JsonValueSql {

    @Override
    public Typed as(ValueKind kind) {
      return new Typed(value, switch (kind) {
        case NUMBER -> type + " IN ('integer', 'real')";
        case STRING -> type + " = 'text'";
        case BOOLEAN -> type + " IN ('true', 'false')";
      });
    }

    @Override
    public String isNull() {
      // json_extract gives SQL NULL for both a missing key and JSON null
      return "(" + value + " IS NULL)";
    }

    @Override
    public String isNotNull() {
      return "(" + value + " IS NOT NULL)";
    }

    @Override
    public String isTrue() {
      return "(" + type + " = 'true')";
    }

    @Override
    public ArrayScan elements(String alias) {
      if (source == null) {
        throw new UnsupportedOperationException("cannot scan the elements of an array element");
      }
      return new ArrayScan("json_each(" + source + ") AS " + alias,
          "(" + type + " = 'array')",
          new Json(alias + ".value", alias + ".type", null, null));
    }

    @Override
    public List<List<String>> valueIndexes() {
      // the class too, so that a count or a membership test reads the index alone
      return List.of(List.of(value, type));
    }

    @Override
    public String text() {
      if (text == null) {
        throw new UnsupportedOperationException("no JSON text for an array element");
      }
      return text;
    }

    @Override
    public List<String> sortTerms(boolean reverse) {
      String rank = "CASE " + type + " WHEN 'integer' THEN 0 WHEN 'real' THEN 0"
          + " WHEN 'text' THEN 1 WHEN 'true' THEN 2 WHEN 'false' THEN 2"
          + " WHEN 'array' THEN 3 WHEN 'object' THEN 3 ELSE " + (reverse ? -1 : 4) + " END";
      String key = "CASE WHEN " + type + " IN ('array', 'object') THEN NULL ELSE " + value + " END";
      return List.of(rank, key);
    }
  }
}
