// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sample field that could not be processed, with the reason (file and what is wrong); the
 * rest of the job goes on.
 *
 * @param sampleId the sample's id
 * @param filepath the sample's source file
 * @param field    the field, or null when the whole sample was skipped
 * @param reason   what went wrong, naming the file
 */
public record Skipped(String sampleId, String filepath, String field, String reason) {

  /** {@code {"id", "filepath", "field", "reason"}}. */
  public Map<String, Object> toDoc() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", sampleId);
    doc.put("filepath", filepath);
    doc.put("field", field);
    doc.put("reason", reason);
    return doc;
  }

  static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
