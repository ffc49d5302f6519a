// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL on a JSONB document column. A field is {@code (doc -> 'a' -> 'b')}: the text
 * form of {@code ->} selects object keys only, like SQLite's quoted path labels (whereas
 * {@code #> '{a,0}'} would also index arrays). Keys are SQL string literals with {@code '}
 * doubled, or {@code E'...'} literals when they hold a backslash, which read the same whatever
 * {@code standard_conforming_strings} says. Values of one class are read under a CASE on
 * {@code jsonb_typeof}, so no cast ever sees a value of another class: numbers as
 * {@code numeric}, strings as text in the {@code "C"} collation (code-point order, as SQLite),
 * booleans as {@code boolean}. Parameters are cast to the type they are compared with.
 */
public final class PostgresDialect implements SqlDialect {

  /** The one instance is {@link SqlDialect#POSTGRESQL}. */
  PostgresDialect() {}

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public JsonValueSql field(String docColumn, List<String> path) {
    StringBuilder j = new StringBuilder("(").append(docColumn);
    for (String key : path) {
      j.append(" -> ").append(stringLiteral(key));
    }
    return new Json(j.append(')').toString(), true);
  }

  /** An SQL string literal that means the same with or without standard_conforming_strings. */
  public static String stringLiteral(String s) {
    if (s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("NUL character in SQL string");
    }
    if (s.indexOf('\\') < 0) {
      return "'" + s.replace("'", "''") + "'";
    }
    return "E'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  @Override
  public String trueLiteral() {
    return "TRUE";
  }

  @Override
  public String falseLiteral() {
    return "FALSE";
  }

  @Override
  public SqlFragment parameter(Object value) {
    String type;
    if (value instanceof Long || value instanceof Double) {
      type = "numeric";
    } else if (value instanceof String) {
      type = "text";
    } else if (value instanceof Boolean) {
      type = "boolean";
    } else {
      throw new IllegalArgumentException("cannot bind " + value);
    }
    return new SqlFragment("CAST(? AS " + type + ")", List.of(value));
  }

  @Override
  public SqlFragment orFalse(SqlFragment predicate) {
    return SqlFragment.concat("COALESCE(", predicate, ", FALSE)");
  }

  @Override
  public SqlFragment divide(SqlFragment dividend, SqlFragment divisor) {
    return SqlFragment.concat("(", dividend, " / NULLIF(", divisor, ", 0))");
  }

  @Override
  public SqlFragment containsText(SqlFragment haystack, SqlFragment needle) {
    return SqlFragment.concat("(strpos(", haystack, ", ", needle, ") > 0)");
  }

  @Override
  public String limitOffset(long limit, long offset) {
    String off = offset > 0 ? " OFFSET " + offset : "";
    return limit < 0 ? off : " LIMIT " + limit + off;
  }

  @Override
  public SqlFragment takeKey(long seed, String idColumn) {
    return new SqlFragment("md5(CAST(? AS text) || " + idColumn + ")", List.of(seed + ":"));
  }

  @Override
  public SqlFragment idIn(String column, List<String> ids) {
    return new SqlFragment(column + " IN (SELECT jsonb_array_elements_text(CAST(? AS jsonb)))",
        List.of(JsonText.array(ids)));
  }

  @Override
  public String frameDoc(String frameDoc, String sampleDoc) {
    return "(" + frameDoc + " || jsonb_build_object('filepath', " + sampleDoc + " -> 'filepath',"
        + " 'media_type', 'image', 'tags', COALESCE(NULLIF(" + frameDoc
        + " -> 'tags', 'null'::jsonb), '[]'::jsonb)))";
  }

  @Override
  public SqlFragment numberJson(SqlFragment number) {
    return SqlFragment.concat("COALESCE(to_jsonb(", number, ")::text, 'null')");
  }

  @Override
  public LabelScan labels(String docColumn, List<String> path, String alias) {
    String x = ((Json) field(docColumn, path)).j();
    String k = alias + "k";
    String e = alias + "e";
    // jsonb_each and jsonb_array_elements raise errors on other classes: give them empty ones
    return new LabelScan("(COALESCE(jsonb_typeof(" + x + "), 'null') = 'object')",
        "jsonb_each(CASE WHEN jsonb_typeof(" + x + ") = 'object' THEN " + x
            + " ELSE '{}'::jsonb END) AS " + k + "(key, value)",
        "(jsonb_typeof(" + k + ".value) = 'array' AND jsonb_typeof(" + x + " -> '_type') = 'string'"
            + " AND " + k + ".key = lower(" + x + " ->> '_type'))",
        "jsonb_array_elements(CASE WHEN jsonb_typeof(" + k + ".value) = 'array' THEN " + k
            + ".value ELSE '[]'::jsonb END) AS " + e + "(value)",
        "(jsonb_typeof(" + e + ".value) = 'object')", e + ".value");
  }

  /** A JSONB expression {@code j}; {@code scannable} is false for array elements. */
  private record Json(String j, boolean scannable) implements JsonValueSql {

    private String typeof() {
      return "jsonb_typeof(" + j + ")";
    }

    @Override
    public Typed as(ValueKind kind) {
      String scalar = j + " #>> '{}'";
      return new Typed(switch (kind) {
        case NUMBER -> "CASE WHEN " + typeof() + " = 'number' THEN (" + scalar + ")::numeric END";
        case STRING -> "(CASE WHEN " + typeof() + " = 'string' THEN " + scalar + " END COLLATE \"C\")";
        case BOOLEAN -> "CASE WHEN " + typeof() + " = 'boolean' THEN (" + scalar + ")::boolean END";
      }, null);
    }

    @Override
    public String isNull() {
      return "(COALESCE(" + typeof() + ", 'null') = 'null')";
    }

    @Override
    public String isNotNull() {
      return "(COALESCE(" + typeof() + ", 'null') <> 'null')";
    }

    @Override
    public String isTrue() {
      return "(" + j + " = 'true'::jsonb)";
    }

    @Override
    public ArrayScan elements(String alias) {
      if (!scannable) {
        throw new UnsupportedOperationException("cannot scan the elements of an array element");
      }
      // jsonb_array_elements raises an error on non-arrays, so it gets an empty array instead
      return new ArrayScan("jsonb_array_elements(CASE WHEN " + typeof() + " = 'array' THEN " + j
          + " ELSE '[]'::jsonb END) AS " + alias + "(v)",
          "(" + typeof() + " = 'array')", new Json(alias + ".v", false));
    }

    @Override
    public List<List<String>> valueIndexes() {
      List<List<String>> out = new ArrayList<>();
      for (ValueKind kind : ValueKind.values()) {
        out.add(List.of(as(kind).value()));
      }
      return out;
    }

    @Override
    public String text() {
      return "COALESCE((" + j + ")::text, 'null')";
    }

    @Override
    public List<String> sortTerms(boolean reverse) {
      List<String> terms = new ArrayList<>();
      terms.add("CASE " + typeof() + " WHEN 'number' THEN 0 WHEN 'string' THEN 1"
          + " WHEN 'boolean' THEN 2 WHEN 'array' THEN 3 WHEN 'object' THEN 3 ELSE "
          + (reverse ? -1 : 4) + " END");
      // one term per class: a CASE cannot mix numeric, text and boolean results
      for (ValueKind kind : ValueKind.values()) {
        terms.add(as(kind).value());
      }
      return terms;
    }
  }
}
