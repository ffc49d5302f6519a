// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import java.util.List;
import java.util.Map;
import org.scanbase.view.ViewSpec;

/** A {@link Store} whose sample and frame writes are done by its {@link SampleWrites}. */
public abstract class WritingStore implements Store {

  /** The object that writes this store's samples and frames. */
  protected abstract SampleWrites writes();

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
}
