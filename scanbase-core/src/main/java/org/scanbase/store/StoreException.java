// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

/**
 * A store operation that could not be carried out: a database error, a missing or duplicate
 * dataset, a sample id that is already present. The message names the dataset and what failed.
 */
public class StoreException extends RuntimeException {

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
