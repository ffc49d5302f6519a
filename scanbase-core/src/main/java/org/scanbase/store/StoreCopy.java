// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scanbase.core.Progress;
import org.scanbase.view.ExprParser;
import org.scanbase.view.ViewSpec;

/**
 * Copies a dataset from one store to another ({@code scanbase datasets copy NAME --from sqlite
 * --to postgresql://...}): its record (schema, mask targets, info, App config), its samples
 * with their ids and frames, its saved views and its indexes. Media files are not copied:
 * documents keep their absolute paths, valid wherever the same folders are mounted
 * ({@code SCANBASE_MEDIA} on shared storage). A failed copy deletes what it made.
 */
public final class StoreCopy {
  private static final int BATCH = 1000;

  private StoreCopy() {}

  /** What was copied. */
  public record Result(String dataset, long samples, long frames, int savedViews, int indexes) {}

  /**
   * Copies dataset {@code name}.
   *
   * @throws StoreException when {@code from} has no such dataset or {@code to} already has one
   */
  public static Result copy(Store from, Store to, String name, Progress progress) {
    DatasetRecord record = from.dataset(name)
        .orElseThrow(() -> new StoreException("no dataset named '" + name + "' in " + from.location()));
    if (to.dataset(name).isPresent()) {
      throw new StoreException("a dataset named '" + name + "' already exists in " + to.location());
    }
    to.createDataset(name, record.mediaType());
    try {
      DatasetRecord created = to.dataset(name).orElseThrow();
      to.updateDataset(new DatasetRecord(name, record.mediaType(), created.createdAt(), record.fields(),
          record.maskTargets(), record.info(), record.appConfig(), record.persistent()));
      long total = from.count(name, ViewSpec.of());
      progress.start("copying " + name, total);
      long[] frames = {0};
      List<Map<String, Object>> batch = new ArrayList<>(BATCH);
      from.forEach(name, ViewSpec.of(), doc -> {
        batch.add(doc);
        if (batch.size() == BATCH) {
          frames[0] += flush(from, to, name, batch);
          progress.advance(BATCH);
        }
      });
      int last = batch.size();
      frames[0] += flush(from, to, name, batch);
      progress.advance(last);
      progress.finish();
      Map<String, ViewSpec> views = from.savedViews(name);
      views.forEach((view, spec) -> to.saveView(name, view, spec));
      List<Store.IndexInfo> indexes = from.indexes(name);
      for (Store.IndexInfo index : indexes) {
        to.createIndex(name, ExprParser.parse(index.expression()));
      }
      return new Result(name, total, frames[0], views.size(), indexes.size());
    } catch (RuntimeException e) {
      try {
        to.deleteDataset(name);
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** Writes a batch with its frames to {@code to}, empties it; the number of frames. */
  private static long flush(Store from, Store to, String name, List<Map<String, Object>> batch) {
    if (batch.isEmpty()) {
      return 0;
    }
    List<List<Map<String, Object>>> frames = new ArrayList<>(batch.size());
    long n = 0;
    for (Map<String, Object> doc : batch) {
      List<Map<String, Object>> f = from.frames(name, (String) doc.get("id"));
      frames.add(f.isEmpty() ? null : f);
      n += f.size();
    }
    to.copySamples(name, batch, frames);
    batch.clear();
    return n;
  }
}
