// SPDX-License-Identifier: Apache-2.0
/**
 * Views and expressions: the query language of scanbase datasets.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link org.scanbase.view.Expr} — an immutable expression tree, built in Java with
 *       {@link org.scanbase.view.F}, read from text by {@link org.scanbase.view.ExprParser}
 *       (its {@code toString()} is that text), and from JSON by
 *       {@link org.scanbase.view.ExprJson}.</li>
 *   <li>{@link org.scanbase.view.Stage} and {@link org.scanbase.view.ViewSpec} — a view as an
 *       immutable list of stages, with a JSON form ({@link org.scanbase.view.StageJson}).</li>
 *   <li>{@link org.scanbase.view.InMemoryEvaluator} — the reference semantics over documents
 *       held as maps; {@link org.scanbase.view.SqlCompiler} with a
 *       {@link org.scanbase.view.SqlDialect} ({@code SQLITE}, {@code POSTGRESQL}) — the same
 *       semantics as parameterised SQL over a JSON document column.</li>
 *   <li>{@link org.scanbase.view.ViewSql} — a whole view as SQL over a store's samples and
 *       frames tables, with the meaning of {@link org.scanbase.view.InMemoryView}.</li>
 * </ul>
 *
 * <h2>Value semantics</h2>
 * Values are JSON values: null, booleans, numbers (64-bit integers and doubles), strings,
 * lists and documents. The rules follow FiftyOne/MongoDB where they are simple to state, and
 * are the same in memory and in SQL (the tests run every case through both):
 * <ul>
 *   <li><b>Missing is null.</b> A field path selects object keys; a missing key, a JSON null,
 *       or a path through a non-document all give null. {@code exists(f)} is "not null".</li>
 *   <li><b>Equality.</b> {@code a == b} is true when both are null, or both are numbers and
 *       numerically equal ({@code 1 == 1.0}), or both strings and equal, or both booleans and
 *       equal. Different classes are never equal ({@code 10 == "10"} is false). Lists and
 *       documents are never equal to anything (use {@code in}). {@code a != b} is exactly
 *       {@code not (a == b)}: so a missing field is {@code != 5}, as in MongoDB's
 *       {@code $ne}.</li>
 *   <li><b>Order.</b> {@code < <= > >=} compare numbers with numbers (exactly, also between
 *       integers and doubles) and strings with strings (by Unicode code point, which is UTF-8
 *       byte order: SQLite's BINARY collation and PostgreSQL's "C"). Anything else — a
 *       missing field, null, mixed classes, booleans — is false in every direction.</li>
 *   <li><b>Logic is two-valued.</b> In a boolean context only the boolean {@code true} is true;
 *       {@code not x} is true for everything else (null, false, numbers, a missing field).</li>
 *   <li><b>Arithmetic.</b> {@code + - * /} and unary {@code -} give null unless every operand
 *       is a number. Integers stay integers unless {@code + - *} overflow 64 bits, when the
 *       result is a double (as SQLite does); {@code /} always divides as doubles
 *       ({@code 7 / 2 == 3.5}); division by zero is null. PostgreSQL computes in
 *       {@code numeric}, so decimals there are exact where doubles round.</li>
 *   <li><b>{@code in}.</b> {@code v in c} is true when {@code c} is a list holding an element
 *       {@code == v}; false when {@code c} is not a list. Both ways work:
 *       {@code Manufacturer in ["GE", "SIEMENS"]} and {@code "review" in tags}.</li>
 *   <li><b>{@code contains(f, "text")}</b> is a case-sensitive substring test on a string field
 *       (false for other classes; the empty text is in every string).</li>
 *   <li><b>Sorting.</b> Ascending order is numbers, then strings, then booleans (false before
 *       true), then lists and documents (equal among themselves), then null and missing —
 *       last in both directions; {@code reverse} reverses everything else. Ties are broken by
 *       sample id by the caller. Unlike MongoDB, missing values never sort first.</li>
 * </ul>
 */
package org.scanbase.view;
