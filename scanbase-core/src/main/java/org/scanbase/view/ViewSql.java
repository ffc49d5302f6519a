// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A whole {@link ViewSpec} as SQL over one dataset's tables, with the meaning of
 * {@link InMemoryView}. The tables are {@code samples(seq INTEGER PRIMARY KEY, id TEXT UNIQUE,
 * doc)} and {@code frames(seq, id, sample_id, frame_number, doc)}; sample ids must increase
 * with {@code seq}, which is the stored order and breaks sort ties (frames views break them by
 * frame id).
 *
 * <p>How stages compile. Filters ({@code match}, {@code exists}, {@code matchTags},
 * {@code select}, {@code exclude}, {@code filterLabels} with {@code onlyMatches}) add WHERE
 * conditions; {@code sortBy} sets the ORDER BY to the key's {@link SqlCompiler#sortKeys} and
 * {@code seq}; {@code take} orders by {@code md5('<seed>:' || id)}; {@code skip} and
 * {@code limit} add OFFSET and LIMIT. A stage after a slice reads the sliced query as a
 * subquery, ordered by the same terms. So {@code match(Modality == "MR").sortBy(SliceLocation)
 * .limit(50)} is one plain {@code SELECT id, doc FROM samples WHERE ... ORDER BY <terms>, seq
 * LIMIT 50}, which walks an index on {@link #indexTerms(Expr)} and stops after 50 rows.
 * {@code groupBy} orders by the group key's terms, then {@code orderBy}'s, then the incoming
 * order. {@code toFrames} joins the frames to the samples query. {@code selectFields},
 * {@code excludeFields} and {@code filterLabels} leave documents whole: {@link #project}
 * applies them to each fetched document, and later stages that read a removed field read null.
 *
 * <p>Field paths are written into the SQL as escaped literals (so expression indexes match);
 * every value is a parameter. A ViewSql holds no state between calls.
 */
public final class ViewSql {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

  private final SqlDialect dialect;
  private final String samplesTable;
  private final SqlCompiler compiler;
  private final ViewCompiler stages;

  /**
   * SQL over one dataset's tables.
   *
   * @param samplesTable trusted identifier of the samples table (optionally schema-qualified)
   * @param framesTable  trusted identifier of the frames table
   * @throws IllegalArgumentException when a table name is not a plain identifier
   */
  public ViewSql(SqlDialect dialect, String samplesTable, String framesTable) {
    for (String table : List.of(samplesTable, framesTable)) {
      if (!IDENTIFIER.matcher(table).matches()) {
        throw new IllegalArgumentException("not a table name: '" + table + "'");
      }
    }
    this.dialect = dialect;
    this.samplesTable = samplesTable;
    this.compiler = new SqlCompiler(dialect);
    this.stages = new ViewCompiler(dialect, samplesTable, framesTable);
  }

  /**
   * {@code SELECT id, doc}: the view's documents in view order (a {@code groupBy} stage yields
   * its groups' members one group after another). Documents come unprojected: pass each to
   * {@link #project} when the spec has {@code selectFields}, {@code excludeFields} or
   * {@code filterLabels}.
   */
  public SqlFragment select(ViewSpec spec) {
    return stages.compile(spec.stages()).level.render("id, doc", true);
  }

  /** {@link #select(ViewSpec)} cut to rows {@code offset .. offset + limit - 1} of the view. */
  public SqlFragment select(ViewSpec spec, long offset, long limit) {
    return select(spec.then(new Stage.Skip(offset)).then(new Stage.Limit(limit)));
  }

  /** {@code SELECT count(*)} of the view. */
  public SqlFragment count(ViewSpec spec) {
    SqlLevel q = stages.compile(spec.stages()).level;
    if (!q.sliced()) {
      return SqlFragment.concat("SELECT count(*) FROM ", q.from, q.whereClause());
    }
    // which rows a slice keeps does not change how many: no ORDER BY needed
    return SqlFragment.concat("SELECT count(*) FROM (SELECT 1 AS one FROM ", q.from, q.whereClause(),
        q.limitClause(), ") AS counted");
  }

  /**
   * {@code SELECT id, doc} of the view in no particular order: what aggregations read. Without
   * an ORDER BY, SQLite flattens it into the aggregate and can answer from an index on the
   * aggregated field alone.
   */
  public SqlFragment rows(ViewSpec spec) {
    return stages.compile(spec.stages()).level.render("id, doc", false);
  }

  /** {@code SELECT id} of the view, in no particular order (for {@code WHERE id IN (...)}). */
  public SqlFragment ids(ViewSpec spec) {
    return stages.compile(spec.stages()).level.render("id", false);
  }

  /**
   * {@code doc} as the view shows it: the {@code selectFields}, {@code excludeFields} and
   * {@code filterLabels} stages (after the last {@code toFrames}) applied in order, as
   * {@link InMemoryView} applies them. {@code doc} is not modified.
   */
  public static Map<String, Object> project(ViewSpec spec, Map<String, Object> doc) {
    List<Stage> stages = spec.stages();
    int from = 0;
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i) instanceof Stage.ToFrames) {
        from = i + 1;
      }
    }
    Map<String, Object> out = doc;
    for (Stage stage : stages.subList(from, stages.size())) {
      if (stage instanceof Stage.SelectFields s) {
        out = InMemoryView.selectFields(out, s.fields());
      } else if (stage instanceof Stage.ExcludeFields s) {
        InMemoryView.checkExcludable(s);
        out = InMemoryView.excludeFields(out, s.fields());
      } else if (stage instanceof Stage.FilterLabels s) {
        // the SQL already dropped the samples without a match
        out = InMemoryView.filterLabels(out, new Stage.FilterLabels(s.field(), s.filter(), false));
      }
    }
    return out;
  }

  /**
   * For a spec whose last {@code groupBy} is followed by nothing but {@code skip} and
   * {@code limit} (which then page the groups, as {@link InMemoryView#groups}): one row per
   * group of the page, in group order, with {@code key} (TEXT, the group key as JSON, the first
   * member's value; {@code 'null'} for the missing/null group) and {@code n} (the member count).
   * With nothing before the {@code groupBy} but filters, GROUP BY walks an index on
   * {@link #indexTerms(Expr)} of the key and stops after the page.
   *
   * @throws IllegalArgumentException when the spec does not end so
   */
  public SqlFragment groupKeys(ViewSpec spec) {
    GroupedSpec g = GroupedSpec.of(spec);
    ViewCompiler.Compilation c = stages.compile(g.before());
    SqlLevel q = ViewCompiler.unsliced(c.level, c);
    Expr key = c.fields.rewrite(g.groupBy().key(), true, "groupBy");
    List<SqlFragment> terms = compiler.sortKeys(key, false);
    String src;
    String ord;
    SqlFragment with;
    SqlFragment where;
    if (q.table && q.naturalOrder()) {
      src = samplesTable;
      ord = "seq";
      with = SqlFragment.of("");
      where = q.whereClause();
    } else {
      // the first member in view order gives the key's value: number the rows in that order
      src = "v";
      ord = "rn";
      with = SqlFragment.concat("WITH v AS (SELECT seq, id, doc, ROW_NUMBER() OVER (ORDER BY ",
          SqlFragment.join(", ", q.order), ") AS rn FROM ", q.from, q.whereClause(), ") ");
      where = SqlFragment.of("");
    }
    List<Object> inner = new ArrayList<>();
    inner.add("SELECT ");
    List<SqlFragment> grouping = terms;
    if (terms.stream().anyMatch(t -> !t.params().isEmpty())) {
      // PostgreSQL cannot tell that two copies with parameters are the same: name them once
      grouping = new ArrayList<>();
      for (int i = 0; i < terms.size(); i++) {
        inner.add(terms.get(i));
        inner.add(" AS k" + (i + 1) + ", ");
        grouping.add(SqlFragment.of("k" + (i + 1)));
      }
    }
    // plain terms are not selected: SQLite then reads them from an index on them
    inner.add("min(" + ord + ") AS first, count(*) AS n FROM " + src);
    inner.add(where);
    if (!terms.isEmpty()) {
      inner.add(" GROUP BY ");
      inner.add(SqlFragment.join(", ", grouping));
      inner.add(" ORDER BY ");
      inner.add(SqlFragment.join(", ", grouping));
    }
    inner.add(dialect.limitOffset(g.limit(), g.offset()));
    // the first member's key terms are its group's: they order the page again after the join
    SqlCompiler first = new SqlCompiler(dialect, "d.doc");
    List<SqlFragment> again = first.sortKeys(key, false);
    return SqlFragment.concat(with, "SELECT ", first.jsonText(key), " AS key, g.n AS n FROM (",
        SqlFragment.concat(inner.toArray()), ") AS g JOIN " + src + " AS d ON d." + ord + " = g.first",
        again.isEmpty() ? SqlFragment.of("") : SqlFragment.concat(" ORDER BY ", SqlFragment.join(", ", again)));
  }

  /**
   * {@code SELECT id, doc} of the members of the group of {@link #groupKeys} whose key is
   * {@code key} (as read back from its JSON: null, Boolean, Long, Double, String, List or
   * Map), in group order ({@code orderBy}, then view order).
   *
   * @throws IllegalArgumentException when the spec does not end in {@code groupBy} then only
   *     {@code skip} and {@code limit}
   */
  public SqlFragment groupMembers(ViewSpec spec, Object key) {
    GroupedSpec g = GroupedSpec.of(spec);
    ViewCompiler.Compilation c = stages.compile(g.before());
    SqlLevel q = ViewCompiler.unsliced(c.level, c);
    Expr k = c.fields.rewrite(g.groupBy().key(), false, "groupBy");
    Expr same;
    if (key == null) {
      same = new Expr.Binary(BinaryOp.EQ, k, Expr.Literal.NULL);
    } else if (key instanceof Map || key instanceof List) {
      // lists and documents form one group: they are the values not equal to themselves
      same = new Expr.Binary(BinaryOp.EQ, k, k).not();
    } else {
      same = new Expr.Binary(BinaryOp.EQ, k, new Expr.Literal(key));
    }
    q.where.add(compiler.where(same));
    q.order = stages.groupOrder(c, g.groupBy(), q.order, false);
    return q.render("id, doc", true);
  }

  /**
   * The index an SQL store should create for sorting and grouping by {@code key}: its
   * ascending {@link SqlCompiler#sortKeys}, on the {@code doc} column of the samples table.
   * It serves {@code sortBy(key)} (with {@code seq}, which every index holds, as the tie),
   * {@link #groupKeys} and a {@code groupBy(key)} inside a view. See {@link #indexes(Expr)}
   * for the indexes that serve the other queries on {@code key}.
   *
   * @throws IllegalArgumentException when the terms need parameters (a key with literals
   *     inside an expression), which an index cannot hold
   */
  public List<SqlFragment> indexTerms(Expr key) {
    return noParameters(compiler.sortKeys(key, false), key);
  }

  /**
   * Every index that serves queries on {@code key}, each as its list of terms: the ascending
   * sort terms ({@link #indexTerms}), the descending sort terms (which place null differently,
   * for {@code sortBy(key, reverse=true)}), and for a field the indexes of
   * {@link JsonValueSql#valueIndexes()} that comparisons ({@code key > 10},
   * {@code key == "MR"}), counts of them and {@link #groupMembers} read (SQLite: one on
   * {@code json_extract} and {@code json_type} of the field, which a count reads alone).
   */
  public List<List<SqlFragment>> indexes(Expr key) {
    List<List<SqlFragment>> out = new ArrayList<>();
    out.add(indexTerms(key));
    List<SqlFragment> reverse = noParameters(compiler.sortKeys(key, true), key);
    if (!reverse.equals(out.get(0))) {
      out.add(reverse);
    }
    if (key instanceof Expr.Field f) {
      for (List<String> terms : dialect.field("doc", f.path()).valueIndexes()) {
        out.add(terms.stream().map(SqlFragment::of).toList());
      }
    }
    return out;
  }

  /**
   * A spec ending in {@code groupBy} then only {@code skip} and {@code limit}: the stages
   * before, the grouping, and the page of groups.
   */
  private record GroupedSpec(List<Stage> before, Stage.GroupBy groupBy, long offset, long limit) {
    static GroupedSpec of(ViewSpec spec) {
      List<Stage> stages = spec.stages();
      int at = stages.size() - 1;
      while (at >= 0 && (stages.get(at) instanceof Stage.Skip || stages.get(at) instanceof Stage.Limit)) {
        at--;
      }
      if (at < 0 || !(stages.get(at) instanceof Stage.GroupBy groupBy)) {
        throw new IllegalArgumentException("the view does not end in groupBy (then only skip/limit)");
      }
      long offset = 0;
      long limit = -1;
      for (Stage s : stages.subList(at + 1, stages.size())) {
        if (s instanceof Stage.Skip skip) {
          offset = offset + skip.n() < 0 ? Long.MAX_VALUE : offset + skip.n();
          limit = limit < 0 ? -1 : Math.max(0, limit - skip.n());
        } else {
          long n = ((Stage.Limit) s).n();
          limit = limit < 0 ? n : Math.min(limit, n);
        }
      }
      return new GroupedSpec(stages.subList(0, at), groupBy, offset, limit);
    }
  }

  private static List<SqlFragment> noParameters(List<SqlFragment> terms, Expr key) {
    if (terms.stream().anyMatch(t -> !t.params().isEmpty())) {
      throw new IllegalArgumentException("cannot index " + key + ": its SQL needs parameters");
    }
    return terms;
  }
}
