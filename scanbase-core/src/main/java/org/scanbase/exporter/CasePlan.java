// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one exported case is made of, before any voxel is read: a volume sample, or the slice
 * samples of one series (grouped by {@code volume_id}).
 *
 * @param sampleIds  the samples, in view order (one for a volume sample)
 * @param source     the sample's filepath (the first slice's for a series)
 * @param dicomFiles the DICOM files of the series (empty when the source is a volume file)
 * @param volumeMasks field -> label volume file of a volume sample ("" for an empty mask)
 * @param sliceMasks field -> SOPInstanceUID -> 2D mask file of a slice sample ("" for empty)
 * @param fields     identity and display fields of the (first) sample: PatientID, StudyDate,
 *                   Modality, WindowCenter, WindowWidth when present
 */
public record CasePlan(List<String> sampleIds, String source, List<Path> dicomFiles,
    Map<String, String> volumeMasks, Map<String, Map<String, String>> sliceMasks, Map<String, Object> fields) {

  public CasePlan {
    sampleIds = List.copyOf(sampleIds);
    dicomFiles = List.copyOf(dicomFiles);
  }

  /** True when the case comes from a DICOM series (and can be referenced by RTSTRUCT or SEG). */
  public boolean isDicom() {
    return !dicomFiles.isEmpty();
  }

  /** The patient ID field as text ("" when absent). */
  public String patientId() {
    Object v = fields.get("PatientID");
    return v == null ? "" : v.toString();
  }
}
