// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.List;

/**
 * The dialect-specific pieces of {@link AggregationSql}: FROM items that unwind the lists on a
 * field path, and double-precision arithmetic. The FROM items name their current JSON value
 * the way the dialect's {@link JsonValueSql#elements(String)} scans do ({@code alias.value} and
 * {@code alias.type} from SQLite's {@code json_each}, {@code alias.v} for PostgreSQL), so that
 * {@link #element(String)} reads them with the dialect's own typing rules.
 */
abstract class UnwindSql {
  final SqlDialect dialect;

  private UnwindSql(SqlDialect dialect) {
    this.dialect = dialect;
  }

  static UnwindSql of(SqlDialect dialect) {
    return switch (dialect.name()) {
      case "sqlite" -> new Sqlite(dialect);
      case "postgresql" -> new Postgres(dialect);
      default -> throw new IllegalArgumentException("no aggregation SQL for dialect " + dialect.name());
    };
  }

  /** The current value of a FROM item made here and named {@code alias}. */
  final JsonValueSql element(String alias) {
    return dialect.field("doc", List.of("_")).elements(alias).element();
  }

  /**
   * A SELECT list exposing the value at {@code path} of {@code docColumn} under the column
   * names that {@link #element(String)} reads, in exactly the dialect's field expressions (so
   * that an index on the field serves it).
   */
  abstract String valueColumns(String docColumn, List<String> path);

  /** Those columns of the FROM item {@code alias}, comma-separated: a grouping key. */
  abstract String valueKey(String alias);

  /**
   * The ORDER BY clause (with a leading space, or empty) that a subquery of
   * {@link #valueColumns} should have so that grouping by {@link #valueKey} streams instead of
   * sorting.
   */
  abstract String valueOrder();

  /**
   * A FROM item named {@code alias} over the elements of the value at {@code path} of
   * {@code docColumn} when that value is an array, else over nothing.
   */
  abstract String arrayElements(String docColumn, List<String> path, String alias);

  /**
   * Comma-separated FROM items that walk {@code path} from the document {@code docColumn}, one
   * item per key named {@code alias1, alias2, ...}: each gives the elements of the key's value
   * when it is an array, else the value itself (the elements of nothing for a missing key); the
   * next key is read in the current value when it is a document. The last item holds the
   * values the path gives, as {@link InMemoryAggregations#values} unwinds them (plus nulls).
   */
  abstract String chain(String docColumn, List<String> path, String alias);

  /** A number as a double-precision float. */
  abstract String real(String number);

  /** A non-negative double rounded down to an integer. */
  abstract String floor(String real);

  /** The smaller of two numbers. */
  abstract String least(String a, String b);

  /** A double parameter, typed as double precision. */
  abstract SqlFragment realParameter(double value);

  /** SQLite: {@code json_each} over text JSON, wrapping a non-array value in an array. */
  private static final class Sqlite extends UnwindSql {
    Sqlite(SqlDialect dialect) {
      super(dialect);
    }

    @Override
    String valueColumns(String docColumn, List<String> path) {
      String p = ((SqliteDialect) dialect).literalPath(docColumn, path);
      return "json_extract(" + docColumn + ", " + p + ") AS value, json_type(" + docColumn + ", " + p
          + ") AS type";
    }

    @Override
    String valueKey(String alias) {
      return alias + ".value, " + alias + ".type";
    }

    @Override
    String valueOrder() {
      // the order of the field's index: SQLite then groups without a temporary b-tree
      return " ORDER BY value, type";
    }

    @Override
    String arrayElements(String docColumn, List<String> path, String alias) {
      String p = ((SqliteDialect) dialect).literalPath(docColumn, path);
      // json_extract, not json_each(doc, path): an index on json_extract(doc, path) then covers it
      return "json_each(CASE WHEN json_type(" + docColumn + ", " + p + ") = 'array' THEN json_extract("
          + docColumn + ", " + p + ") END) AS " + alias;
    }

    @Override
    String chain(String docColumn, List<String> path, String alias) {
      StringBuilder from = new StringBuilder();
      for (int i = 0; i < path.size(); i++) {
        String at = i == 0 ? docColumn : alias + i + ".value";
        String k = ((SqliteDialect) dialect).literalPath(at, List.of(path.get(i)));
        // '[' || json || ']' wraps a non-array; a missing key gives NULL, which json_each skips
        String values = "CASE WHEN json_type(" + at + ", " + k + ") = 'array' THEN " + at + " -> " + k
            + " ELSE '[' || (" + at + " -> " + k + ") || ']' END";
        if (i > 0) {
          // only documents are parsed further: a string element is not JSON text
          values = "CASE WHEN " + alias + i + ".type = 'object' THEN " + values + " END";
        }
        from.append(i == 0 ? "" : ", ").append("json_each(").append(values).append(") AS ")
            .append(alias).append(i + 1);
      }
      return from.toString();
    }

    @Override
    String real(String number) {
      return "CAST(" + number + " AS REAL)";
    }

    @Override
    String floor(String real) {
      // CAST truncates toward zero, which is floor for the non-negative values it gets
      return "CAST(" + real + " AS INTEGER)";
    }

    @Override
    String least(String a, String b) {
      return "min(" + a + ", " + b + ")";
    }

    @Override
    SqlFragment realParameter(double value) {
      return new SqlFragment("?", List.of(value));
    }
  }

  /** PostgreSQL: {@code jsonb_array_elements}, wrapping a non-array value in an array. */
  private static final class Postgres extends UnwindSql {
    Postgres(SqlDialect dialect) {
      super(dialect);
    }

    @Override
    String valueColumns(String docColumn, List<String> path) {
      StringBuilder j = new StringBuilder("(").append(docColumn);
      for (String key : path) {
        j.append(" -> ").append(PostgresDialect.stringLiteral(key));
      }
      return j.append(") AS v").toString();
    }

    @Override
    String valueKey(String alias) {
      return alias + ".v";
    }

    @Override
    String valueOrder() {
      return "";
    }

    @Override
    String arrayElements(String docColumn, List<String> path, String alias) {
      return dialect.field(docColumn, path).elements(alias).from();
    }

    @Override
    String chain(String docColumn, List<String> path, String alias) {
      StringBuilder from = new StringBuilder();
      for (int i = 0; i < path.size(); i++) {
        String at = i == 0 ? docColumn : alias + i + ".v";
        // -> gives NULL on anything but a document, and jsonb_build_array(NULL) is [null]
        String x = "(" + at + " -> " + PostgresDialect.stringLiteral(path.get(i)) + ")";
        from.append(i == 0 ? "" : ", ").append("jsonb_array_elements(CASE WHEN jsonb_typeof(")
            .append(x).append(") = 'array' THEN ").append(x).append(" ELSE jsonb_build_array(")
            .append(x).append(") END) AS ").append(alias).append(i + 1).append("(v)");
      }
      return from.toString();
    }

    @Override
    String real(String number) {
      return "CAST(" + number + " AS double precision)";
    }

    @Override
    String floor(String real) {
      return "CAST(floor(" + real + ") AS bigint)";
    }

    @Override
    String least(String a, String b) {
      return "LEAST(" + a + ", " + b + ")";
    }

    @Override
    SqlFragment realParameter(double value) {
      return new SqlFragment("CAST(? AS double precision)", List.of(value));
    }
  }
}
