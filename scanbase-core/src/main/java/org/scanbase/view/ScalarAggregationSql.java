// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

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
 * Faster SQL for the sidebar's aggregations when the store knows that a field never holds a
 * list (its schema type is a scalar: {@code int}, {@code float}, {@code string}, {@code bool},
 * {@code date}, {@code datetime}) and the view only filters. Same results as
 * {@link AggregationSql} and {@link InMemoryAggregations}, but read from the field's value
 * index ({@link JsonValueSql#valueIndexes()}) in its order, without unwinding lists:
 * <ul>
 *   <li>countValues: one pass grouping the index's values, plus the count of nulls;</li>
 *   <li>bounds: min and max of the numbers (else of the strings);</li>
 *   <li>histogram: a range count per bin. The bin formula ({@link InMemoryAggregations#bin})
 *       rises with x, so every bin is a range of values; the exact edge between two bins is
 *       found by applying the formula to the few values within a hair of the nominal edge.</li>
 * </ul>
 * Other aggregations, and views that sort, slice, group or project, go to {@link AggregationSql}.
 * On PostgreSQL, whose expression indexes cannot answer a query alone (no index-only scans on
 * expressions), each is one pass over the rows instead ({@link OneScanAggregations}).
 */
public final class ScalarAggregationSql {
  private final SqlDialect dialect;
  private final SqlCompiler compiler;

  public ScalarAggregationSql(SqlDialect dialect) {
    this.dialect = dialect;
    this.compiler = new SqlCompiler(dialect);
  }

  /** Whether this class computes {@code aggregation} over {@code view}. */
  public boolean handles(Aggregation aggregation, ViewSpec view) {
    return (aggregation instanceof Aggregation.CountValues || aggregation instanceof Aggregation.Bounds
        || aggregation instanceof Aggregation.Histogram) && filters(view).isPresent();
  }

  /**
   * Computes {@code aggregation} over the view's rows of {@code table} (column {@code doc}).
   *
   * @throws IllegalArgumentException when it does not {@link #handles handle} the pair
   */
  public AggregationResult execute(Connection c, Aggregation aggregation, ViewSpec view, String table)
      throws SQLException {
    return execute(c, aggregation, view, table, null);
  }

  /**
   * {@link #execute(Connection, Aggregation, ViewSpec, String)} on PostgreSQL when
   * {@code valueTable} (else null) is the aggregated field's {@link ValueTableSql value table}
   * for the rows of {@code table}: countValues and histogram read it instead of the documents.
   */
  public AggregationResult execute(Connection c, Aggregation aggregation, ViewSpec view, String table,
      String valueTable) throws SQLException {
    SqlFragment where = filters(view).orElseThrow(() -> new IllegalArgumentException("not a filter-only view"));
    Field f = new Field(dialect.field("doc", aggregation.aggregatedField().orElseThrow().path()), table, where);
    if (!dialect.name().equals("sqlite")) {
      return OneScanAggregations.execute(c, aggregation, dialect,
          aggregation.aggregatedField().orElseThrow().path(), table, where, valueTable);
    }
    if (aggregation instanceof Aggregation.CountValues cv) {
      return countValues(c, f, cv.limit());
    } else if (aggregation instanceof Aggregation.Bounds) {
      return bounds(c, f);
    } else if (aggregation instanceof Aggregation.Histogram h) {
      return histogram(c, f, h);
    }
    throw new IllegalArgumentException("not a scalar fast path: " + aggregation);
  }

  /** The AND of a filter-only view's conditions (true for no stages), else empty. */
  private Optional<SqlFragment> filters(ViewSpec view) {
    List<SqlFragment> parts = new ArrayList<>();
    for (Stage s : view.stages()) {
      Optional<Expr> e = InMemoryView.asFilter(s);
      if (e.isEmpty()) {
        return Optional.empty();
      }
      parts.add(compiler.where(e.get()));
    }
    return Optional.of(parts.isEmpty() ? SqlFragment.of(dialect.trueLiteral())
        : SqlFragment.concat("(", SqlFragment.join(" AND ", parts), ")"));
  }

  /** One field of one table under the view's condition. */
  private record Field(JsonValueSql value, String table, SqlFragment where) {
    String number() {
      return value.as(ValueKind.NUMBER).value();
    }

    String isNumber() {
      return value.as(ValueKind.NUMBER).guard();
    }

    String isString() {
      return value.as(ValueKind.STRING).guard();
    }
  }

  private CountValuesResult countValues(Connection c, Field f, int limit) throws SQLException {
    // grouped by the value index's own columns, so the index order serves the grouping; the
    // JSON type tells numbers (1 and 1.0 merge below), strings and booleans (read as 1 and 0) apart
    List<String> index = f.value().valueIndexes().get(0);
    String v = index.get(0);
    String type = index.get(1);
    SqlFragment q = concat("SELECT " + v + ", " + type + ", count(*) FROM " + f.table() + " WHERE ",
        f.where(), " AND " + v + " IS NOT NULL GROUP BY " + v + ", " + type);
    TreeMap<Object, Long> counts = new TreeMap<>(InMemoryAggregations.SORT_ORDER);
    long notScalar = 0;
    try (PreparedStatement st = prepare(c, q); ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        Object value = switch (rs.getString(2)) {
          case "integer", "real" -> InMemoryAggregations.canonical(rs.getObject(1));
          case "text" -> rs.getString(1);
          case "true" -> Boolean.TRUE;
          case "false" -> Boolean.FALSE;
          default -> null;
        };
        if (value == null) {
          notScalar += rs.getLong(3);
        } else {
          counts.merge(value, rs.getLong(3), Long::sum);
        }
      }
    }
    long missing = notScalar + single(c, concat("SELECT count(*) FROM " + f.table() + " WHERE ", f.where(),
        " AND " + v + " IS NULL"));
    return InMemoryAggregations.topCounts(counts, limit, missing);
  }

  private BoundsResult bounds(Connection c, Field f) throws SQLException {
    String v = f.number();
    // the first and last number in index order: two seeks instead of a scan
    Object min = null;
    Object max = null;
    for (String direction : new String[] {"ASC", "DESC"}) {
      SqlFragment end = concat("SELECT " + v + " FROM " + f.table() + " WHERE ", f.where(), " AND " + v
          + " IS NOT NULL AND " + f.isNumber() + " ORDER BY " + v + " " + direction + " LIMIT 1");
      try (PreparedStatement st = prepare(c, end); ResultSet rs = st.executeQuery()) {
        if (rs.next()) {
          Object value = InMemoryAggregations.canonical(rs.getObject(1));
          if (direction.equals("ASC")) {
            min = value;
          } else {
            max = value;
          }
        }
      }
    }
    if (min != null) {
      return new BoundsResult(min, max);
    }
    SqlFragment strings = concat("SELECT min(" + v + "), max(" + v + ") FROM " + f.table() + " WHERE ", f.where(),
        " AND " + f.isString());
    try (PreparedStatement st = prepare(c, strings); ResultSet rs = st.executeQuery()) {
      rs.next();
      return new BoundsResult(rs.getString(1), rs.getString(2));
    }
  }

  private HistogramResult histogram(Connection c, Field f, Aggregation.Histogram h) throws SQLException {
    double lo;
    double hi;
    if (h.range().isPresent()) {
      lo = h.range().get().min();
      hi = h.range().get().max();
    } else {
      BoundsResult b = bounds(c, f);
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
    int bins = h.bins();
    // the plain indexed expression: a CAST around it would hide the index from the range counts
    String x = f.number();
    String from = " FROM " + f.table() + " WHERE ";
    String numeric = " AND " + f.isNumber();
    // [lo, hi] split at the nominal edges into ranges [e(b) + hair, e(b+1) - hair), counted from
    // the index, and the slivers around each inner edge, whose few values get the formula's bin
    double hair = Math.max(Math.abs(hi - lo), Math.max(Math.abs(lo), Math.abs(hi))) * 1e-9;
    long[] counts = new long[bins];
    long inRange = 0;
    if (hair * 4 * bins >= hi - lo) {
      // bins too narrow for the slivers (huge values, tiny range): bin every value here
      SqlFragment values = concat("SELECT " + x + from, f.where(), numeric + " AND " + x + " >= ? AND " + x
          + " <= ?", lo, hi);
      try (PreparedStatement st = prepare(c, values); ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          counts[InMemoryAggregations.bin(rs.getDouble(1), lo, hi, bins)]++;
        }
      }
      bins = 0;
    }
    for (int b = 0; b < bins; b++) {
      double from0 = b == 0 ? lo : lo + (hi - lo) * b / bins + hair;
      boolean last = b == bins - 1;
      double to = last ? hi : lo + (hi - lo) * (b + 1) / bins - hair;
      if (from0 <= to) {
        counts[b] += single(c, concat("SELECT count(*)" + from, f.where(), numeric + " AND " + x + " >= ? AND "
            + x + (last ? " <= ?" : " < ?"), from0, to));
      }
      if (!last) {
        double edge = lo + (hi - lo) * (b + 1) / bins;
        SqlFragment close = concat("SELECT " + x + from, f.where(), numeric + " AND " + x + " >= ? AND " + x
            + " < ? AND " + x + " >= ? AND " + x + " <= ?", Math.max(edge - hair, to), edge + hair, lo, hi);
        try (PreparedStatement st = prepare(c, close); ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            int bin = InMemoryAggregations.bin(rs.getDouble(1), lo, hi, bins);
            if (bin >= 0) {
              counts[bin]++;
            }
          }
        }
      }
    }
    for (long n : counts) {
      inRange += n;
    }
    long all = single(c, concat("SELECT count(*)" + from, f.where(), numeric));
    return new HistogramResult(InMemoryAggregations.edges(lo, hi, h.bins()), counts, all - inRange);
  }

  /** SqlFragment.concat, with Double parts bound to the "?" the text before them holds. */
  private static SqlFragment concat(Object... parts) {
    List<Object> sql = new ArrayList<>();
    for (Object p : parts) {
      if (p instanceof Double d) {
        sql.add(new SqlFragment("", List.of(d)));
      } else {
        sql.add(p);
      }
    }
    return SqlFragment.concat(sql.toArray());
  }

  private static long single(Connection c, SqlFragment q) throws SQLException {
    try (PreparedStatement st = prepare(c, q); ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static PreparedStatement prepare(Connection c, SqlFragment q) throws SQLException {
    PreparedStatement st = c.prepareStatement(q.sql());
    for (int i = 0; i < q.params().size(); i++) {
      st.setObject(i + 1, q.params().get(i));
    }
    return st;
  }
}
