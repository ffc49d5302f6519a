// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compiles expressions into parameterised SQL over a JSON document column, with the semantics
 * of {@link InMemoryEvaluator} (stated in {@link org.scanbase.view}): missing equals null,
 * comparisons only within a class (number, string, boolean), {@code !=} is {@code not ==}.
 * Values become parameters; field paths become escaped string literals of the dialect.
 * Sub-expressions without fields are evaluated here, in Java, and bound as their result.
 *
 * <pre>{@code
 * SqlCompiler sql = new SqlCompiler(SqlDialect.SQLITE);
 * SqlFragment where = sql.where(ExprParser.parse("SliceLocation > 10"));
 * // (json_extract(doc, '$."SliceLocation"') > ? AND json_type(doc, '$."SliceLocation"') IN ('integer', 'real'))  [10]
 * }</pre>
 * A compiler holds no state between calls and may be shared between threads.
 */
public final class SqlCompiler {
  private static final Pattern COLUMN =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

  private final SqlDialect dialect;
  private final String docColumn;

  /** A compiler for documents in the column {@code doc}. */
  public SqlCompiler(SqlDialect dialect) {
    this(dialect, "doc");
  }

  /**
   * A compiler for documents in {@code docColumn}, a plain or table-qualified column name
   * ({@code doc}, {@code s.doc}).
   */
  public SqlCompiler(SqlDialect dialect, String docColumn) {
    if (!COLUMN.matcher(docColumn).matches()) {
      throw new IllegalArgumentException("not a column name: '" + docColumn + "'");
    }
    this.dialect = dialect;
    this.docColumn = docColumn;
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /** A condition true exactly for the documents where {@code predicate} is the boolean true. */
  public SqlFragment where(Expr predicate) {
    Compilation c = new Compilation();
    return c.truthy(c.compile(predicate));
  }

  /**
   * An ORDER BY list ({@code "t1 ASC, t2 ASC"}) sorting by {@code key} as
   * {@link InMemoryEvaluator#comparator(Expr, boolean)} does. Empty SQL when {@code key} has no
   * field (it sorts nothing). Append the sample id as a final term for a total order.
   */
  public SqlFragment orderBy(Expr key, boolean reverse) {
    List<SqlFragment> terms = new ArrayList<>();
    for (SqlFragment term : sortKeys(key, reverse)) {
      terms.add(SqlFragment.concat(term, reverse ? " DESC" : " ASC"));
    }
    return SqlFragment.join(", ", terms);
  }

  /**
   * The terms of {@link #orderBy(Expr, boolean)} without direction: the expressions an index
   * needs to serve that sort, and together a grouping key (two values have equal terms when
   * they are {@code ==}, or both lists or documents).
   */
  public List<SqlFragment> sortKeys(Expr key, boolean reverse) {
    Compilation c = new Compilation();
    Val v = c.compile(key);
    if (v instanceof Dyn d) {
      return d.json().sortTerms(reverse).stream().map(SqlFragment::of).toList();
    } else if (v instanceof Num n) {
      return List.of(
          SqlFragment.concat("CASE WHEN ", n.sql(), " IS NULL THEN " + (reverse ? -1 : 4) + " ELSE 0 END"),
          n.sql());
    } else if (v instanceof Pred p) {
      return List.of(dialect.orFalse(p.sql()));
    }
    return List.of();
  }

  /**
   * The value of {@code e} when it is of class {@code kind}, else SQL NULL: what aggregations
   * (bounds, histograms, value counts) read.
   */
  public SqlFragment valueAs(Expr e, ValueKind kind) {
    Compilation c = new Compilation();
    Typed t = c.as(c.compile(e), kind);
    return t == null ? SqlFragment.of("NULL") : c.nullable(t);
  }

  /**
   * The value of {@code e} as JSON text, {@code 'null'} for null or missing (never SQL NULL):
   * how a group key is read back ({@link ViewSql#groupKeys(ViewSpec)}).
   */
  public SqlFragment jsonText(Expr e) {
    Compilation c = new Compilation();
    Val v = c.compile(e);
    if (v instanceof Dyn d) {
      return SqlFragment.of(d.json().text());
    } else if (v instanceof Const k) {
      return dialect.parameter(JsonText.value(k.value()));
    } else if (v instanceof Num n) {
      return dialect.numberJson(n.sql());
    }
    return SqlFragment.concat("CASE WHEN ", dialect.orFalse(((Pred) v).sql()),
        " THEN 'true' ELSE 'false' END");
  }

  /** A compiled value: what SQL knows about its class decides how it is compared. */
  private sealed interface Val permits Dyn, Const, Num, Pred {}

  /** A JSON value of any class, read from the document. */
  private record Dyn(JsonValueSql json) implements Val {}

  /** A value known here (literals and field-free sub-expressions). */
  private record Const(Object value) implements Val {}

  /** An SQL number, or SQL NULL for null. */
  private record Num(SqlFragment sql) implements Val {}

  /** An SQL condition; SQL NULL means false. */
  private record Pred(SqlFragment sql) implements Val {}

  /** A value of one class and the guard that the value is of that class (or null). */
  private record Typed(SqlFragment value, String guard) {}

  /** One compilation: the true/false constants and the alias counter for array scans. */
  private final class Compilation {
    private final SqlFragment yes = SqlFragment.of(dialect.trueLiteral());
    private final SqlFragment no = SqlFragment.of(dialect.falseLiteral());
    private int aliases;

    Val compile(Expr e) {
      if (!hasField(e)) {
        return new Const(InMemoryEvaluator.evaluate(e, Map.of()));
      }
      if (e instanceof Expr.Field f) {
        return new Dyn(dialect.field(docColumn, f.path()));
      } else if (e instanceof Expr.Unary u) {
        Val v = compile(u.operand());
        if (u.op() == UnaryOp.NOT) {
          return new Pred(not(truthy(v)));
        }
        Typed t = as(v, ValueKind.NUMBER);
        return t == null ? new Const(null) : new Num(SqlFragment.concat("(-", nullable(t), ")"));
      } else if (e instanceof Expr.Binary b) {
        return binary(b.op(), compile(b.left()), compile(b.right()));
      } else if (e instanceof Expr.In in) {
        return new Pred(in(compile(in.value()), compile(in.container())));
      } else if (e instanceof Expr.Contains c) {
        Typed t = as(compile(c.field()), ValueKind.STRING);
        return new Pred(check(dialect.containsText(t.value(), dialect.parameter(c.text())), t.guard()));
      } else if (e instanceof Expr.Exists x) {
        return new Pred(SqlFragment.of(dialect.field(docColumn, x.field().path()).isNotNull()));
      }
      throw new IllegalArgumentException("unknown expression " + e.getClass());
    }

    private Val binary(BinaryOp op, Val l, Val r) {
      switch (op) {
        case AND:
          return new Pred(and(truthy(l), truthy(r)));
        case OR:
          return new Pred(or(truthy(l), truthy(r)));
        case EQ:
          return new Pred(equal(l, r));
        case NE:
          return new Pred(not(equal(l, r)));
        case LT: case LE: case GT: case GE:
          SqlFragment result = no;
          for (ValueKind kind : List.of(ValueKind.NUMBER, ValueKind.STRING)) {
            result = or(result, compare(as(l, kind), op.symbol(), as(r, kind)));
          }
          return new Pred(result);
        default:
          Typed a = as(l, ValueKind.NUMBER);
          Typed b = as(r, ValueKind.NUMBER);
          if (a == null || b == null) {
            return new Const(null);
          }
          if (op == BinaryOp.DIV) {
            return new Num(dialect.divide(nullable(a), nullable(b)));
          }
          return new Num(SqlFragment.concat("(", nullable(a), " " + op.symbol() + " ", nullable(b), ")"));
      }
    }

    /** {@code l == r}: both null, or equal within one class. */
    private SqlFragment equal(Val l, Val r) {
      SqlFragment result = and(isNull(l), isNull(r));
      for (ValueKind kind : ValueKind.values()) {
        result = or(result, compare(as(l, kind), "=", as(r, kind)));
      }
      return result;
    }

    private SqlFragment in(Val value, Val container) {
      if (container instanceof Dyn d) {
        JsonValueSql.ArrayScan scan = d.json().elements("je" + (++aliases));
        SqlFragment match = equal(value, new Dyn(scan.element()));
        if (match == no) {
          return no;
        }
        return SqlFragment.concat("(", scan.isArray(), " AND EXISTS (SELECT 1 FROM ", scan.from(),
            " WHERE ", match, "))");
      }
      if (!(container instanceof Const c) || !(c.value() instanceof List<?> items)) {
        return no;
      }
      SqlFragment result = items.contains(null) ? isNull(value) : no;
      for (ValueKind kind : ValueKind.values()) {
        Typed t = as(value, kind);
        List<SqlFragment> params = new ArrayList<>();
        for (Object item : items) {
          if (item != null && kindOf(item) == kind) {
            params.add(dialect.parameter(item));
          }
        }
        if (t != null && !params.isEmpty()) {
          SqlFragment test = SqlFragment.concat(t.value(), " IN (", SqlFragment.join(", ", params), ")");
          result = or(result, check(test, t.guard()));
        }
      }
      return result;
    }

    /** {@code (a op b AND guards)}, or false when either side is not of the class. */
    private SqlFragment compare(Typed a, String op, Typed b) {
      if (a == null || b == null) {
        return no;
      }
      SqlFragment test = SqlFragment.concat(a.value(), " " + op + " ", b.value());
      return check(check(test, a.guard()), b.guard());
    }

    private SqlFragment check(SqlFragment test, String guard) {
      return guard == null ? test : SqlFragment.concat("(", test, " AND ", guard, ")");
    }

    /** The value as {@code kind}, or null when it can never be of that class. */
    Typed as(Val v, ValueKind kind) {
      if (v instanceof Dyn d) {
        JsonValueSql.Typed t = d.json().as(kind);
        return new Typed(SqlFragment.of(t.value()), t.guard());
      } else if (v instanceof Const c) {
        return c.value() != null && kindOf(c.value()) == kind
            ? new Typed(dialect.parameter(c.value()), null) : null;
      } else if (v instanceof Num n) {
        return kind == ValueKind.NUMBER ? new Typed(n.sql(), null) : null;
      }
      Pred p = (Pred) v;
      return kind == ValueKind.BOOLEAN ? new Typed(dialect.orFalse(p.sql()), null) : null;
    }

    /** The typed value, or SQL NULL where the guard fails. */
    SqlFragment nullable(Typed t) {
      return t.guard() == null ? t.value()
          : SqlFragment.concat("CASE WHEN ", t.guard(), " THEN ", t.value(), " END");
    }

    private SqlFragment isNull(Val v) {
      if (v instanceof Dyn d) {
        return SqlFragment.of(d.json().isNull());
      } else if (v instanceof Const c) {
        return c.value() == null ? yes : no;
      } else if (v instanceof Num n) {
        return SqlFragment.concat("(", n.sql(), " IS NULL)");
      }
      return no;
    }

    SqlFragment truthy(Val v) {
      if (v instanceof Dyn d) {
        return SqlFragment.of(d.json().isTrue());
      } else if (v instanceof Const c) {
        return Values.truthy(c.value()) ? yes : no;
      } else if (v instanceof Pred p) {
        return p.sql();
      }
      return no;
    }

    private SqlFragment and(SqlFragment a, SqlFragment b) {
      if (a == no || b == no) {
        return no;
      }
      return a == yes ? b : b == yes ? a : SqlFragment.concat("(", a, " AND ", b, ")");
    }

    private SqlFragment or(SqlFragment a, SqlFragment b) {
      if (a == yes || b == yes) {
        return yes;
      }
      return a == no ? b : b == no ? a : SqlFragment.concat("(", a, " OR ", b, ")");
    }

    private SqlFragment not(SqlFragment p) {
      return p == yes ? no : p == no ? yes : SqlFragment.concat("(NOT ", dialect.orFalse(p), ")");
    }
  }

  private static ValueKind kindOf(Object v) {
    return switch (Values.kind(v)) {
      case NUMBER -> ValueKind.NUMBER;
      case STRING -> ValueKind.STRING;
      case BOOLEAN -> ValueKind.BOOLEAN;
      default -> null;
    };
  }

  private static boolean hasField(Expr e) {
    if (e instanceof Expr.Field || e instanceof Expr.Contains || e instanceof Expr.Exists) {
      return true;
    } else if (e instanceof Expr.Unary u) {
      return hasField(u.operand());
    } else if (e instanceof Expr.Binary b) {
      return hasField(b.left()) || hasField(b.right());
    } else if (e instanceof Expr.In in) {
      return hasField(in.value()) || hasField(in.container());
    }
    return false;
  }
}
