// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;

/** The PS3.15 basic profile rules, one by one, and their consistency across data sets. */
class AnonymizerTest {
  private static Attributes slice(String patient, String sop, String date) {
    Attributes a = new Attributes();
    a.put(DicomElements.string(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.4"));
    a.put(DicomElements.string(Tags.SOPInstanceUID, VR.UI, sop));
    a.put(DicomElements.string(Tags.StudyInstanceUID, VR.UI, "1.2.3.4.100"));
    a.put(DicomElements.string(Tags.StudyDate, VR.DA, date));
    a.put(DicomElements.string(Tags.AcquisitionDateTime, VR.DT, date + "101500.5"));
    a.put(DicomElements.string(Tags.PatientName, VR.PN, "Doe^Jane"));
    a.put(DicomElements.string(Tags.PatientID, VR.LO, patient));
    a.put(DicomElements.string(Tags.PatientBirthDate, VR.DA, "19700101"));
    a.put(DicomElements.string(Tags.InstitutionName, VR.LO, "General Hospital"));
    a.put(DicomElements.string(Tags.PerformingPhysicianName, VR.PN, "House^Greg"));
    a.put(DicomElements.string(0x00091010, VR.LO, "private"));
    Attributes ref = new Attributes();
    ref.put(DicomElements.string(Tags.ReferencedSOPInstanceUID, VR.UI, "1.2.3.4.5"));
    a.put(DicomElements.sequence(Tags.SourceImageSequence, List.of(ref)));
    return a;
  }

  @Test
  void namesAndIdsArePseudonymisedAndOtherIdentifyingAttributesGo() {
    Attributes out = new Anonymizer().anonymize(slice("PAT-7", "1.2.3.4.5", "20200301"));
    assertThat(out.getString(Tags.PatientName)).contains("ANON^P0001");
    assertThat(out.getString(Tags.PatientID)).contains("P0001");
    assertThat(out.contains(Tags.InstitutionName)).isFalse();
    assertThat(out.contains(0x00091010)).isFalse();
    assertThat(out.getString(Tags.PerformingPhysicianName)).isEmpty();
    assertThat(out.getString(Tags.PatientBirthDate)).isEmpty();
    assertThat(out.getString(Tags.PatientIdentityRemoved)).contains("YES");
    assertThat(out.getString(Tags.SOPClassUID)).contains("1.2.840.10008.5.1.4.1.1.4");
  }

  @Test
  void theSameUidMapsToTheSameNewUidInEveryDataSetSoReferencesResolve() {
    Anonymizer a = new Anonymizer();
    Attributes image = a.anonymize(slice("PAT-7", "1.2.3.4.5", "20200301"));
    Attributes other = a.anonymize(slice("PAT-7", "1.2.3.4.6", "20200301"));
    String newSop = image.getString(Tags.SOPInstanceUID).orElseThrow();
    assertThat(newSop).startsWith("2.25.").isNotEqualTo("1.2.3.4.5");
    assertThat(other.getSequence(Tags.SourceImageSequence).get(0).getString(Tags.ReferencedSOPInstanceUID))
        .contains(newSop);
    assertThat(other.getString(Tags.StudyInstanceUID)).isEqualTo(image.getString(Tags.StudyInstanceUID));
  }

  @Test
  void datesShiftByOneOffsetPerPatientAndDifferentPatientsGetTheirOwnPseudonyms() {
    Anonymizer a = new Anonymizer();
    Attributes first = a.anonymize(slice("PAT-7", "1.2.3.4.5", "20200301"));
    Attributes later = a.anonymize(slice("PAT-7", "1.2.3.4.6", "20200311"));
    Attributes other = a.anonymize(slice("PAT-8", "1.2.3.4.7", "20200301"));
    java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.BASIC_ISO_DATE;
    java.time.LocalDate d1 = java.time.LocalDate.parse(first.getString(Tags.StudyDate).orElseThrow(), f);
    java.time.LocalDate d2 = java.time.LocalDate.parse(later.getString(Tags.StudyDate).orElseThrow(), f);
    assertThat(java.time.temporal.ChronoUnit.DAYS.between(d1, d2)).isEqualTo(10);
    assertThat(d1).isBefore(java.time.LocalDate.of(2020, 3, 1));
    assertThat(first.getString(Tags.AcquisitionDateTime)).contains(d1.format(f) + "101500.5");
    assertThat(other.getString(Tags.PatientID)).contains("P0002");
  }
}
