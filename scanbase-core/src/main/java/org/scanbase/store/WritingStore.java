// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import java.util.List;
import java.util.Map;
import org.scanbase.view.Expr;
import org.scanbase.view.ViewSpec;

/**
 * A {@link Store} whose sample and frame writes are done by its {@link SampleWrites}, and whose
 * indexes and saved views by its {@link IndexesAndViews}.
 */
public abstract class WritingStore implements Store {

  /** The object that writes this store's samples and frames. */
  protected abstract SampleWrites writes();

  /** The object that keeps this store's indexes and saved views. */
  protected abstract IndexesAndViews indexesAndViews();

  @Override
  public final List<String> insertSamples(String dataset, List<Map<String, Object>> docs,
      List<List<Map<String, Object>>> frames) {
    return writes().insertSamples(dataset, docs, frames);
  }

  @Override
  public final void copySamples(String dataset, List<Map<String, Object>> docs,
      List<List<Map<String, Object>>> frames) {
    writes().copySamples(dataset, docs, frames);
  }

  @Override
  public final void saveSamples(String dataset, List<Map<String, Object>> docs,
      List<List<Map<String, Object>>> frames) {
    writes().saveSamples(dataset, docs, frames);
  }

  @Override
  public final long setField(String dataset, ViewSpec view, List<String> path, Object value) {
    return writes().setField(dataset, view, path, value);
  }

  @Override
  public final long unsetField(String dataset, ViewSpec view, List<String> path) {
    return writes().unsetField(dataset, view, path);
  }

  @Override
  public final long deleteSamples(String dataset, ViewSpec view) {
    return writes().deleteSamples(dataset, view);
  }

  @Override
  public final void saveFrames(String dataset, String sampleId, List<Map<String, Object>> frames) {
    writes().saveFrames(dataset, sampleId, frames);
  }

  @Override
  public final String createIndex(String dataset, Expr key) {
    return indexesAndViews().create(dataset, key);
  }

  @Override
  public final List<IndexInfo> indexes(String dataset) {
    return indexesAndViews().list(dataset);
  }

  @Override
  public final boolean dropIndex(String dataset, String name) {
    return indexesAndViews().drop(dataset, name);
  }

  @Override
  public final void saveView(String dataset, String name, ViewSpec view) {
    indexesAndViews().saveView(dataset, name, view);
  }

  @Override
  public final Map<String, ViewSpec> savedViews(String dataset) {
    return indexesAndViews().savedViews(dataset);
  }

  @Override
  public final boolean deleteView(String dataset, String name) {
    return indexesAndViews().deleteView(dataset, name);
  }
}
