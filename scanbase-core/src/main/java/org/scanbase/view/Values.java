// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The value semantics shared by {@link InMemoryEvaluator} and, by construction, by the SQL that
 * {@link SqlCompiler} generates: value classes, equality, ordering, arithmetic and the sort order.
 * The rules are stated in {@link org.scanbase.view}; this class is their one implementation.
 */
final class Values {

  /** The class of a JSON value. Missing and JSON null are both {@link #NULL}. */
  enum Kind {
    NULL, NUMBER, STRING, BOOLEAN, LIST, DOCUMENT
  }

  private Values() {}

  /**
   * Normalises a value found in a document: integral numbers to {@code Long} (or {@code Double}
   * beyond 64 bits), other numbers to {@code Double}; strings, booleans, lists and maps unchanged.
   *
   * @throws IllegalArgumentException for a value that is not JSON-like
   */
  static Object normalize(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean
        || value instanceof Long || value instanceof Double
        || value instanceof List || value instanceof Map) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
    }
    if (value instanceof Float || value instanceof BigDecimal) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Character c) {
      return c.toString();
    }
    if (value instanceof Collection<?> c) {
      return new ArrayList<>(c);
    }
    throw new IllegalArgumentException("unsupported value type " + value.getClass().getName()
        + " (expected null, boolean, number, string, list or map)");
  }

  /**
   * Normalises a literal: a scalar (null, boolean, number, string) or a list of scalars, made
   * immutable. Doubles must be finite.
   *
   * @throws IllegalArgumentException for maps, nested lists, NaN or infinities
   */
  static Object normalizeLiteral(Object value) {
    Object v = normalize(value);
    if (v instanceof Map) {
      throw new IllegalArgumentException("a literal cannot be a document (map)");
    }
    if (v instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object item : list) {
        Object n = normalize(item);
        if (n instanceof List || n instanceof Map) {
          throw new IllegalArgumentException("list literals hold only null, booleans, numbers"
              + " and strings, not " + (n instanceof List ? "lists" : "documents"));
        }
        copy.add(checkFinite(n));
      }
      return Collections.unmodifiableList(copy);
    }
    return checkFinite(v);
  }

  private static Object checkFinite(Object v) {
    if (v instanceof Double d && !Double.isFinite(d)) {
      throw new IllegalArgumentException("a number literal must be finite, was " + d);
    }
    return v;
  }

  static Kind kind(Object v) {
    if (v == null) {
      return Kind.NULL;
    } else if (v instanceof Number) {
      return Kind.NUMBER;
    } else if (v instanceof String) {
      return Kind.STRING;
    } else if (v instanceof Boolean) {
      return Kind.BOOLEAN;
    } else if (v instanceof List) {
      return Kind.LIST;
    } else if (v instanceof Map) {
      return Kind.DOCUMENT;
    }
    throw new IllegalArgumentException("unsupported value type " + v.getClass().getName());
  }

  /** True only for the boolean {@code true}: the truth of a value in a boolean context. */
  static boolean truthy(Object v) {
    return Boolean.TRUE.equals(v);
  }

  /** {@code a == b}: both null, or the same class (number, string, boolean) and equal. */
  static boolean equal(Object a, Object b) {
    Object x = normalize(a);
    Object y = normalize(b);
    Kind k = kind(x);
    if (k != kind(y)) {
      return false;
    }
    return switch (k) {
      case NULL -> true;
      case NUMBER -> compareNumbers((Number) x, (Number) y) == 0;
      case STRING, BOOLEAN -> x.equals(y);
      case LIST, DOCUMENT -> false;
    };
  }

  /**
   * The order of two values for {@code < <= > >=}: numbers with numbers, strings with strings
   * (by Unicode code point); {@code null} when they are not comparable (other classes, nulls).
   */
  static Integer order(Object a, Object b) {
    Object x = normalize(a);
    Object y = normalize(b);
    if (x instanceof Number n && y instanceof Number m) {
      return compareNumbers(n, m);
    }
    if (x instanceof String s && y instanceof String t) {
      return compareStrings(s, t);
    }
    return null;
  }

  /** Exact numeric comparison of longs and doubles; -0.0 equals 0.0. */
  static int compareNumbers(Number a, Number b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (a instanceof Double || b instanceof Double) {
      double x = a.doubleValue();
      double y = b.doubleValue();
      if (a instanceof Double && b instanceof Double || Double.isInfinite(x) || Double.isInfinite(y)) {
        return x < y ? -1 : x > y ? 1 : 0;
      }
      return exact(a).compareTo(exact(b));
    }
    throw new IllegalArgumentException("unnormalised number " + a.getClass() + ", " + b.getClass());
  }

  private static BigDecimal exact(Number n) {
    return n instanceof Long l ? BigDecimal.valueOf(l) : new BigDecimal(n.doubleValue());
  }

  /** Code-point order, which is the UTF-8 byte order SQLite's BINARY collation uses. */
  static int compareStrings(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /**
   * Arithmetic: null unless both operands are numbers. Integer {@code + - *} stay integers
   * unless they overflow 64 bits, when they become doubles (as in SQLite); {@code /} always
   * divides as doubles and division by zero is null; a NaN result is null.
   */
  static Object arithmetic(BinaryOp op, Object a, Object b) {
    Object x = normalize(a);
    Object y = normalize(b);
    if (!(x instanceof Number n) || !(y instanceof Number m)) {
      return null;
    }
    if (op == BinaryOp.DIV) {
      double divisor = m.doubleValue();
      return divisor == 0 ? null : noNaN(n.doubleValue() / divisor);
    }
    if (n instanceof Long p && m instanceof Long q) {
      try {
        return switch (op) {
          case ADD -> Math.addExact(p, q);
          case SUB -> Math.subtractExact(p, q);
          case MUL -> Math.multiplyExact(p, q);
          default -> throw new IllegalArgumentException("not arithmetic: " + op);
        };
      } catch (ArithmeticException overflow) {
        // fall through to doubles, as SQLite does
      }
    }
    double p = n.doubleValue();
    double q = m.doubleValue();
    return noNaN(switch (op) {
      case ADD -> p + q;
      case SUB -> p - q;
      case MUL -> p * q;
      default -> throw new IllegalArgumentException("not arithmetic: " + op);
    });
  }

  /** {@code -x}: null unless x is a number; negating Long.MIN_VALUE gives a double. */
  static Object negate(Object a) {
    Object x = normalize(a);
    if (x instanceof Long l) {
      return l == Long.MIN_VALUE ? (Object) (-(double) l) : (Object) (-l);
    }
    if (x instanceof Double d) {
      return -d;
    }
    return null;
  }

  private static Double noNaN(double d) {
    return Double.isNaN(d) ? null : d;
  }

  /**
   * The rank of a value's class in the sort order: numbers, strings, booleans, lists and
   * documents, then null (missing) last in both directions.
   */
  static int sortRank(Object v) {
    return switch (kind(v)) {
      case NUMBER -> 0;
      case STRING -> 1;
      case BOOLEAN -> 2;
      case LIST, DOCUMENT -> 3;
      case NULL -> 4;
    };
  }

  /** The sort order of two values; nulls last whatever {@code reverse}. */
  static int sortCompare(Object a, Object b, boolean reverse) {
    Object x = normalize(a);
    Object y = normalize(b);
    int rx = sortRank(x);
    int ry = sortRank(y);
    if (rx == 4 || ry == 4) {
      return Integer.compare(rx, ry);
    }
    int c;
    if (rx != ry) {
      c = Integer.compare(rx, ry);
    } else {
      c = switch (rx) {
        case 0 -> compareNumbers((Number) x, (Number) y);
        case 1 -> compareStrings((String) x, (String) y);
        case 2 -> Boolean.compare((Boolean) x, (Boolean) y);
        default -> 0;
      };
    }
    return reverse ? -c : c;
  }
}
