// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.ArrayList;
import java.util.List;

/**
 * What the projection stages seen so far ({@code selectFields}, {@code excludeFields},
 * {@code filterLabels}) did to the fields that later stages read. {@link ViewSql} leaves
 * documents whole in SQL and projects them in Java afterwards, so a later {@code match},
 * {@code sortBy} or {@code groupBy} must read a field as the projected document has it: a field
 * that a projection removed reads as null (rewritten to the null literal), one it left alone
 * reads as stored, and one whose value it changed in a way SQL cannot follow is refused.
 */
final class ProjectedFields {

  /** How a later stage sees a field. */
  enum Read {
    /** As stored. */
    SAME,
    /** Removed: null. */
    HIDDEN,
    /** Changed by a projection in a way the SQL does not follow. */
    CHANGED
  }

  private final List<Stage> stages = new ArrayList<>();

  /** Records a projection stage. */
  void add(Stage stage) {
    stages.add(stage);
  }

  /** Forgets the projections: {@code toFrames} makes new documents. */
  void reset() {
    stages.clear();
  }

  /**
   * How the projections so far leave the value at {@code path}. With {@code exact}, a value
   * merely missing some of its sub-fields counts as changed (the value itself is reported, as
   * a group key is); without, documents are opaque to expressions, so it reads the same.
   * {@code sameLabel}: earlier {@code filterLabels} on exactly this path are ignored (the
   * caller composes their filters).
   */
  Read read(List<String> path, boolean exact, boolean sameLabel) {
    boolean changed = false;
    for (Stage stage : stages) {
      if (stage instanceof Stage.ExcludeFields e) {
        for (Expr.Field f : e.fields()) {
          if (startsWith(path, f.path())) {
            return Read.HIDDEN;
          }
          changed |= exact && startsWith(f.path(), path);
        }
      } else if (stage instanceof Stage.SelectFields s) {
        if (InMemoryView.DEFAULT_FIELDS.contains(path.get(0))
            || s.fields().stream().anyMatch(f -> startsWith(path, f.path()))) {
          continue;
        }
        // a parent of a selected field keeps only that child, and only where it exists
        if (s.fields().stream().noneMatch(f -> startsWith(f.path(), path))) {
          return Read.HIDDEN;
        }
        changed = true;
      } else if (stage instanceof Stage.FilterLabels l) {
        if (sameLabel && l.field().path().equals(path)) {
          continue;
        }
        changed |= startsWith(path, l.field().path()) || exact && startsWith(l.field().path(), path);
      }
    }
    return changed ? Read.CHANGED : Read.SAME;
  }

  /** The filters of earlier {@code filterLabels} on exactly {@code field}, in order. */
  List<Expr> labelFilters(Expr.Field field) {
    List<Expr> out = new ArrayList<>();
    for (Stage stage : stages) {
      if (stage instanceof Stage.FilterLabels l && l.field().equals(field)) {
        out.add(l.filter());
      }
    }
    return out;
  }

  /**
   * {@code e} reading fields as the projected document has them: removed fields become the
   * null literal ({@code exists} and {@code contains} of them false).
   *
   * @param exact   see {@link #read}
   * @param context the stage, for the error message
   * @throws IllegalArgumentException when {@code e} reads a field changed by a projection
   */
  Expr rewrite(Expr e, boolean exact, String context) {
    if (stages.isEmpty()) {
      return e;
    }
    if (e instanceof Expr.Field f) {
      return hidden(f, exact, context) ? Expr.Literal.NULL : f;
    } else if (e instanceof Expr.Exists x) {
      return hidden(x.field(), exact, context) ? new Expr.Literal(false) : x;
    } else if (e instanceof Expr.Contains c) {
      return hidden(c.field(), exact, context) ? new Expr.Literal(false) : c;
    } else if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), rewrite(u.operand(), exact, context));
    } else if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), rewrite(b.left(), exact, context), rewrite(b.right(), exact, context));
    } else if (e instanceof Expr.In in) {
      return new Expr.In(rewrite(in.value(), exact, context), rewrite(in.container(), exact, context));
    }
    return e;
  }

  private boolean hidden(Expr.Field f, boolean exact, String context) {
    Read r = read(f.path(), exact, false);
    if (r == Read.CHANGED) {
      throw new IllegalArgumentException(context + " reads '" + f
          + "', which an earlier selectFields, excludeFields or filterLabels changed;"
          + " put that stage after it");
    }
    return r == Read.HIDDEN;
  }

  /** True when {@code path} is {@code prefix} or lies inside it. */
  static boolean startsWith(List<String> path, List<String> prefix) {
    return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
  }
}
