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
 * from the documents, or from a column that holds it (the PostgreSQL store's per-index
 * generated column, read by an index-only scan).
 */
final class OneScanAggregations {
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

  private OneScanAggregations() {}

  /** {@code aggregation} (countValues, bounds or histogram) of {@code value} over the rows of {@code where}. */
  static AggregationResult execute(Connection c, Aggregation aggregation, SqlDialect dialect, List<String> path,
      String table, SqlFragment where, String valueColumn) throws SQLException {
    JsonValueSql value = dialect.field("doc", path);
    // the field read once per row (OFFSET 0 keeps the planner from inlining the subquery, which
    // would read it from the document, detoasting it, at every use), or its stored value column
    String v = valueColumn != null ? valueColumn + " AS v" : UnwindSql.of(dialect).valueColumns("doc", path);
    SqlFragment once = SqlFragment.concat("(SELECT " + v + " FROM " + table + " WHERE ", where, " OFFSET 0) AS p");
    JsonValueSql read = dialect.field("p.v", List.of());
    if (aggregation instanceof Aggregation.CountValues cv) {
      return countValues(c, read, once, cv.limit());
    } else if (aggregation instanceof Aggregation.Bounds) {
      return bounds(c, value, table, where);
    } else if (aggregation instanceof Aggregation.Histogram h) {
      return histogram(c, value, table, where, read, once, h);
    }
    throw new IllegalArgumentException("not a one-scan aggregation: " + aggregation);
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
    double lo;
    double hi;
    if (h.range().isPresent()) {
      lo = h.range().get().min();
      hi = h.range().get().max();
    } else {
      BoundsResult b = bounds(c, value, table, where);
      if (!(b.min() instanceof Number min) || !(b.max() instanceof Number max)) {
        lo = 0;
        hi = 1;
      } else if (min.doubleValue() == max.doubleValue()) {
        lo = min.doubleValue() - 0.5;
        hi = max.doubleValue() + 0.5;
      } else {
        lo = min.doubleValue();
        hi = max.doubleValue();
      }
    }
    String v = typed(read, ValueKind.NUMBER);
    long[] counts = new long[h.bins() + 1];
    // the rows' numbers as doubles (the reference bins doubles: the nearest one to each number),
    // converted once per row (OFFSET 0), from one read of the value column (an index-only scan);
    // OFFSET 0 also tells the planner the buckets are few, so it hashes them instead of sorting
    SqlFragment numbers = SqlFragment.concat("(SELECT CAST(" + v + " AS float8) AS n FROM ", rows,
        " OFFSET 0) AS q WHERE n IS NOT NULL");
    // one pass, grouped by a bucket computed in SQL, close to the bin: a group whose smallest and
    // largest values fall in one bin is counted whole, any other value by value, so that every
    // value is binned by the reference formula (which rises with the value) and ~one row per bin is read
    String bucket = "floor((n - CAST('" + lo + "' AS float8)) * CAST('" + (h.bins() / (hi - lo))
        + "' AS float8))";
    List<double[]> straddling = new ArrayList<>();
    SqlFragment q = SqlFragment.concat("SELECT min(n), max(n), count(*) FROM ", numbers, " GROUP BY " + bucket);
    try (PreparedStatement st = prepare(c, q); ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        int first = InMemoryAggregations.bin(rs.getDouble(1), lo, hi, h.bins());
        // (-1 at both ends is one bin only when both ends lie on the same side of the range)
        if (first == InMemoryAggregations.bin(rs.getDouble(2), lo, hi, h.bins())
            && (first >= 0 || rs.getDouble(1) > hi || rs.getDouble(2) < lo)) {
          counts[first < 0 ? h.bins() : first] += rs.getLong(3);
        } else {
          straddling.add(new double[] {rs.getDouble(1), rs.getDouble(2)});
        }
      }
    }
    for (double[] range : straddling) {
      SqlFragment each = SqlFragment.concat("SELECT n, count(*) FROM ", numbers,
          new SqlFragment(" AND n BETWEEN ? AND ? GROUP BY n", List.of(range[0], range[1])));
      try (PreparedStatement st = prepare(c, each); ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          int bin = InMemoryAggregations.bin(rs.getDouble(1), lo, hi, h.bins());
          counts[bin < 0 ? h.bins() : bin] += rs.getLong(2);
        }
      }
    }
    long other = counts[h.bins()];
    counts = java.util.Arrays.copyOf(counts, h.bins());
    return new HistogramResult(InMemoryAggregations.edges(lo, hi, h.bins()), counts, other);
  }

  private static PreparedStatement prepare(Connection c, SqlFragment q) throws SQLException {
    PreparedStatement st = c.prepareStatement(q.sql());
    for (int i = 0; i < q.params().size(); i++) {
      st.setObject(i + 1, q.params().get(i));
    }
    return st;
  }
}
