// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A count of a filter-only view that reads each conjunct from its own index:
 * {@code SELECT count(*) FROM samples WHERE c1 AND +seq IN (SELECT seq FROM samples WHERE c2)
 * ...}. When each {@code ci} can be answered from an expression index alone, no document is
 * read: SQLite walks the index of {@code c1} and tests each row's {@code seq} against the set
 * the other indexes give (the unary {@code +} keeps it from looking the rows up by
 * {@code seq} instead). The plain {@code WHERE c1 AND c2} reads every document one index
 * selects to test the others (on SQLite, half a million JSON documents for
 * {@code Modality == "MR" and SliceLocation > 10} over a million samples).
 *
 * <p>The conjuncts are the {@code match}, {@code exists} and {@code matchTags} stages split at
 * their top-level {@code and}s, each compiled by {@link SqlCompiler#where}; since that
 * compiles {@code a and b} to {@code where(a) AND where(b)}, and {@code seq} is the samples
 * table's primary key, the count is that of {@link ViewSql#count}. It says nothing about
 * indexes: the store decides from the query plan whether it reads indexes alone, and
 * otherwise uses {@link ViewSql#count}.
 */
public final class IndexedConjunction {
  private final String samplesTable;
  private final SqlCompiler compiler;

  /** @param samplesTable trusted identifier of the samples table (as {@link ViewSql} checks it) */
  public IndexedConjunction(SqlDialect dialect, String samplesTable) {
    this.samplesTable = samplesTable;
    this.compiler = new SqlCompiler(dialect);
  }

  /**
   * The {@code SELECT count(*)} described above, when the view has only {@code match},
   * {@code exists}, {@code matchTags} and {@code sortBy} stages (an order changes no count)
   * and at least two conjuncts; empty otherwise.
   */
  public Optional<SqlFragment> count(ViewSpec spec) {
    List<Expr> conjuncts = new ArrayList<>();
    for (Stage stage : spec.stages()) {
      if (stage instanceof Stage.SortBy) {
        continue;
      }
      Optional<Expr> filter = InMemoryView.asFilter(stage);
      if (filter.isEmpty()) {
        return Optional.empty();
      }
      split(filter.get(), conjuncts);
    }
    if (conjuncts.size() < 2) {
      return Optional.empty();
    }
    List<Object> sql = new ArrayList<>();
    sql.add("SELECT count(*) FROM " + samplesTable + " WHERE ");
    sql.add(compiler.where(conjuncts.get(0)));
    for (Expr conjunct : conjuncts.subList(1, conjuncts.size())) {
      sql.add(" AND +seq IN (SELECT seq FROM " + samplesTable + " WHERE ");
      sql.add(compiler.where(conjunct));
      sql.add(")");
    }
    return Optional.of(SqlFragment.concat(sql.toArray()));
  }

  private static void split(Expr e, List<Expr> out) {
    if (e instanceof Expr.Binary b && b.op() == BinaryOp.AND) {
      split(b.left(), out);
      split(b.right(), out);
    } else {
      out.add(e);
    }
  }
}
