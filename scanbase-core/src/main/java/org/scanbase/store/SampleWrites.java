// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import java.util.List;
import java.util.Map;
import org.scanbase.view.ViewSpec;

/**
 * The sample and frame writes of a store, with the meaning of the {@link Store} methods of the
 * same names; a store hands them to one of these through {@link WritingStore}.
 */
public interface SampleWrites {
  /** {@link Store#insertSamples(String, List, List)}. */
  List<String> insertSamples(String dataset, List<Map<String, Object>> docs, List<List<Map<String, Object>>> frames);

  /** {@link Store#copySamples}. */
  void copySamples(String dataset, List<Map<String, Object>> docs, List<List<Map<String, Object>>> frames);

  /** {@link Store#saveSamples(String, List, List)}. */
  void saveSamples(String dataset, List<Map<String, Object>> docs, List<List<Map<String, Object>>> frames);

  /** {@link Store#setField}. */
  long setField(String dataset, ViewSpec view, List<String> path, Object value);

  /** {@link Store#unsetField}. */
  long unsetField(String dataset, ViewSpec view, List<String> path);

  /** {@link Store#deleteSamples}. */
  long deleteSamples(String dataset, ViewSpec view);

  /** {@link Store#saveFrames}. */
  void saveFrames(String dataset, String sampleId, List<Map<String, Object>> frames);
}
