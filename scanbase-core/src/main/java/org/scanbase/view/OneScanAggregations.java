// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.scanbase.view.AggregationResult.BoundsResult;
import org.scanbase.view.AggregationResult.CountValuesResult;
import org.scanbase.view.AggregationResult.HistogramResult;

/**
 * {@link ScalarAggregationSql} for databases whose expression indexes do not answer queries
 * alone (PostgreSQL): countValues and histogram in one pass over the rows, bounds by two seeks
 * on the typed-value index ({@link JsonValueSql#valueIndexes()}) when there is one, with the
 * results of {@link InMemoryAggregations}. countValues groups the JSON values in SQL and reads
 * their text back; a histogram counts the numbers per bin in SQL and checks each bin's smallest
 * and largest number against {@link InMemoryAggregations#bin}, so its edges are exactly the
 * reference's. The value is read
 * from the documents, or from the field's {@link ValueTableSql value table} (the PostgreSQL
 * store keeps one per indexed field), which holds it as text and as a double.
 */
final class OneScanAggregations {
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

  private OneScanAggregations() {}

  /**
   * {@code aggregation} (countValues, bounds or histogram) of the field at {@code path} over the
   * rows of {@code where}, read from the documents of {@code table}, or from {@code valueTable}
   * (else null), the field's {@link ValueTableSql value table}.
   */
  static AggregationResult execute(Connection c, Aggregation aggregation, SqlDialect dialect, List<String> path,
      String table, SqlFragment where, String valueTable) throws SQLException {
    JsonValueSql value = dialect.field("doc", path);
    if (aggregation instanceof Aggregation.Bounds) {
      return bounds(c, value, table, where);
    }
    if (valueTable != null) {
      // the whole dataset reads the value table alone; a filter joins it to the rows it keeps
      boolean all = where.params().isEmpty() && where.sql().equals(dialect.trueLiteral());
      SqlFragment rows = all ? SqlFragment.of("(SELECT kind, t, n FROM " + valueTable + ") AS p")
          : SqlFragment.concat("(SELECT " + valueTable + ".kind, " + valueTable + ".t, " + valueTable + ".n FROM "
              + table + " JOIN " + valueTable + " ON " + valueTable + ".seq = " + table + ".seq WHERE ", where,
              ") AS p");
      if (aggregation instanceof Aggregation.CountValues cv) {
        return countValues(c, rows, cv.limit());
      } else if (aggregation instanceof Aggregation.Histogram h) {
        Optional<HistogramResult> fast = histogram(c, value, table, where, rows, h);
        if (fast.isPresent()) {
          return fast.get();
        }
        // a number too large or too small for the value table's double: the documents' path
        return execute(c, aggregation, dialect, path, table, where, null);
      }
      throw new IllegalArgumentException("not a one-scan aggregation: " + aggregation);
    }
    // the field read once per row (OFFSET 0 keeps the planner from inlining the subquery, which
    // would read it from the document, detoasting it, at every use)
    SqlFragment once = SqlFragment.concat("(SELECT " + UnwindSql.of(dialect).valueColumns("doc", path) + " FROM "
        + table + " WHERE ", where, " OFFSET 0) AS p");
    JsonValueSql read = dialect.field("p.v", List.of());
    if (aggregation instanceof Aggregation.CountValues cv) {
      return countValues(c, read, once, cv.limit());
    } else if (aggregation instanceof Aggregation.Histogram h) {
      return histogram(c, value, table, where, read, once, h);
    }
    throw new IllegalArgumentException("not a one-scan aggregation: " + aggregation);
  }

  /** countValues from a value table's rows {@code p(kind, t)}: grouped by kind and text. */
  private static CountValuesResult countValues(Connection c, SqlFragment rows, int limit) throws SQLException {
    SqlFragment q = SqlFragment.concat("SELECT p.kind, p.t, count(*) FROM ", rows, " GROUP BY p.kind, p.t");
    TreeMap<Object, Long> counts = new TreeMap<>(InMemoryAggregations.SORT_ORDER);
    long missing = 0;
    try (PreparedStatement st = prepare(c, q); ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        int kind = rs.getInt(1);
        Object v = rs.wasNull() ? null : switch (kind) {
          case 0 -> parse(rs.getString(2));
          case 1 -> rs.getString(2);
          default -> Boolean.valueOf(rs.getString(2));
        };
        if (v == null) {
          missing += rs.getLong(3);
        } else {
          counts.merge(InMemoryAggregations.canonical(v), rs.getLong(3), Long::sum);
        }
      }
    }
    return InMemoryAggregations.topCounts(counts, limit, missing);
  }

  /**
   * The histogram from a value table's rows {@code p(kind, n)}, as {@link #histogram(Connection,
   * JsonValueSql, String, SqlFragment, JsonValueSql, SqlFragment, Aggregation.Histogram)} bins the
   * documents' numbers; empty when a number has no double in the table.
   */
  private static Optional<HistogramResult> histogram(Connection c, JsonValueSql value, String table,
      SqlFragment where, SqlFragment rows, Aggregation.Histogram h) throws SQLException {
    double[] range = range(c, value, table, where, h);
    double lo = range[0];
    double hi = range[1];
    long[] counts = new long[h.bins() + 1];
    SqlFragment numbers = SqlFragment.concat("(SELECT p.n FROM ", rows, " WHERE p.kind = 0 OFFSET 0) AS q");
    List<double[]> straddling = new ArrayList<>();
    SqlFragment q = SqlFragment.concat("SELECT min(n), max(n), count(*) FROM ", numbers, " GROUP BY " + bucket(lo, hi, h));
    try (PreparedStatement st = prepare(c, q); ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        rs.getDouble(1);
        if (rs.wasNull()) {
          return Optional.empty();
        }
        if (!tally(rs.getDouble(1), rs.getDouble(2), rs.getLong(3), lo, hi, h.bins(), counts)) {
          straddling.add(new double[] {rs.getDouble(1), rs.getDouble(2)});
        }
      }
    }
    for (double[] r : straddling) {
      SqlFragment each = SqlFragment.concat("SELECT n, count(*) FROM ", numbers,
          new SqlFragment(" WHERE n BETWEEN ? AND ? GROUP BY n", List.of(r[0], r[1])));
      try (PreparedStatement st = prepare(c, each); ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          int bin = InMemoryAggregations.bin(rs.getDouble(1), lo, hi, h.bins());
          counts[bin < 0 ? h.bins() : bin] += rs.getLong(2);
        }
      }
    }
    long other = counts[h.bins()];
    return Optional.of(new HistogramResult(InMemoryAggregations.edges(lo, hi, h.bins()),
        java.util.Arrays.copyOf(counts, h.bins()), other));
  }

  /** The histogram's range: the requested one, else the bounds of the numbers (widened when one value). */
  private static double[] range(Connection c, JsonValueSql value, String table, SqlFragment where,
      Aggregation.Histogram h) throws SQLException {
    if (h.range().isPresent()) {
      return new double[] {h.range().get().min(), h.range().get().max()};
    }
    BoundsResult b = bounds(c, value, table, where);
    if (!(b.min() instanceof Number min) || !(b.max() instanceof Number max)) {
      return new double[] {0, 1};
    } else if (min.doubleValue() == max.doubleValue()) {
      return new double[] {min.doubleValue() - 0.5, max.doubleValue() + 0.5};
    }
    return new double[] {min.doubleValue(), max.doubleValue()};
  }

  /**
   * A bucket computed in SQL from column {@code n}, close to the bin: a group whose smallest and
   * largest values fall in one bin is counted whole, any other value by value, so that every
   * value is binned by the reference formula (which rises with the value) and ~one row per bin is read.
   */
  private static String bucket(double lo, double hi, Aggregation.Histogram h) {
    return "floor((n - CAST('" + lo + "' AS float8)) * CAST('" + (h.bins() / (hi - lo)) + "' AS float8))";
  }

  /**
   * Adds a group of {@code count} numbers from {@code min} to {@code max} to its bin (slot
   * {@code bins}: outside the range) when they all fall in one; false when they do not.
   */
  private static boolean tally(double min, double max, long count, double lo, double hi, int bins, long[] counts) {
    int first = InMemoryAggregations.bin(min, lo, hi, bins);
    // (-1 at both ends is one bin only when both ends lie on the same side of the range)
    if (first == InMemoryAggregations.bin(max, lo, hi, bins) && (first >= 0 || min > hi || max < lo)) {
      counts[first < 0 ? bins : first] += count;
      return true;
    }
    return false;
  }

  private static CountValuesResult countValues(Connection c, JsonValueSql value, SqlFragment rows, int limit)
      throws SQLException {
    // grouped by the JSON value itself (cheaper than by its text; equal values have one canonical form)
    SqlFragment q = SqlFragment.concat("SELECT " + value.text() + " AS t, count(*) FROM ", rows, " GROUP BY p.v");
    TreeMap<Object, Long> counts = new TreeMap<>(InMemoryAggregations.SORT_ORDER);
    long missing = 0;
    try (PreparedStatement st = prepare(c, q); ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        Object v = parse(rs.getString(1));
        if (v instanceof Number || v instanceof String || v instanceof Boolean) {
          counts.merge(InMemoryAggregations.canonical(v), rs.getLong(2), Long::sum);
        } else {
          missing += rs.getLong(2);
        }
      }
    }
    return InMemoryAggregations.topCounts(counts, limit, missing);
  }

  private static Object parse(String json) throws SQLException {
    try {
      return JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new SQLException("not JSON: " + json, e);
    }
  }

  /** The typed value, SQL NULL when the value is of another class. */
  private static String typed(JsonValueSql value, ValueKind kind) {
    JsonValueSql.Typed t = value.as(kind);
    return t.guard() == null ? t.value() : "CASE WHEN " + t.guard() + " THEN " + t.value() + " END";
  }

  private static BoundsResult bounds(Connection c, JsonValueSql value, String table, SqlFragment where)
      throws SQLException {
    for (ValueKind kind : List.of(ValueKind.NUMBER, ValueKind.STRING)) {
      String v = typed(value, kind);
      Object[] ends = new Object[2];
      for (int i = 0; i < 2; i++) {
        // ORDER BY the indexed expression: a seek at either end of its index
        SqlFragment q = SqlFragment.concat("SELECT " + v + " FROM " + table + " WHERE ", where,
            " AND " + v + " IS NOT NULL ORDER BY " + v + (i == 0 ? " ASC" : " DESC") + " LIMIT 1");
        try (PreparedStatement st = prepare(c, q); ResultSet rs = st.executeQuery()) {
          if (rs.next()) {
            ends[i] = kind == ValueKind.NUMBER ? InMemoryAggregations.canonical(rs.getObject(1)) : rs.getString(1);
          }
        }
      }
      if (ends[0] != null) {
        return new BoundsResult(ends[0], ends[1]);
      }
    }
    return new BoundsResult(null, null);
  }

  private static HistogramResult histogram(Connection c, JsonValueSql value, String table, SqlFragment where,
      JsonValueSql read, SqlFragment rows, Aggregation.Histogram h) throws SQLException {
    double[] range = range(c, value, table, where, h);
    double lo = range[0];
    double hi = range[1];
    String v = typed(read, ValueKind.NUMBER);
    long[] counts = new long[h.bins() + 1];
    // the rows' numbers as doubles (the reference bins doubles: the nearest one to each number),
    // converted once per row (OFFSET 0); OFFSET 0 also tells the planner the buckets are few,
    // so it hashes them instead of sorting
    SqlFragment numbers = SqlFragment.concat("(SELECT CAST(" + v + " AS float8) AS n FROM ", rows,
        " OFFSET 0) AS q WHERE n IS NOT NULL");
    List<double[]> straddling = new ArrayList<>();
    SqlFragment q = SqlFragment.concat("SELECT min(n), max(n), count(*) FROM ", numbers, " GROUP BY " + bucket(lo, hi, h));
    try (PreparedStatement st = prepare(c, q); ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        if (!tally(rs.getDouble(1), rs.getDouble(2), rs.getLong(3), lo, hi, h.bins(), counts)) {
          straddling.add(new double[] {rs.getDouble(1), rs.getDouble(2)});
        }
      }
    }
    for (double[] r : straddling) {
      SqlFragment each = SqlFragment.concat("SELECT n, count(*) FROM ", numbers,
          new SqlFragment(" AND n BETWEEN ? AND ? GROUP BY n", List.of(r[0], r[1])));
      try (PreparedStatement st = prepare(c, each); ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          int bin = InMemoryAggregations.bin(rs.getDouble(1), lo, hi, h.bins());
          counts[bin < 0 ? h.bins() : bin] += rs.getLong(2);
        }
      }
    }
    long other = counts[h.bins()];
    return new HistogramResult(InMemoryAggregations.edges(lo, hi, h.bins()), java.util.Arrays.copyOf(counts, h.bins()),
        other);
  }

  private static PreparedStatement prepare(Connection c, SqlFragment q) throws SQLException {
    PreparedStatement st = c.prepareStatement(q.sql());
    for (int i = 0; i < q.params().size(); i++) {
      st.setObject(i + 1, q.params().get(i));
    }
    return st;
  }
}
