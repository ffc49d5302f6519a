// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the text form of an expression with as few parentheses as keep the tree: the output
 * of {@link #print(Expr)} parses back ({@link ExprParser}) to an equal expression.
 */
final class ExprPrinter {

  /** Binding strengths, matching {@link BinaryOp#precedence()}. */
  private static final int OR = 1;
  private static final int NOT = 3;
  private static final int COMPARISON = 4;
  private static final int ADDITIVE = 5;
  private static final int NEGATION = 7;
  private static final int PRIMARY = 8;

  private static final Pattern BARE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Words that cannot be bare field names (compared case-insensitively). */
  static final Set<String> KEYWORDS =
      Set.of("and", "or", "not", "in", "true", "false", "null", "contains", "exists");

  private ExprPrinter() {}

  static String print(Expr e) {
    StringBuilder out = new StringBuilder();
    write(e, OR, out);
    return out.toString();
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Binary b) {
      return b.op().precedence();
    } else if (e instanceof Expr.In) {
      return COMPARISON;
    } else if (e instanceof Expr.Unary u) {
      return u.op() == UnaryOp.NOT ? NOT : NEGATION;
    }
    return PRIMARY;
  }

  /** Writes {@code e}, in parentheses when it binds less tightly than {@code minimum}. */
  private static void write(Expr e, int minimum, StringBuilder out) {
    boolean parens = precedence(e) < minimum;
    if (parens) {
      out.append('(');
    }
    writeBare(e, out);
    if (parens) {
      out.append(')');
    }
  }

  private static void writeBare(Expr e, StringBuilder out) {
    if (e instanceof Expr.Field f) {
      writeField(f, out);
    } else if (e instanceof Expr.Literal l) {
      writeValue(l.value(), out);
    } else if (e instanceof Expr.Unary u && u.op() == UnaryOp.NOT) {
      out.append("not ");
      write(u.operand(), NOT, out);
    } else if (e instanceof Expr.Unary u) {
      out.append('-');
      // "-5" would read back as the literal -5, so a negated number literal keeps its parentheses
      boolean number = u.operand() instanceof Expr.Literal l && l.value() instanceof Number;
      write(u.operand(), number ? PRIMARY + 1 : NEGATION, out);
    } else if (e instanceof Expr.Binary b) {
      int p = b.op().precedence();
      // comparisons do not chain; the others group to the left
      write(b.left(), b.op().isComparison() ? p + 1 : p, out);
      out.append(' ').append(b.op().symbol()).append(' ');
      write(b.right(), p + 1, out);
    } else if (e instanceof Expr.In in) {
      write(in.value(), ADDITIVE, out);
      out.append(" in ");
      write(in.container(), ADDITIVE, out);
    } else if (e instanceof Expr.Contains c) {
      out.append("contains(");
      writeField(c.field(), out);
      out.append(", ");
      writeString(c.text(), out);
      out.append(')');
    } else if (e instanceof Expr.Exists x) {
      out.append("exists(");
      writeField(x.field(), out);
      out.append(')');
    } else {
      throw new IllegalArgumentException("unknown expression " + e.getClass());
    }
  }

  static void writeField(Expr.Field f, StringBuilder out) {
    List<String> path = f.path();
    for (int i = 0; i < path.size(); i++) {
      if (i > 0) {
        out.append('.');
      }
      writeName(path.get(i), out);
    }
  }

  private static void writeName(String name, StringBuilder out) {
    if (BARE_NAME.matcher(name).matches() && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
      out.append(name);
      return;
    }
    out.append('`');
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '`' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('`');
  }

  private static void writeValue(Object v, StringBuilder out) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof String s) {
      writeString(s, out);
    } else if (v instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        writeValue(list.get(i), out);
      }
      out.append(']');
    } else {
      // Long.toString and Double.toString ("1.0", "1.0E-5") are both number tokens
      out.append(v);
    }
  }

  static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
