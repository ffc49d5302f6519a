// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.ArrayList;
import java.util.List;

/** Splits text-form expressions into tokens; see {@link ExprParser} for the grammar. */
final class ExprLexer {

  enum Kind {
    NUMBER, STRING, NAME, QUOTED_NAME, SYMBOL, END
  }

  /**
   * A token: its kind, its text (the decoded value for strings and quoted names, the source
   * text otherwise) and its 0-based start offset in the input.
   */
  record Token(Kind kind, String text, int start) {
    boolean is(String symbol) {
      return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean isWord(String word) {
      return kind == Kind.NAME && text.equalsIgnoreCase(word);
    }
  }

  private static final String[] SYMBOLS =
      {"==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "(", ")", "[", "]", ",", "."};

  private final String input;
  private int pos;

  private ExprLexer(String input) {
    this.input = input;
  }

  static List<Token> tokenize(String input) {
    return new ExprLexer(input).run();
  }

  private List<Token> run() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
        pos++;
      }
      if (pos >= input.length()) {
        tokens.add(new Token(Kind.END, "", pos));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private Token next() {
    int start = pos;
    char c = input.charAt(pos);
    if (c >= '0' && c <= '9') {
      return number();
    }
    if (c == '"' || c == '\'') {
      return new Token(Kind.STRING, quoted(c, "string"), start);
    }
    if (c == '`') {
      String name = quoted('`', "field name");
      if (name.isEmpty()) {
        throw error(start, "empty field name");
      }
      return new Token(Kind.QUOTED_NAME, name, start);
    }
    if (isNameChar(c)) {
      while (pos < input.length() && isNameChar(input.charAt(pos))) {
        pos++;
      }
      return new Token(Kind.NAME, input.substring(start, pos), start);
    }
    for (String s : SYMBOLS) {
      if (input.startsWith(s, pos)) {
        pos += s.length();
        return new Token(Kind.SYMBOL, s, start);
      }
    }
    if (Character.isLetter(c)) {
      throw new ExprSyntaxException(input, start + 1, "unexpected character '" + c + "'",
          "write field names with such characters in backticks");
    }
    throw error(start, switch (c) {
      case '=' -> "use '==' to compare";
      case '!' -> "use 'not' to negate";
      case '&' -> "use 'and'";
      case '|' -> "use 'or'";
      default -> "unexpected character '" + c + "'";
    });
  }

  private static boolean isNameChar(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
  }

  private Token number() {
    int start = pos;
    digits();
    if (pos < input.length() && input.charAt(pos) == '.') {
      pos++;
      if (!isDigitAt(pos)) {
        throw error(pos, "expected a digit after the decimal point");
      }
      digits();
    }
    if (pos < input.length() && (input.charAt(pos) == 'e' || input.charAt(pos) == 'E')) {
      pos++;
      if (pos < input.length() && (input.charAt(pos) == '+' || input.charAt(pos) == '-')) {
        pos++;
      }
      if (!isDigitAt(pos)) {
        throw error(pos, "expected digits in the exponent");
      }
      digits();
    }
    if (pos < input.length() && (Character.isLetter(input.charAt(pos)) || input.charAt(pos) == '_')) {
      throw error(pos, "unexpected character '" + input.charAt(pos) + "' after a number");
    }
    return new Token(Kind.NUMBER, input.substring(start, pos), start);
  }

  private boolean isDigitAt(int i) {
    return i < input.length() && input.charAt(i) >= '0' && input.charAt(i) <= '9';
  }

  private void digits() {
    while (isDigitAt(pos)) {
      pos++;
    }
  }

  /** Reads a string or a backticked name closed by {@code quote}, decoding escapes. */
  private String quoted(char quote, String what) {
    int start = pos;
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < input.length()) {
      char c = input.charAt(pos);
      if (c == quote) {
        pos++;
        return out.toString();
      }
      if (c == '\\') {
        out.append(escape(quote));
      } else {
        out.append(c);
        pos++;
      }
    }
    throw error(start, "unterminated " + what);
  }

  private char escape(char quote) {
    int at = pos;
    if (pos + 1 >= input.length()) {
      throw error(at, "unfinished escape");
    }
    char e = input.charAt(pos + 1);
    pos += 2;
    if (quote == '`') {
      if (e == '`' || e == '\\') {
        return e;
      }
      throw error(at, "unknown escape '\\" + e + "' in a field name (only \\` and \\\\)");
    }
    switch (e) {
      case '"': case '\'': case '\\': case '/':
        return e;
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'u':
        if (pos + 4 <= input.length()) {
          try {
            char u = (char) Integer.parseInt(input.substring(pos, pos + 4), 16);
            pos += 4;
            return u;
          } catch (NumberFormatException bad) {
            // reported below
          }
        }
        throw error(at, "expected four hex digits after \\u");
      default:
        throw error(at, "unknown escape '\\" + e + "'");
    }
  }

  private ExprSyntaxException error(int offset, String reason) {
    return new ExprSyntaxException(input, offset + 1, reason);
  }
}
