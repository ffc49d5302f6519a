// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dataset;

import java.util.List;

/**
 * The static front door to the datasets of the default store ({@link Catalog#local()}):
 * {@code SCANBASE_DB} when set, else SQLite under {@code $SCANBASE_HOME} (default
 * {@code ~/.scanbase}).
 *
 * <pre>{@code
 * Dataset ds = Datasets.create("Patient1Scans");
 * Dataset same = Datasets.load("Patient1Scans");
 * }</pre>
 */
public final class Datasets {
  private Datasets() {}

  /** Creates an empty dataset of 2D images. */
  public static Dataset create(String name) {
    return Catalog.local().create(name);
  }

  /** Creates an empty dataset of the given media type. */
  public static Dataset create(String name, MediaType mediaType) {
    return Catalog.local().create(name, mediaType);
  }

  /** The dataset called {@code name}; throws when there is none. */
  public static Dataset load(String name) {
    return Catalog.local().load(name);
  }

  public static boolean exists(String name) {
    return Catalog.local().exists(name);
  }

  /** The names of all datasets, sorted. */
  public static List<String> list() {
    return Catalog.local().list();
  }

  /** Deletes a dataset; false when there is none. */
  public static boolean delete(String name) {
    return Catalog.local().delete(name);
  }
}
