// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Evaluates expressions against documents held in memory: {@code Map<String, ?>} with nested
 * maps, lists, strings, booleans, numbers and nulls (what Jackson reads from JSON). It is the
 * reference for the SQL that {@link SqlCompiler} generates: both follow the rules in
 * {@link org.scanbase.view}, and the tests run every case through both.
 */
public final class InMemoryEvaluator {
  private InMemoryEvaluator() {}

  /**
   * The value of {@code e} for {@code doc}: null (for missing too), Boolean, Long, Double,
   * String, or a list or map taken from the document.
   */
  public static Object evaluate(Expr e, Map<String, ?> doc) {
    if (e instanceof Expr.Field f) {
      return resolve(f, doc);
    } else if (e instanceof Expr.Literal l) {
      return l.value();
    } else if (e instanceof Expr.Unary u) {
      Object v = evaluate(u.operand(), doc);
      return u.op() == UnaryOp.NOT ? (Object) !Values.truthy(v) : Values.negate(v);
    } else if (e instanceof Expr.Binary b) {
      return binary(b, doc);
    } else if (e instanceof Expr.In in) {
      Object value = evaluate(in.value(), doc);
      if (evaluate(in.container(), doc) instanceof List<?> list) {
        for (Object item : list) {
          if (Values.equal(value, item)) {
            return true;
          }
        }
      }
      return false;
    } else if (e instanceof Expr.Contains c) {
      return resolve(c.field(), doc) instanceof String s && s.contains(c.text());
    } else if (e instanceof Expr.Exists x) {
      return resolve(x.field(), doc) != null;
    }
    throw new IllegalArgumentException("unknown expression " + e.getClass());
  }

  private static Object binary(Expr.Binary b, Map<String, ?> doc) {
    BinaryOp op = b.op();
    if (op == BinaryOp.AND) {
      return Values.truthy(evaluate(b.left(), doc)) && Values.truthy(evaluate(b.right(), doc));
    }
    if (op == BinaryOp.OR) {
      return Values.truthy(evaluate(b.left(), doc)) || Values.truthy(evaluate(b.right(), doc));
    }
    Object l = evaluate(b.left(), doc);
    Object r = evaluate(b.right(), doc);
    if (op.isArithmetic()) {
      return Values.arithmetic(op, l, r);
    }
    if (op == BinaryOp.EQ) {
      return Values.equal(l, r);
    }
    if (op == BinaryOp.NE) {
      return !Values.equal(l, r);
    }
    Integer c = Values.order(l, r);
    if (c == null) {
      return false;
    }
    return switch (op) {
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
      default -> throw new IllegalArgumentException("not a comparison: " + op);
    };
  }

  /** True when {@code predicate} evaluates to the boolean true for {@code doc}. */
  public static boolean test(Expr predicate, Map<String, ?> doc) {
    return Values.truthy(evaluate(predicate, doc));
  }

  /**
   * The value at a field path: each segment is a key of the map reached so far; the result is
   * null as soon as a key is missing or the value reached is not a map (paths do not index
   * lists). Numbers come back as Long or Double.
   */
  public static Object resolve(Expr.Field field, Map<String, ?> doc) {
    Object current = doc;
    for (String key : field.path()) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return Values.normalize(current);
  }

  /**
   * Orders documents by the value of {@code key}, as {@link SqlCompiler#orderBy} does: numbers,
   * then strings, then booleans, then lists and documents (equal among themselves), with null
   * and missing last in both directions; {@code reverse} reverses all but the place of nulls.
   * Ties are left to the caller, who should break them by sample id as the store does.
   */
  public static Comparator<Map<String, ?>> comparator(Expr key, boolean reverse) {
    return (a, b) -> compareSortKeys(evaluate(key, a), evaluate(key, b), reverse);
  }

  /** The sort order of two values (see {@link #comparator(Expr, boolean)}). */
  public static int compareSortKeys(Object a, Object b, boolean reverse) {
    return Values.sortCompare(a, b, reverse);
  }
}
