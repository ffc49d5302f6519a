// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.ArrayList;
import java.util.List;
import org.scanbase.view.ExprLexer.Kind;
import org.scanbase.view.ExprLexer.Token;

/**
 * Parses the text form of expressions (DESIGN.md, "Expressions (text form)"):
 * <pre>
 * expr           = or
 * or             = and { "or" and }
 * and            = not { "and" not }
 * not            = "not" not | comparison
 * comparison     = additive [ ("==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "in" | "not" "in") additive ]
 * additive       = multiplicative { ("+" | "-") multiplicative }
 * multiplicative = unary { ("*" | "/") unary }
 * unary          = "-" NUMBER | "-" unary | primary
 * primary        = NUMBER | STRING | "true" | "false" | "null" | list | "(" expr ")"
 *                | "contains" "(" field "," STRING ")" | "exists" "(" field ")" | field
 * list           = "[" [ scalar { "," scalar } ] "]"      (scalar: a literal that is not a list)
 * field          = name { "." name }                        (name: [A-Za-z_][A-Za-z0-9_]* or `backticked`)
 * </pre>
 * Keywords are case-insensitive; a field named like a keyword needs backticks. Strings take
 * double or single quotes and JSON escapes; backticked names escape {@code `} and {@code \}
 * with a backslash. Numbers with a point or exponent are doubles, others longs (doubles when
 * beyond 64 bits). {@code - 5} is the literal -5, {@code -(5)} a negation. Comparisons do not
 * chain: {@code a < b < c} is an error.
 */
public final class ExprParser {
  private final String input;
  private final List<Token> tokens;
  private int index;

  private ExprParser(String input) {
    this.input = input;
    this.tokens = ExprLexer.tokenize(input);
  }

  /**
   * Parses one expression.
   *
   * @throws ExprSyntaxException naming the column of the first problem
   */
  public static Expr parse(String text) {
    ExprParser parser = new ExprParser(text);
    if (parser.peek().kind() == Kind.END) {
      throw parser.error(parser.peek(), "expected an expression");
    }
    Expr e = parser.or();
    Token rest = parser.peek();
    if (rest.kind() != Kind.END) {
      throw parser.error(rest, "expected an operator or the end", "found " + describe(rest));
    }
    return e;
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token take() {
    return tokens.get(index++);
  }

  private static boolean isComparison(Token t) {
    return t.kind() == Kind.SYMBOL && List.of("==", "!=", "<", "<=", ">", ">=").contains(t.text())
        || t.isWord("in");
  }

  private Expr or() {
    Expr left = and();
    while (peek().isWord("or")) {
      take();
      left = new Expr.Binary(BinaryOp.OR, left, and());
    }
    return left;
  }

  private Expr and() {
    Expr left = not();
    while (peek().isWord("and")) {
      take();
      left = new Expr.Binary(BinaryOp.AND, left, not());
    }
    return left;
  }

  private Expr not() {
    if (peek().isWord("not")) {
      take();
      return new Expr.Unary(UnaryOp.NOT, not());
    }
    return comparison();
  }

  private Expr comparison() {
    Expr left = additive();
    Token t = peek();
    Expr result;
    if (t.kind() == Kind.SYMBOL && isComparison(t)) {
      take();
      result = new Expr.Binary(BinaryOp.fromSymbol(t.text()), left, additive());
    } else if (t.isWord("in")) {
      take();
      result = new Expr.In(left, additive());
    } else if (t.isWord("not") && tokens.get(index + 1).isWord("in")) {
      index += 2;
      result = new Expr.Unary(UnaryOp.NOT, new Expr.In(left, additive()));
    } else {
      return left;
    }
    if (isComparison(peek())) {
      throw error(peek(), "comparisons cannot be chained", "add parentheses");
    }
    return result;
  }

  private Expr additive() {
    Expr left = multiplicative();
    while (peek().is("+") || peek().is("-")) {
      BinaryOp op = take().is("+") ? BinaryOp.ADD : BinaryOp.SUB;
      left = new Expr.Binary(op, left, multiplicative());
    }
    return left;
  }

  private Expr multiplicative() {
    Expr left = unary();
    while (peek().is("*") || peek().is("/")) {
      BinaryOp op = take().is("*") ? BinaryOp.MUL : BinaryOp.DIV;
      left = new Expr.Binary(op, left, unary());
    }
    return left;
  }

  private Expr unary() {
    if (peek().is("-")) {
      take();
      if (peek().kind() == Kind.NUMBER) {
        return new Expr.Literal(number(take(), true));
      }
      return new Expr.Unary(UnaryOp.NEG, unary());
    }
    return primary();
  }

  private Expr primary() {
    Token t = peek();
    switch (t.kind()) {
      case NUMBER:
        take();
        return new Expr.Literal(number(t, false));
      case STRING:
        take();
        return new Expr.Literal(t.text());
      case QUOTED_NAME:
        return field();
      case NAME:
        if (t.isWord("true") || t.isWord("false") || t.isWord("null")) {
          take();
          return t.isWord("null") ? Expr.Literal.NULL : new Expr.Literal(t.isWord("true"));
        }
        if (tokens.get(index + 1).is("(")) {
          return call();
        }
        if (ExprPrinter.KEYWORDS.contains(t.text().toLowerCase(java.util.Locale.ROOT))) {
          throw error(t, "expected a value", "found the keyword '" + t.text() + "'"
              + " (write a field of that name as `" + t.text() + "`)");
        }
        return field();
      case SYMBOL:
        if (t.is("(")) {
          take();
          Expr inner = or();
          expect(")");
          return inner;
        }
        if (t.is("[")) {
          return list();
        }
        break;
      default:
        break;
    }
    throw error(t, "expected a value", "found " + describe(t));
  }

  private Expr call() {
    Token name = take();
    take(); // "("
    Expr result;
    if (name.isWord("exists")) {
      result = new Expr.Exists(field());
    } else if (name.isWord("contains")) {
      Expr.Field f = field();
      expect(",");
      Token text = take();
      if (text.kind() != Kind.STRING) {
        throw error(text, "expected a string as the second argument of contains",
            "found " + describe(text));
      }
      result = new Expr.Contains(f, text.text());
    } else {
      throw error(name, "unknown function '" + name.text() + "'", "known: contains, exists");
    }
    expect(")");
    return result;
  }

  private Expr.Field field() {
    List<String> path = new ArrayList<>();
    path.add(name());
    while (peek().is(".")) {
      take();
      path.add(name());
    }
    return new Expr.Field(path);
  }

  private String name() {
    Token t = take();
    if (t.kind() == Kind.QUOTED_NAME) {
      return t.text();
    }
    if (t.kind() == Kind.NAME
        && !ExprPrinter.KEYWORDS.contains(t.text().toLowerCase(java.util.Locale.ROOT))) {
      return t.text();
    }
    throw error(t, "expected a field name", "found " + describe(t)
        + (t.kind() == Kind.END ? "" : " (write odd names in backticks)"));
  }

  private Expr list() {
    take(); // "["
    List<Object> items = new ArrayList<>();
    if (!peek().is("]")) {
      do {
        items.add(scalar());
      } while (peek().is(",") && take() != null);
    }
    expect("]");
    return new Expr.Literal(items);
  }

  private Object scalar() {
    Token t = take();
    if (t.is("-") && peek().kind() == Kind.NUMBER) {
      return number(take(), true);
    }
    if (t.kind() == Kind.NUMBER) {
      return number(t, false);
    }
    if (t.kind() == Kind.STRING) {
      return t.text();
    }
    if (t.isWord("true") || t.isWord("false")) {
      return t.isWord("true");
    }
    if (t.isWord("null")) {
      return null;
    }
    throw error(t, "expected a number, string, true, false or null in the list",
        "found " + describe(t));
  }

  private Object number(Token t, boolean negative) {
    String text = negative ? "-" + t.text() : t.text();
    boolean integral = t.text().chars().allMatch(Character::isDigit);
    if (integral) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException tooBig) {
        // beyond 64 bits: a double, as JSON readers do
      }
    }
    double d = Double.parseDouble(text);
    if (Double.isInfinite(d)) {
      throw error(t, "number out of range");
    }
    return d;
  }

  private void expect(String symbol) {
    Token t = peek();
    if (!t.is(symbol)) {
      throw error(t, "expected '" + symbol + "'", "found " + describe(t));
    }
    take();
  }

  private static String describe(Token t) {
    return switch (t.kind()) {
      case END -> "the end";
      case STRING -> "a string";
      case NUMBER -> "the number " + t.text();
      case QUOTED_NAME -> "`" + t.text() + "`";
      default -> "'" + t.text() + "'";
    };
  }

  private ExprSyntaxException error(Token at, String reason) {
    return error(at, reason, "");
  }

  private ExprSyntaxException error(Token at, String reason, String detail) {
    return new ExprSyntaxException(input, at.start() + 1, reason, detail);
  }
}
