// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import static org.scanbase.view.SqlFragment.concat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.scanbase.view.AggregationResult.BoundsResult;
import org.scanbase.view.AggregationResult.CountResult;
import org.scanbase.view.AggregationResult.CountValuesResult;
import org.scanbase.view.AggregationResult.DistinctResult;
import org.scanbase.view.AggregationResult.HistogramResult;
import org.scanbase.view.AggregationResult.MeanResult;
import org.scanbase.view.AggregationResult.StdResult;
import org.scanbase.view.AggregationResult.SumResult;
import org.scanbase.view.AggregationResult.ValueCount;

/**
 * Aggregations as SQL over a view's documents, with the results of
 * {@link InMemoryAggregations}. Every aggregation is one query, histograms without a range
 * included (they find their bounds in the same statement): {@link #compile} it over the view's
 * {@code SELECT id, doc} (e.g. {@link ViewSql#select(ViewSpec)}), run it with its parameters,
 * and hand the open result set to {@link #read}; or let {@link #execute} do the three:
 * <pre>{@code
 * AggregationSql agg = new AggregationSql(SqlDialect.SQLITE);
 * AggregationResult r = agg.execute(connection, new Aggregation.CountValues(F.field("Manufacturer"), 10),
 *     viewSql.select(spec));
 * }</pre>
 *
 * <h2>How a field's values are read</h2>
 * The values of a field come from three parts, each over the view {@code v}, whose documents
 * they split between them:
 * <ol>
 *   <li>documents where the path leads through documents to a value that is not a list:
 *       that value, read exactly as the dialect reads a field ({@code json_extract(doc, P)}
 *       and {@code json_type(doc, P)} in SQLite);</li>
 *   <li>documents where it leads to a list: the list's elements;</li>
 *   <li>for paths of two keys or more, documents where it leads nowhere: the path walked
 *       again with the lists on the way unwound ({@code ground_truth.detections.label}).</li>
 * </ol>
 * Parts 1 and 2 read nothing but the field's expressions, so with the index a store makes
 * for a field ({@link ViewSql#indexes(Expr)}: {@code json_extract} and {@code json_type} of it
 * in SQLite) SQLite answers them from the index alone (a covering index scan); for the
 * aggregations that group (countValues, distinct, histogram) part 1 comes in index order and
 * already grouped, so a field with few distinct values is never sorted value by value. Part 3
 * looks up just the documents without a plain value (an index range on the field being null).
 * Numbers in histograms, means, sums and deviations are computed in double precision, in the
 * order of operations of {@link InMemoryAggregations}. A compiler holds no state between calls
 * and may be shared between threads.
 */
public final class AggregationSql {
  private final SqlDialect dialect;
  private final UnwindSql unwind;

  /** Aggregations in {@code dialect}; the view's documents are its column {@code doc}. */
  public AggregationSql(SqlDialect dialect) {
    this.dialect = dialect;
    this.unwind = UnwindSql.of(dialect);
  }

  /**
   * The query computing {@code aggregation} over the documents of {@code viewSelect}, a query
   * with the columns {@code id} and {@code doc} (its own order and parameters are kept; it
   * is read as {@code FROM (viewSelect) AS v}, once per part).
   */
  public SqlFragment compile(Aggregation aggregation, SqlFragment viewSelect) {
    SqlFragment view = concat("(", viewSelect, ") AS v");
    if (aggregation instanceof Aggregation.Count c && c.field().isEmpty()) {
      return concat("SELECT count(*) FROM ", view);
    }
    Cells cells = new Cells(aggregation.aggregatedField().orElseThrow().path(), view);
    boolean groups = aggregation instanceof Aggregation.CountValues
        || aggregation instanceof Aggregation.Distinct || aggregation instanceof Aggregation.Histogram;
    SqlFragment t = concat("(", cells.union(groups), ") AS t");
    String n = unwind.real("t.n");
    if (aggregation instanceof Aggregation.Count) {
      return concat("SELECT COALESCE(sum(t.c), 0) FROM ", t, " WHERE t.r < 4");
    } else if (aggregation instanceof Aggregation.CountValues c) {
      String limit = c.limit() == 0 ? "" : dialect.limitOffset(c.limit(), 0);
      return concat("SELECT 0 AS part, q.r, q.n, q.s, q.b, q.c, q.total FROM ("
          + "SELECT g.r, g.n, g.s, g.b, g.c, sum(g.c) OVER () AS total FROM ("
          + "SELECT t.r, t.n, t.s, t.b, sum(t.c) AS c FROM ", t, " WHERE t.r <= 2"
          + " GROUP BY t.r, t.n, t.s, t.b) AS g ORDER BY g.c DESC, g.r, g.n, g.s, g.b" + limit
          + ") AS q UNION ALL SELECT 1, NULL, NULL, NULL, NULL, ", cells.missing(), ", NULL");
    } else if (aggregation instanceof Aggregation.Distinct) {
      return concat("SELECT t.r, t.n, t.s, t.b FROM ", t, " WHERE t.r <= 2 GROUP BY t.r, t.n, t.s, t.b");
    } else if (aggregation instanceof Aggregation.Bounds) {
      return concat("SELECT min(t.n), max(t.n), min(t.s), max(t.s) FROM ", t);
    } else if (aggregation instanceof Aggregation.Mean || aggregation instanceof Aggregation.Sum) {
      return concat("SELECT sum(t.c), sum(t.c * " + n + ") FROM ", t, " WHERE t.n IS NOT NULL");
    } else if (aggregation instanceof Aggregation.Std) {
      // two passes, as the reference: the mean first, then the squared deviations from it
      String d = "(" + n + " - m.mean)";
      return concat("SELECT sum(t.c), sum(t.c * " + d + " * " + d + ") FROM ", t,
          ", (SELECT sum(t.c * " + n + ") / sum(t.c) AS mean FROM ", t,
          " WHERE t.n IS NOT NULL) AS m WHERE t.n IS NOT NULL");
    }
    return histogram((Aggregation.Histogram) aggregation, t, concat("(", cells.union(false), ") AS t"));
  }

  /** A histogram of the values {@code t}, with {@code flat} the same values one by one. */
  private SqlFragment histogram(Aggregation.Histogram h, SqlFragment t, SqlFragment flat) {
    SqlFragment range;
    if (h.range().isPresent()) {
      range = concat("SELECT ", unwind.realParameter(h.range().get().min()), " AS lo, ",
          unwind.realParameter(h.range().get().max()), " AS hi");
    } else {
      // numpy's default: the bounds, widened by 0.5 either side when they are equal
      range = concat("SELECT CASE WHEN b.mn = b.mx THEN b.mn - 0.5 ELSE b.mn END AS lo,"
          + " CASE WHEN b.mn = b.mx THEN b.mx + 0.5 ELSE b.mx END AS hi FROM (SELECT min("
          + unwind.real("t.n") + ") AS mn, max(" + unwind.real("t.n") + ") AS mx FROM ", flat, ") AS b");
    }
    // the formula of InMemoryAggregations.bin, operation for operation, in doubles
    String x = unwind.real("t.n");
    String bin = "CASE WHEN " + x + " < x.lo OR " + x + " > x.hi THEN -1 ELSE "
        + unwind.least(unwind.floor("((" + x + " - x.lo) / (x.hi - x.lo)) * " + h.bins()),
            String.valueOf(h.bins() - 1)) + " END";
    return concat("SELECT min(h.lo), min(h.hi), h.bin, sum(h.c) FROM (SELECT x.lo, x.hi, " + bin
        + " AS bin, t.c FROM ", t, ", (", range, ") AS x WHERE t.n IS NOT NULL) AS h GROUP BY h.bin");
  }

  /**
   * The result of {@code aggregation} from the rows of its {@link #compile compiled} query,
   * {@code rows} positioned before the first row. The result set is read, not closed.
   */
  public AggregationResult read(Aggregation aggregation, ResultSet rows) throws SQLException {
    if (aggregation instanceof Aggregation.Count) {
      return new CountResult(single(rows).getLong(1));
    } else if (aggregation instanceof Aggregation.CountValues) {
      List<ValueCount> values = new ArrayList<>();
      long total = 0;
      long missing = 0;
      while (rows.next()) {
        if (rows.getInt(1) == 0) {
          values.add(new ValueCount(value(rows, 2), rows.getLong(6)));
          total = rows.getLong(7);
        } else {
          missing = rows.getLong(6);
        }
      }
      values.sort(InMemoryAggregations.BY_COUNT);
      long others = total - values.stream().mapToLong(ValueCount::count).sum();
      return new CountValuesResult(values, others, missing);
    } else if (aggregation instanceof Aggregation.Distinct) {
      List<Object> values = new ArrayList<>();
      while (rows.next()) {
        values.add(value(rows, 1));
      }
      values.sort(InMemoryAggregations.SORT_ORDER);
      return new DistinctResult(values);
    } else if (aggregation instanceof Aggregation.Bounds) {
      single(rows);
      if (rows.getObject(1) != null) {
        return new BoundsResult(InMemoryAggregations.canonical(rows.getObject(1)),
            InMemoryAggregations.canonical(rows.getObject(2)));
      }
      return new BoundsResult(rows.getString(3), rows.getString(4));
    } else if (aggregation instanceof Aggregation.Mean) {
      single(rows);
      long count = rows.getLong(1);
      return new MeanResult(count == 0 ? null : rows.getDouble(2) / count, count);
    } else if (aggregation instanceof Aggregation.Sum) {
      single(rows);
      return new SumResult(rows.getDouble(2), rows.getLong(1));
    } else if (aggregation instanceof Aggregation.Std s) {
      single(rows);
      return new StdResult(InMemoryAggregations.std(rows.getLong(1), rows.getDouble(2), s.sample()),
          rows.getLong(1));
    }
    return readHistogram((Aggregation.Histogram) aggregation, rows);
  }

  private static HistogramResult readHistogram(Aggregation.Histogram h, ResultSet rows) throws SQLException {
    double lo = h.range().map(Aggregation.Range::min).orElse(0.0);
    double hi = h.range().map(Aggregation.Range::max).orElse(1.0);
    long[] counts = new long[h.bins()];
    long other = 0;
    while (rows.next()) {
      lo = rows.getDouble(1);
      hi = rows.getDouble(2);
      int bin = rows.getInt(3);
      if (bin < 0) {
        other += rows.getLong(4);
      } else {
        counts[bin] += rows.getLong(4);
      }
    }
    return new HistogramResult(InMemoryAggregations.edges(lo, hi, h.bins()), counts, other);
  }

  /**
   * Compiles {@code aggregation} over {@code viewSelect}, runs it on {@code connection} and
   * reads the result.
   */
  public AggregationResult execute(Connection connection, Aggregation aggregation, SqlFragment viewSelect)
      throws SQLException {
    SqlFragment q = compile(aggregation, viewSelect);
    try (PreparedStatement st = connection.prepareStatement(q.sql())) {
      for (int i = 0; i < q.params().size(); i++) {
        st.setObject(i + 1, q.params().get(i));
      }
      try (ResultSet rows = st.executeQuery()) {
        return read(aggregation, rows);
      }
    }
  }

  private static ResultSet single(ResultSet rows) throws SQLException {
    if (!rows.next()) {
      throw new SQLException("an aggregate query returned no row");
    }
    return rows;
  }

  /** The value in columns {@code at} (rank), {@code at + 1..3} (number, string, boolean). */
  private static Object value(ResultSet rows, int at) throws SQLException {
    return switch (rows.getInt(at)) {
      case 0 -> InMemoryAggregations.canonical(rows.getObject(at + 1));
      case 1 -> rows.getString(at + 2);
      case 2 -> rows.getBoolean(at + 3);
      default -> throw new SQLException("not a scalar rank: " + rows.getInt(at));
    };
  }

  /**
   * The values of one field path over the view, as rows of {@code r} (0 number, 1 string,
   * 2 boolean, 3 list or document, 4 null), {@code n}, {@code s} and {@code b} (the value when
   * it is of that class, else NULL) and {@code c}, how many times the value occurs: the plain
   * values come grouped, as an index on the field gives them; the others one by one.
   */
  private final class Cells {
    private final List<String> path;
    private final SqlFragment view;
    private final JsonValueSql plain;
    private final String isArray;

    Cells(List<String> path, SqlFragment view) {
      this.path = path;
      this.view = view;
      this.plain = dialect.field("v.doc", path);
      this.isArray = plain.elements("unused").isArray();
    }

    /**
     * The three parts (two for a one-key path), UNION ALL; with {@code grouped}, equal plain
     * values come as one row counting them, which saves sorting them one by one when the
     * aggregation groups (few distinct values) but costs a pass when it does not.
     */
    SqlFragment union(boolean grouped) {
      List<SqlFragment> parts = new ArrayList<>();
      String isPlain = " WHERE " + plain.isNotNull() + " AND NOT " + isArray;
      if (grouped) {
        parts.add(concat("SELECT " + typed(unwind.element("p")) + ", count(*) AS c FROM (SELECT "
            + unwind.valueColumns("v.doc", path) + " FROM ", view, isPlain + unwind.valueOrder()
            + ") AS p GROUP BY " + unwind.valueKey("p")));
      } else {
        parts.add(concat("SELECT " + typed(plain) + ", 1 AS c FROM ", view, isPlain));
      }
      parts.add(concat("SELECT " + typed(unwind.element("u")) + ", 1 AS c FROM ", view, ", "
          + unwind.arrayElements("v.doc", path, "u") + " WHERE " + isArray));
      if (path.size() > 1) {
        parts.add(concat("SELECT " + typed(unwind.element("w" + path.size())) + ", 1 AS c FROM ", view,
            ", " + unwind.chain("v.doc", path, "w") + " WHERE " + plain.isNull()));
      }
      return SqlFragment.join(" UNION ALL ", parts);
    }

    /**
     * The number of documents of the view that give no number, string or boolean: those
     * without one as the plain value nor in its list, less those of the third part (where the
     * plain path leads nowhere) that find one through lists.
     */
    SqlFragment missing() {
      SqlFragment inList = concat(isArray + " AND EXISTS (SELECT 1 FROM "
          + unwind.arrayElements("v.doc", path, "u") + " WHERE " + rank(unwind.element("u")) + " <= 2)");
      SqlFragment out = concat("(SELECT count(*) FROM ", view, " WHERE " + rank(plain) + " > 2 AND NOT ",
          dialect.orFalse(inList), ")");
      if (path.size() > 1) {
        out = concat(out, " - (SELECT count(*) FROM ", view, " WHERE " + plain.isNull()
            + " AND EXISTS (SELECT 1 FROM " + unwind.chain("v.doc", path, "w") + " WHERE "
            + rank(unwind.element("w" + path.size())) + " <= 2))");
      }
      return concat("(", out, ")");
    }

    private String typed(JsonValueSql value) {
      return rank(value) + " AS r, " + nullable(value.as(ValueKind.NUMBER)) + " AS n, "
          + nullable(value.as(ValueKind.STRING)) + " AS s, "
          + nullable(value.as(ValueKind.BOOLEAN)) + " AS b";
    }

    private String rank(JsonValueSql value) {
      StringBuilder out = new StringBuilder("CASE");
      int rank = 0;
      for (ValueKind kind : List.of(ValueKind.NUMBER, ValueKind.STRING, ValueKind.BOOLEAN)) {
        out.append(" WHEN ").append(isKind(value.as(kind))).append(" THEN ").append(rank++);
      }
      return out.append(" WHEN ").append(value.isNotNull()).append(" THEN 3 ELSE 4 END").toString();
    }

    private static String isKind(JsonValueSql.Typed t) {
      return t.guard() != null ? t.guard() : "(" + t.value() + ") IS NOT NULL";
    }

    private static String nullable(JsonValueSql.Typed t) {
      return t.guard() == null ? t.value() : "CASE WHEN " + t.guard() + " THEN " + t.value() + " END";
    }
  }
}
