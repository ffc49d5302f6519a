// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

/** The unary operators: logical {@code not} and arithmetic negation ({@code -x}). */
public enum UnaryOp {
  /** Logical negation; {@code not x} is true exactly when {@code x} is not the boolean true. */
  NOT("not"),
  /** Arithmetic negation; null unless the operand is a number. */
  NEG("neg");

  private final String code;

  UnaryOp(String code) {
    this.code = code;
  }

  /** The operator's name in JSON ({@code "not"}, {@code "neg"}). */
  public String code() {
    return code;
  }

  /**
   * The operator named {@code code}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static UnaryOp fromCode(String code) {
    for (UnaryOp op : values()) {
      if (op.code.equals(code)) {
        return op;
      }
    }
    throw new IllegalArgumentException("unknown unary operator '" + code + "'");
  }
}
