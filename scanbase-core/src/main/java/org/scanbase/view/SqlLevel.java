// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.ArrayList;
import java.util.List;

/**
 * One SELECT of a view query while {@link ViewSql} builds it: a FROM item with the columns
 * {@code seq}, {@code id} and {@code doc}, conditions, an order and a slice. Order terms name
 * those columns unqualified, so when a sliced level becomes the FROM item of the next one
 * ({@link #wrap}) the same terms order the outer query the same way.
 */
final class SqlLevel {
  private final SqlDialect dialect;
  /** The FROM item. */
  final SqlFragment from;
  /** True when {@link #from} is the samples table itself, whose {@code seq} is in id order. */
  final boolean table;
  /** The column that breaks sort ties in id order: {@code seq} on the samples table, else {@code id}. */
  final String tie;
  /** Conditions, ANDed. */
  final List<SqlFragment> where = new ArrayList<>();
  /** The filter expressions behind {@link #where} (as the level's rows read them). */
  final List<Expr> filters = new ArrayList<>();
  /** ORDER BY items (with direction); the incoming order is {@code seq ASC}. */
  List<SqlFragment> order = List.of(SqlFragment.of("seq ASC"));
  private long offset;
  private long limit = -1;

  SqlLevel(SqlDialect dialect, SqlFragment from, boolean table, String tie) {
    this.dialect = dialect;
    this.from = from;
    this.table = table;
    this.tie = tie;
  }

  /** True when a LIMIT or OFFSET is pending: further filters or orders need a new level. */
  boolean sliced() {
    return offset > 0 || limit >= 0;
  }

  /** True when the rows come in their stored order ({@code seq}) with nothing else to sort by. */
  boolean naturalOrder() {
    return order.size() == 1 && order.get(0).sql().equals("seq ASC");
  }

  /** Drops {@code skip} more rows, then keeps at most {@code keep} ({@code -1}: all). */
  void slice(long skip, long keep) {
    offset = saturatedAdd(offset, skip);
    if (limit >= 0) {
      limit = Math.max(0, limit - skip);
    }
    if (keep >= 0) {
      limit = limit < 0 ? keep : Math.min(limit, keep);
    }
  }

  /**
   * {@code SELECT columns FROM ... WHERE ... [ORDER BY ...] [LIMIT ...]}; the ORDER BY is
   * written when {@code ordered} or when a slice needs it.
   */
  SqlFragment render(String columns, boolean ordered) {
    List<Object> parts = new ArrayList<>();
    parts.add("SELECT " + columns + " FROM ");
    parts.add(from);
    parts.add(whereClause());
    if (ordered || sliced()) {
      parts.add(" ORDER BY ");
      parts.add(SqlFragment.join(", ", order));
    }
    parts.add(dialect.limitOffset(limit, offset));
    return SqlFragment.concat(parts.toArray());
  }

  /** {@code " WHERE a AND b"}, or nothing. */
  SqlFragment whereClause() {
    return where.isEmpty() ? SqlFragment.of("")
        : SqlFragment.concat(" WHERE ", SqlFragment.join(" AND ", where));
  }

  /** The slice clause alone (after an ORDER BY). */
  String limitClause() {
    return dialect.limitOffset(limit, offset);
  }

  /** This level as the FROM item {@code alias} of a new one, in the same order. */
  SqlLevel wrap(String alias) {
    SqlFragment sub = SqlFragment.concat("(", render("seq, id, doc", false), ") AS " + alias);
    SqlLevel outer = new SqlLevel(dialect, sub, false, tie);
    outer.order = order;
    return outer;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
