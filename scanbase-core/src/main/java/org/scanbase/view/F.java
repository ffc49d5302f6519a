// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.Arrays;
import java.util.List;

/**
 * The front door for building {@link Expr}essions in Java, named after FiftyOne's {@code F}:
 * <pre>{@code
 * Expr mr = F.field("SliceLocation").gt(10).and(F.field("Modality").eq("MR"));
 * Expr review = F.lit("review").in(F.field("tags"));
 * Expr lung = F.path("Lung Mask", "stats", "1", "volume_ml").gt(50);
 * }</pre>
 */
public final class F {
  private F() {}

  /**
   * The field at a dotted path: {@code field("metadata.width")} is the {@code width} key of the
   * {@code metadata} document. Use {@link #path(String...)} for names that contain dots.
   *
   * @throws IllegalArgumentException for an empty name or an empty segment ({@code "a..b"})
   */
  public static Expr.Field field(String dottedPath) {
    return new Expr.Field(Arrays.asList(dottedPath.split("\\.", -1)));
  }

  /** The field at a path given segment by segment, each taken verbatim (dots included). */
  public static Expr.Field path(String... segments) {
    return new Expr.Field(List.of(segments));
  }

  /**
   * A literal: null, a boolean, a number, a string, or a collection of those.
   *
   * @throws IllegalArgumentException for other types, nested collections or non-finite numbers
   */
  public static Expr.Literal lit(Object value) {
    return new Expr.Literal(value);
  }

  /** {@code value} itself when it is an expression, otherwise {@link #lit(Object)}. */
  public static Expr of(Object value) {
    return value instanceof Expr e ? e : lit(value);
  }

  /** {@code contains(field, text)}. */
  public static Expr contains(Expr.Field field, String text) {
    return new Expr.Contains(field, text);
  }

  /** {@code exists(field)}. */
  public static Expr exists(Expr.Field field) {
    return new Expr.Exists(field);
  }

  /** {@code not e}. */
  public static Expr not(Expr e) {
    return e.not();
  }

  /** All of {@code parts} ({@code a and b and c}, grouped to the left); true when empty. */
  public static Expr all(Expr... parts) {
    return fold(BinaryOp.AND, parts, true);
  }

  /** Any of {@code parts} ({@code a or b or c}, grouped to the left); false when empty. */
  public static Expr any(Expr... parts) {
    return fold(BinaryOp.OR, parts, false);
  }

  private static Expr fold(BinaryOp op, Expr[] parts, boolean empty) {
    if (parts.length == 0) {
      return lit(empty);
    }
    Expr result = parts[0];
    for (int i = 1; i < parts.length; i++) {
      result = new Expr.Binary(op, result, parts[i]);
    }
    return result;
  }
}
