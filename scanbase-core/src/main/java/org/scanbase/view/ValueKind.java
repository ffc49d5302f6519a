// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

/** The scalar classes of JSON values that SQL can compare: numbers, strings, booleans. */
public enum ValueKind {
  NUMBER, STRING, BOOLEAN
}
