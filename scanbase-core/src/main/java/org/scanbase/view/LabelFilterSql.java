// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL condition of {@code filterLabels(field, filter, onlyMatches=true)}: the sample keeps
 * at least one label, as {@link InMemoryView} decides it. The field must hold a document; when
 * that document has a list under its lower-cased {@code _type} (a container such as
 * {@code {"_type": "Detections", "detections": [...]}}), some element document must pass the
 * filter; otherwise the document itself must.
 */
final class LabelFilterSql {
  private final SqlDialect dialect;

  LabelFilterSql(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /**
   * True for the documents in {@code docColumn} whose label field {@code field} keeps a label
   * under {@code filter} (paths relative to a label).
   *
   * @param alias a prefix for the aliases of the scans, unique within the query
   */
  SqlFragment anyMatch(String docColumn, Expr.Field field, Expr filter, String alias) {
    SqlDialect.LabelScan scan = dialect.labels(docColumn, field.path(), alias);
    SqlFragment onElement = new SqlCompiler(dialect, scan.element()).where(filter);
    SqlFragment onLabel = new SqlCompiler(dialect, docColumn).where(prefixed(filter, field.path()));
    return SqlFragment.concat("(", scan.isDocument(), " AND CASE WHEN EXISTS (SELECT 1 FROM ",
        scan.lists(), " WHERE ", scan.listWhere(), ") THEN EXISTS (SELECT 1 FROM ", scan.lists(),
        ", ", scan.elements(), " WHERE ", scan.listWhere(), " AND ", scan.elementWhere(), " AND ",
        dialect.orFalse(onElement), ") ELSE ", dialect.orFalse(onLabel), " END)");
  }

  /** {@code e} with every field path moved under {@code prefix}: read from the sample, not the label. */
  static Expr prefixed(Expr e, List<String> prefix) {
    if (e instanceof Expr.Field f) {
      return under(f, prefix);
    } else if (e instanceof Expr.Exists x) {
      return new Expr.Exists(under(x.field(), prefix));
    } else if (e instanceof Expr.Contains c) {
      return new Expr.Contains(under(c.field(), prefix), c.text());
    } else if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), prefixed(u.operand(), prefix));
    } else if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), prefixed(b.left(), prefix), prefixed(b.right(), prefix));
    } else if (e instanceof Expr.In in) {
      return new Expr.In(prefixed(in.value(), prefix), prefixed(in.container(), prefix));
    }
    return e;
  }

  private static Expr.Field under(Expr.Field f, List<String> prefix) {
    List<String> path = new ArrayList<>(prefix);
    path.addAll(f.path());
    return new Expr.Field(path);
  }
}
