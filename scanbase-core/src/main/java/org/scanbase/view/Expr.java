// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable expression over a sample document: the one AST behind the Java API ({@link F}),
 * the text form ({@link ExprParser}, {@code toString()}), JSON ({@link ExprJson}) and SQL
 * ({@link SqlCompiler}). What each node means — missing fields, typed comparisons, arithmetic —
 * is stated once in {@link org.scanbase.view} and implemented by {@link InMemoryEvaluator}.
 *
 * <p>The default methods build larger expressions fluently; their {@code Object} arguments are
 * either expressions or Java values turned into {@link Literal}s by {@link F#of(Object)}:
 * <pre>{@code
 * F.field("SliceLocation").gt(10).and(F.field("Modality").eq("MR"))
 * }</pre>
 * {@code toString()} is the text form, which {@link ExprParser#parse(String)} reads back to an
 * equal expression.
 */
public sealed interface Expr
    permits Expr.Field, Expr.Literal, Expr.Unary, Expr.Binary, Expr.In, Expr.Contains,
        Expr.Exists {

  /** {@code this == other}. */
  default Expr eq(Object other) {
    return new Binary(BinaryOp.EQ, this, F.of(other));
  }

  /** {@code this != other}, which is exactly {@code not (this == other)}. */
  default Expr ne(Object other) {
    return new Binary(BinaryOp.NE, this, F.of(other));
  }

  /** {@code this < other}. */
  default Expr lt(Object other) {
    return new Binary(BinaryOp.LT, this, F.of(other));
  }

  /** {@code this <= other}. */
  default Expr le(Object other) {
    return new Binary(BinaryOp.LE, this, F.of(other));
  }

  /** {@code this > other}. */
  default Expr gt(Object other) {
    return new Binary(BinaryOp.GT, this, F.of(other));
  }

  /** {@code this >= other}. */
  default Expr ge(Object other) {
    return new Binary(BinaryOp.GE, this, F.of(other));
  }

  /** {@code this and other}. */
  default Expr and(Expr other) {
    return new Binary(BinaryOp.AND, this, other);
  }

  /** {@code this or other}. */
  default Expr or(Expr other) {
    return new Binary(BinaryOp.OR, this, other);
  }

  /** {@code not this}. */
  default Expr not() {
    return new Unary(UnaryOp.NOT, this);
  }

  /** {@code -this}. */
  default Expr neg() {
    return new Unary(UnaryOp.NEG, this);
  }

  /** {@code this + other}. */
  default Expr plus(Object other) {
    return new Binary(BinaryOp.ADD, this, F.of(other));
  }

  /** {@code this - other}. */
  default Expr minus(Object other) {
    return new Binary(BinaryOp.SUB, this, F.of(other));
  }

  /** {@code this * other}. */
  default Expr times(Object other) {
    return new Binary(BinaryOp.MUL, this, F.of(other));
  }

  /** {@code this / other} (always a floating-point division). */
  default Expr div(Object other) {
    return new Binary(BinaryOp.DIV, this, F.of(other));
  }

  /**
   * {@code this in container}: {@code container} is a Java collection (a list literal, as in
   * {@code Manufacturer in ["GE", "SIEMENS"]}) or an expression, usually a list field (as in
   * {@code "review" in tags}).
   *
   * @throws IllegalArgumentException for any other Java value (a string is not a list: use
   *     {@link Field#contains(String)} for substrings)
   */
  default Expr in(Object container) {
    if (!(container instanceof Expr) && !(container instanceof java.util.Collection<?>)) {
      throw new IllegalArgumentException("in() takes a collection or an expression, not "
          + (container == null ? "null" : container.getClass().getSimpleName()));
    }
    return new In(this, F.of(container));
  }

  /**
   * A field: a path of object keys from the document root, {@code ["metadata", "width"]} for
   * {@code metadata.width}. Segments are non-empty and contain no NUL character; any other
   * character is allowed. A path never indexes into a list.
   */
  record Field(List<String> path) implements Expr {
    public Field {
      path = List.copyOf(Objects.requireNonNull(path, "path"));
      if (path.isEmpty()) {
        throw new IllegalArgumentException("a field path needs at least one name");
      }
      for (String segment : path) {
        if (segment.isEmpty()) {
          throw new IllegalArgumentException("empty name in field path " + path);
        }
        if (segment.indexOf('\0') >= 0) {
          throw new IllegalArgumentException("NUL character in field name in path " + path);
        }
      }
    }

    /** The field {@code name} inside this one. */
    public Field child(String name) {
      List<String> longer = new ArrayList<>(path);
      longer.add(name);
      return new Field(longer);
    }

    /** {@code contains(this, text)}: a string field containing {@code text}, case-sensitively. */
    public Expr contains(String text) {
      return new Contains(this, text);
    }

    /** {@code exists(this)}: the field is set and not null. */
    public Expr exists() {
      return new Exists(this);
    }

    @Override
    public String toString() {
      return ExprPrinter.print(this);
    }
  }

  /**
   * A constant: null, {@code Boolean}, {@code Long}, {@code Double} (finite), {@code String}, or
   * an immutable list of those. Other Java numbers are normalised on construction ({@code 10}
   * becomes {@code 10L}); note that {@code 1L} and {@code 1.0} are different literals that
   * compare equal.
   */
  record Literal(Object value) implements Expr {
    /** The null literal. */
    public static final Literal NULL = new Literal(null);

    public Literal {
      value = Values.normalizeLiteral(value);
    }

    @Override
    public String toString() {
      return ExprPrinter.print(this);
    }
  }

  /** {@code not operand} or {@code -operand}. */
  record Unary(UnaryOp op, Expr operand) implements Expr {
    public Unary {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(operand, "operand");
    }

    @Override
    public String toString() {
      return ExprPrinter.print(this);
    }
  }

  /** {@code left op right} for comparisons, {@code and}, {@code or} and arithmetic. */
  record Binary(BinaryOp op, Expr left, Expr right) implements Expr {
    public Binary {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }

    @Override
    public String toString() {
      return ExprPrinter.print(this);
    }
  }

  /**
   * {@code value in container}: true when {@code container} is a list and one of its elements
   * equals {@code value} under {@code ==}; false when {@code container} is not a list.
   */
  record In(Expr value, Expr container) implements Expr {
    public In {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(container, "container");
    }

    @Override
    public String toString() {
      return ExprPrinter.print(this);
    }
  }

  /**
   * {@code contains(field, "text")}: the field is a string holding {@code text} as a
   * case-sensitive substring (the empty text is in every string). False for non-strings: use
   * {@link In} for list membership.
   */
  record Contains(Field field, String text) implements Expr {
    public Contains {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
      return ExprPrinter.print(this);
    }
  }

  /** {@code exists(field)}: the field is set and not null. */
  record Exists(Field field) implements Expr {
    public Exists {
      Objects.requireNonNull(field, "field");
    }

    @Override
    public String toString() {
      return ExprPrinter.print(this);
    }
  }
}
