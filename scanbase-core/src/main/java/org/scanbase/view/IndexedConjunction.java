// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A count of a filter-only view as the intersection of one row set per conjunct:
 * {@code SELECT count(*) FROM (SELECT seq FROM samples WHERE c1 INTERSECT SELECT seq FROM
 * samples WHERE c2 ...)}. When each {@code ci} can be answered from an expression index alone,
 * no document is read, where {@code WHERE c1 AND c2} reads every document one index selects
 * to test the others (on SQLite, half a million JSON documents for
 * {@code Modality == "MR" and SliceLocation > 10} over a million samples).
 *
 * <p>The conjuncts are the {@code match}, {@code exists} and {@code matchTags} stages split at
 * their top-level {@code and}s, each compiled by {@link SqlCompiler#where}; since that
 * compiles {@code a and b} to {@code where(a) AND where(b)}, and {@code seq} is the samples
 * table's primary key, the intersection holds exactly the rows of {@link ViewSql#count}. It
 * says nothing about indexes: the store decides from its query plans whether every part reads
 * an index alone ({@link #parts}), and otherwise uses {@link ViewSql#count}.
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
   * {@code SELECT seq FROM samples WHERE ci}, one per conjunct, when the view has only
   * {@code match}, {@code exists}, {@code matchTags} and {@code sortBy} stages and at least two
   * conjuncts; empty otherwise. The parts give the view's rows, not its order: for counts.
   */
  public Optional<List<SqlFragment>> parts(ViewSpec spec) {
    List<Expr> conjuncts = new ArrayList<>();
    for (Stage stage : spec.stages()) {
      if (stage instanceof Stage.SortBy) {
        continue; // an order changes no count
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
    List<SqlFragment> parts = new ArrayList<>();
    for (Expr conjunct : conjuncts) {
      parts.add(SqlFragment.concat("SELECT seq FROM " + samplesTable + " WHERE ", compiler.where(conjunct)));
    }
    return Optional.of(parts);
  }

  /** {@code SELECT count(*)} of the rows every part selects. */
  public static SqlFragment count(List<SqlFragment> parts) {
    return SqlFragment.concat("SELECT count(*) FROM (", SqlFragment.join(" INTERSECT ", parts), ") AS counted");
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
