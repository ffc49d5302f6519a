// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

/**
 * How a store names the top-level keys of its documents. SQLite keeps short codes instead of
 * the field names (a DICOM keyword such as {@code SmallestImagePixelValue} is half the bytes of a
 * slice's document), so the SQL a dialect writes must use the codes: only for the first key of
 * a path read from a stored document, never for keys inside values (labels, nested documents).
 */
@FunctionalInterface
public interface KeyCodec {
  /** Field names as they are. */
  KeyCodec NONE = key -> key;

  /** The stored name of a top-level key, as a query must write it. */
  String encode(String key);
}
