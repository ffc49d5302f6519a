// SPDX-License-Identifier: Apache-2.0
package org.scanbase.label;

import java.util.List;
import java.util.Map;

/**
 * A label stored in a sample or frame field. Each kind has one JSON document form, tagged with
 * {@code "_type"}; {@link #toDoc()} writes it and {@link Labels#fromDoc(Map)} reads it back.
 * Labels carry their own tags and free attributes.
 */
public sealed interface Label permits Segmentation, Classification, Detection, Detections, Polyline, Polylines {

  /** The document form, e.g. {@code {"_type": "Segmentation", "mask_path": ..., "pixels": 12}}. */
  Map<String, Object> toDoc();

  /** Label-level tags (empty, never null). */
  List<String> tags();
}
