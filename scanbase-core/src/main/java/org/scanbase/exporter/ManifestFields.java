// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The identity columns every manifest carries (source path, patient ID, study date), as they are
 * or de-identified: with an {@link Anonymizer}, no source path, the patient's pseudonym and the
 * study date shifted by the patient's offset (the same shift as in the DICOM outputs).
 */
final class ManifestFields {
  private final Anonymizer anonymizer;

  /** @param anonymizer null to keep the values */
  ManifestFields(Anonymizer anonymizer) {
    this.anonymizer = anonymizer;
  }

  String source(CasePlan p) {
    return anonymizer == null ? p.source() : "";
  }

  String patientId(CasePlan p) {
    if (!p.fields().containsKey("PatientID")) {
      return "";
    }
    return anonymizer == null ? p.patientId() : anonymizer.pseudonym(p.patientId());
  }

  String studyDate(CasePlan p) {
    Object v = p.fields().get("StudyDate");
    if (v == null) {
      return "";
    }
    String text = v.toString();
    if (anonymizer == null) {
      return text;
    }
    try {
      return anonymizer.shift(LocalDate.parse(text.substring(0, Math.min(10, text.length()))), p.patientId()).toString();
    } catch (DateTimeParseException e) {
      return "";
    }
  }
}
