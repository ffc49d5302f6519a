// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.List;
import java.util.Optional;

/**
 * When the filters of a query already guarantee the class of a sort field, the general sort
 * terms (class rank, then value) can be replaced by the plain value: {@code SliceLocation > 10}
 * keeps only numbers, so sorting those rows by SliceLocation is sorting by
 * {@code json_extract(doc, '$."SliceLocation"')}, which the field's value index serves in
 * order from the first row that passes, instead of walking every smaller value.
 */
final class SortClass {
  private SortClass() {}

  /**
   * The class every row has for {@code key}, when a top-level conjunct of {@code filters}
   * compares the field {@code key} with a number or string literal ({@code < <= > >= ==}).
   */
  static Optional<ValueKind> of(Expr key, List<Expr> filters) {
    if (!(key instanceof Expr.Field field)) {
      return Optional.empty();
    }
    for (Expr f : filters) {
      Optional<ValueKind> k = implied(field, f);
      if (k.isPresent()) {
        return k;
      }
    }
    return Optional.empty();
  }

  private static Optional<ValueKind> implied(Expr.Field field, Expr e) {
    if (!(e instanceof Expr.Binary b)) {
      return Optional.empty();
    }
    if (b.op() == BinaryOp.AND) {
      Optional<ValueKind> left = implied(field, b.left());
      return left.isPresent() ? left : implied(field, b.right());
    }
    boolean comparison = switch (b.op()) {
      case LT, LE, GT, GE, EQ -> true;
      default -> false;
    };
    if (!comparison) {
      return Optional.empty();
    }
    Expr other = field.equals(b.left()) ? b.right() : field.equals(b.right()) ? b.left() : null;
    if (!(other instanceof Expr.Literal lit)) {
      return Optional.empty();
    }
    Object v = lit.value();
    if (v instanceof Number) {
      return Optional.of(ValueKind.NUMBER);
    } else if (v instanceof String) {
      return Optional.of(ValueKind.STRING);
    }
    return Optional.empty();
  }
}
