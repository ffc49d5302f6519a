// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stages of a view turned into {@link SqlLevel}s, for {@link ViewSql}: each stage adds
 * to the current SELECT, or, after a pending LIMIT/OFFSET, to a new one reading it.
 */
final class ViewCompiler {
  private final SqlDialect dialect;
  private final String samplesTable;
  private final String framesTable;
  private final SqlCompiler compiler;

  ViewCompiler(SqlDialect dialect, String samplesTable, String framesTable) {
    this.dialect = dialect;
    this.samplesTable = samplesTable;
    this.framesTable = framesTable;
    this.compiler = new SqlCompiler(dialect);
  }

  /** The query of some stages so far, what its projections did to fields, and alias numbers. */
  static final class Compilation {
    SqlLevel level;
    final ProjectedFields fields = new ProjectedFields();
    private int aliases;

    /** A new alias, unique within the query. */
    String alias(String prefix) {
      return prefix + (++aliases);
    }
  }

  /** The query of {@code stages}. */
  Compilation compile(List<Stage> stages) {
    Compilation c = new Compilation();
    c.level = new SqlLevel(dialect, SqlFragment.of(samplesTable), true, "seq");
    for (Stage stage : filtersBeforeSorts(stages)) {
      c.level = apply(stage, c.level, c);
    }
    return c;
  }

  /**
   * {@code stages} with each filter moved ahead of the {@code sortBy} stages right before it:
   * filtering a sorted list keeps the order, so the view is the same, and the sort then knows
   * the filter (a filter that fixes the key's class lets it walk the plain value index,
   * {@link SortClass}).
   */
  static List<Stage> filtersBeforeSorts(List<Stage> stages) {
    List<Stage> out = new ArrayList<>(stages);
    for (int i = 1; i < out.size(); i++) {
      for (int j = i; j > 0 && out.get(j - 1) instanceof Stage.SortBy
          && InMemoryView.asFilter(out.get(j)).isPresent(); j--) {
        out.set(j - 1, out.set(j, out.get(j - 1)));
      }
    }
    return out;
  }

  private SqlLevel apply(Stage stage, SqlLevel in, Compilation c) {
    Optional<Expr> filter = InMemoryView.asFilter(stage);
    if (filter.isPresent()) {
      Expr rewritten = c.fields.rewrite(filter.get(), false, stageName(stage));
      SqlLevel q = where(in, c, compiler.where(rewritten));
      q.filters.add(rewritten);
      return q;
    } else if (stage instanceof Stage.SortBy s) {
      SqlLevel q = unsliced(in, c);
      Expr key = c.fields.rewrite(s.key(), false, "sortBy");
      Optional<ValueKind> known = SortClass.of(key, q.filters);
      List<SqlFragment> order = new ArrayList<>(known.isPresent()
          ? List.of(SqlFragment.of(dialect.field("doc", ((Expr.Field) key).path()).as(known.get()).value()
              + (s.reverse() ? " DESC" : " ASC")))
          : directed(compiler.sortKeys(key, s.reverse()), s.reverse()));
      order.add(SqlFragment.of(q.tie + " ASC"));
      q.order = order;
      return q;
    } else if (stage instanceof Stage.Limit l) {
      in.slice(0, l.n());
      return in;
    } else if (stage instanceof Stage.Skip s) {
      in.slice(s.n(), -1);
      return in;
    } else if (stage instanceof Stage.Take t) {
      SqlLevel q = unsliced(in, c);
      q.order = List.of(SqlFragment.concat(dialect.takeKey(t.seed(), "id"), " ASC"), SqlFragment.of("id ASC"));
      q.slice(0, t.n());
      return q;
    } else if (stage instanceof Stage.Select s) {
      return where(in, c, s.ids().isEmpty() ? SqlFragment.of(dialect.falseLiteral()) : dialect.idIn("id", s.ids()));
    } else if (stage instanceof Stage.Exclude s) {
      return s.ids().isEmpty() ? in : where(in, c, SqlFragment.concat("NOT ", dialect.idIn("id", s.ids())));
    } else if (stage instanceof Stage.SelectFields) {
      c.fields.add(stage);
      return in;
    } else if (stage instanceof Stage.ExcludeFields s) {
      InMemoryView.checkExcludable(s);
      c.fields.add(stage);
      return in;
    } else if (stage instanceof Stage.FilterLabels s) {
      SqlLevel q = s.onlyMatches() ? where(in, c, labelCondition(s, c)) : in;
      c.fields.add(stage);
      return q;
    } else if (stage instanceof Stage.GroupBy g) {
      SqlLevel q = unsliced(in, c);
      q.order = groupOrder(c, g, q.order, true);
      return q;
    } else if (stage instanceof Stage.ToFrames) {
      c.fields.reset();
      return frames(in, c);
    }
    throw new IllegalArgumentException("unknown stage " + stage);
  }

  private SqlLevel where(SqlLevel in, Compilation c, SqlFragment condition) {
    SqlLevel q = unsliced(in, c);
    q.where.add(condition);
    return q;
  }

  /** {@code q}, or a new level reading it when a slice is pending. */
  static SqlLevel unsliced(SqlLevel q, Compilation c) {
    return q.sliced() ? q.wrap(c.alias("q")) : q;
  }

  /**
   * Members one group after another: the key's ascending terms, then {@code orderBy}'s, then
   * {@code incoming}; without {@code withKey}, only the order within one group.
   */
  List<SqlFragment> groupOrder(Compilation c, Stage.GroupBy g, List<SqlFragment> incoming,
      boolean withKey) {
    List<SqlFragment> order = new ArrayList<>();
    if (withKey) {
      order.addAll(directed(compiler.sortKeys(c.fields.rewrite(g.key(), false, "groupBy"), false), false));
    }
    if (g.orderBy().isPresent()) {
      Expr by = c.fields.rewrite(g.orderBy().get(), false, "groupBy orderBy");
      order.addAll(directed(compiler.sortKeys(by, g.reverse()), g.reverse()));
    }
    order.addAll(incoming);
    return order;
  }

  private SqlFragment labelCondition(Stage.FilterLabels s, Compilation c) {
    ProjectedFields.Read read = c.fields.read(s.field().path(), true, true);
    if (read == ProjectedFields.Read.HIDDEN) {
      return SqlFragment.of(dialect.falseLiteral());
    }
    if (read == ProjectedFields.Read.CHANGED) {
      throw new IllegalArgumentException("filterLabels reads '" + s.field()
          + "', which an earlier selectFields, excludeFields or filterLabels changed");
    }
    // an earlier filterLabels on the same field kept only its matches: both filters must hold
    Expr filter = s.filter();
    for (Expr earlier : c.fields.labelFilters(s.field())) {
      filter = earlier.and(filter);
    }
    return new LabelFilterSql(dialect).anyMatch("doc", s.field(), filter, c.alias("l"));
  }

  /** The frames of the samples of {@code in}, ordered by sample then frame number. */
  private SqlLevel frames(SqlLevel in, Compilation c) {
    SqlFragment samples = SqlFragment.concat("SELECT id, doc, ROW_NUMBER() OVER (ORDER BY ",
        SqlFragment.join(", ", in.order), ") AS ord FROM ", in.from, in.whereClause(),
        in.sliced() ? SqlFragment.concat(" ORDER BY ", SqlFragment.join(", ", in.order)) : SqlFragment.of(""),
        in.limitClause());
    String s = c.alias("s");
    String f = c.alias("f");
    SqlFragment from = SqlFragment.concat("(SELECT ROW_NUMBER() OVER (ORDER BY " + s + ".ord, " + f
        + ".frame_number) AS seq, " + f + ".id AS id, " + dialect.frameDoc(f + ".doc", s + ".doc")
        + " AS doc FROM (", samples, ") AS " + s + " JOIN " + framesTable + " AS " + f + " ON " + f
        + ".sample_id = " + s + ".id) AS " + c.alias("q"));
    return new SqlLevel(dialect, from, false, "id");
  }

  static List<SqlFragment> directed(List<SqlFragment> terms, boolean reverse) {
    return terms.stream().map(t -> SqlFragment.concat(t, reverse ? " DESC" : " ASC")).toList();
  }

  private static String stageName(Stage stage) {
    return stage.getClass().getSimpleName();
  }
}
