// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

/**
 * The binary operators of the expression language, with their text-form symbol and binding
 * strength (higher binds tighter): {@code or} &lt; {@code and} &lt; comparisons &lt; {@code + -}
 * &lt; {@code * /}. The semantics of each are described in {@link org.scanbase.view}.
 */
public enum BinaryOp {
  OR("or", 1),
  AND("and", 2),
  EQ("==", 4),
  NE("!=", 4),
  LT("<", 4),
  LE("<=", 4),
  GT(">", 4),
  GE(">=", 4),
  ADD("+", 5),
  SUB("-", 5),
  MUL("*", 6),
  DIV("/", 6);

  private final String symbol;
  private final int precedence;

  BinaryOp(String symbol, int precedence) {
    this.symbol = symbol;
    this.precedence = precedence;
  }

  /** The operator as written in the text form and in JSON ({@code "=="}, {@code "and"}). */
  public String symbol() {
    return symbol;
  }

  /** Binding strength; see {@link ExprPrinter} and {@link ExprParser}. */
  int precedence() {
    return precedence;
  }

  /** True for {@code == != < <= > >=}. */
  public boolean isComparison() {
    return precedence == 4;
  }

  /** True for {@code + - * /}. */
  public boolean isArithmetic() {
    return precedence >= 5;
  }

  /** True for {@code and or}. */
  public boolean isLogical() {
    return this == AND || this == OR;
  }

  /**
   * The operator written {@code symbol}.
   *
   * @throws IllegalArgumentException for an unknown symbol
   */
  public static BinaryOp fromSymbol(String symbol) {
    for (BinaryOp op : values()) {
      if (op.symbol.equals(symbol)) {
        return op;
      }
    }
    throw new IllegalArgumentException("unknown binary operator '" + symbol + "'");
  }
}
