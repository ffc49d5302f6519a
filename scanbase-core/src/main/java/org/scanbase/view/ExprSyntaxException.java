// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

/**
 * A text-form expression that does not parse. {@link #getMessage()} is one line naming the
 * problem and the 1-based column ("expected a value at column 17"), fit for a CLI error;
 * {@link #excerpt()} shows the input with a caret under that column, for the App's search box.
 */
public final class ExprSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String input;
  private final int column;
  private final String reason;

  /**
   * @param input  the whole expression text
   * @param column 1-based column (UTF-16 code unit) where the problem is
   * @param reason what is wrong there, e.g. "expected a value"
   */
  public ExprSyntaxException(String input, int column, String reason) {
    this(input, column, reason, "");
  }

  /**
   * @param detail what was found instead, or a hint; empty for none. The message reads
   *               "{reason} at column {column}: {detail}".
   */
  public ExprSyntaxException(String input, int column, String reason, String detail) {
    super(reason + " at column " + column + (detail.isEmpty() ? "" : ": " + detail));
    this.input = input;
    this.column = column;
    this.reason = reason;
  }

  /** The expression text that failed to parse. */
  public String input() {
    return input;
  }

  /** The 1-based column of the problem; {@code input().length() + 1} means "at the end". */
  public int column() {
    return column;
  }

  /** What is wrong, without the position. */
  public String reason() {
    return reason;
  }

  /** Two lines: the input, and a caret under the column. */
  public String excerpt() {
    return input + "\n" + " ".repeat(Math.max(0, column - 1)) + "^";
  }
}
