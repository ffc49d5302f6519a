// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scanbase.store.DatasetRecord;
import org.scanbase.store.Store;
import org.scanbase.store.StoreException;
import org.scanbase.store.Stores;

/**
 * The datasets of one store. {@link Datasets} is the static front door over the default store;
 * a catalog is for programs and tests that choose their store.
 */
public final class Catalog implements AutoCloseable {
  private static Catalog local;

  private final Store store;
  private final java.util.Set<String> handedOut = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** A catalog over {@code store}; closing the catalog closes the store. */
  public Catalog(Store store) {
    this.store = store;
  }

  /**
   * The catalog of the default store ({@code SCANBASE_DB}, else SQLite under
   * {@code $SCANBASE_HOME}), opened on first use and closed when the JVM exits.
   */
  public static synchronized Catalog local() {
    if (local == null) {
      Catalog c = new Catalog(Stores.open(null));
      Runtime.getRuntime().addShutdownHook(new Thread(c::close, "scanbase-store-close"));
      local = c;
    }
    return local;
  }

  public Store store() {
    return store;
  }

  /** Creates an empty dataset of 2D images. */
  public Dataset create(String name) {
    return create(name, MediaType.IMAGE);
  }

  /**
   * Creates an empty dataset.
   *
   * @throws StoreException when the name is taken
   */
  public Dataset create(String name, MediaType mediaType) {
    handedOut.add(name);
    return new Dataset(this, store.createDataset(name, mediaType.code()));
  }

  /**
   * The dataset called {@code name}.
   *
   * @throws StoreException when there is none
   */
  public Dataset load(String name) {
    DatasetRecord record = store.dataset(name).orElseThrow(() ->
        new StoreException("no dataset named '" + name + "' in " + store.location()));
    handedOut.add(name);
    return new Dataset(this, record);
  }

  public boolean exists(String name) {
    return store.dataset(name).isPresent();
  }

  /** The names of all datasets, sorted. */
  public List<String> list() {
    List<String> names = new ArrayList<>();
    for (DatasetRecord r : store.datasets()) {
      names.add(r.name());
    }
    return names;
  }

  /**
   * Deletes a dataset and the media scanbase generated for it (masks, renderings); source files
   * are never touched. False when there is no dataset of that name.
   */
  public boolean delete(String name) {
    boolean deleted = store.deleteDataset(name);
    if (deleted) {
      MediaFiles.of(store, name).deleteAll();
    }
    return deleted;
  }

  Dataset cloneView(View view, String name) {
    Dataset source = view.dataset();
    Dataset clone = create(name, source.mediaType());
    Map<String, Map<String, String>> targets = source.maskTargets();
    DatasetRecord record = store.dataset(name).orElseThrow()
        .withMaskTargets(targets).withInfo(source.info()).withAppConfig(source.appConfig());
    store.updateDataset(record);
    clone.reload();
    MergeResult r = clone.mergeSamples(view, MergeOptions.DEFAULTS.withKey(Sample::id));
    assert r.merged() == 0;
    return clone;
  }

  /** Deletes the non-persistent datasets this catalog handed out, then closes the store. */
  @Override
  public void close() {
    for (String name : new ArrayList<>(handedOut)) {
      store.dataset(name).filter(r -> !r.persistent()).ifPresent(r -> delete(name));
    }
    store.close();
  }
}
