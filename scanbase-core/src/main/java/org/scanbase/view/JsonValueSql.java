// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.List;

/**
 * How one dialect reads one JSON value in SQL: a document field or an element of a JSON array.
 * This is the service-provider side of {@link SqlDialect}; {@link SqlCompiler} builds every
 * comparison from these pieces. All strings are SQL without parameters.
 */
public interface JsonValueSql {

  /**
   * The value as {@code kind}: SQL that is the value when the JSON value is of that class,
   * together with a guard that must also hold ({@code null} when the value expression is
   * already SQL NULL for the other classes).
   */
  Typed as(ValueKind kind);

  /** True for a missing value or JSON null; never SQL NULL. */
  String isNull();

  /** True when the value is set and not JSON null; never SQL NULL. */
  String isNotNull();

  /** True only for JSON {@code true}; SQL NULL counts as false. */
  String isTrue();

  /**
   * A FROM item iterating the elements of this value when it is an array (nothing otherwise),
   * named {@code alias}, and access to the current element.
   *
   * @throws UnsupportedOperationException for values that are themselves array elements
   */
  ArrayScan elements(String alias);

  /**
   * The ORDER BY terms that sort by this value: numbers, strings, booleans, then lists and
   * documents; missing and null last (for {@code reverse}, when every term is DESC).
   */
  List<String> sortTerms(boolean reverse);

  /**
   * The indexes that serve comparisons of this value with constants ({@code == < >} and
   * {@code in} as {@link SqlCompiler#where} writes them), each as its list of index terms
   * (SQL without parameters).
   */
  List<List<String>> valueIndexes();

  /**
   * The value as JSON text, {@code 'null'} when missing (never SQL NULL).
   *
   * @throws UnsupportedOperationException for values that are array elements
   */
  String text();

  /** SQL for a value of one class, plus the guard that the value is of that class. */
  record Typed(String value, String guard) {}

  /**
   * A scan of an array's elements.
   *
   * @param from    the FROM item, e.g. {@code json_each(doc, '$."tags"') AS je1}
   * @param isArray true when the scanned value is an array (SQL NULL counts as false)
   * @param element the current element
   */
  record ArrayScan(String from, String isArray, JsonValueSql element) {}
}
