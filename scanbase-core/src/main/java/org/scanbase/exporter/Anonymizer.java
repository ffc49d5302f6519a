// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DerivedObjects;
import org.scanbase.dicom.DicomElement;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.Tag;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;

/**
 * De-identification after the DICOM PS3.15 Annex E Basic Application Confidentiality Profile with
 * the Retain Longitudinal Temporal Information with Modified Dates option (E.3.6), consistent over
 * one export: the same original UID always maps to the same new UID (so references between the
 * exported series, RTSTRUCT and SEG still resolve), the same patient to the same pseudonym and the
 * same date shift.
 *
 * <ul>
 *   <li>(0010,0010) PatientName and (0010,0020) PatientID are replaced by a pseudonym
 *       ({@code ANON^P0001}, {@code P0001}); every other PN value is emptied;</li>
 *   <li>the identifying attributes of Table E.1-1 listed in {@link #REMOVED} are removed, those in
 *       {@link #EMPTIED} (type 2) are kept empty;</li>
 *   <li>every DA and DT value is shifted by the patient's offset (a whole number of days, -1 to
 *       -3650, random per patient and export); times are kept;</li>
 *   <li>every UI value is replaced by a new 2.25 UID, except DICOM-defined ones (root
 *       {@code 1.2.840.10008}: SOP classes, transfer syntaxes, coding schemes);</li>
 *   <li>private elements (odd groups) are removed; sequences are processed item by item;</li>
 *   <li>(0012,0062) PatientIdentityRemoved YES and (0012,0063) DeidentificationMethod are added.</li>
 * </ul>
 * Not handled (and not present in what scanbase writes): burned-in annotations in pixel data,
 * free text that mentions identity inside otherwise kept attributes.
 */
public final class Anonymizer {
  /** Table E.1-1 attributes with action X (removed), by keyword. */
  static final List<Integer> REMOVED = List.of(Tags.PatientAge, Tags.PatientAddress, Tags.OtherPatientIDs,
      Tags.OtherPatientNames, Tags.PatientBirthName, Tags.PatientMotherBirthName, Tags.PatientTelephoneNumbers,
      Tags.PatientSize, Tags.PatientWeight, Tags.EthnicGroup, Tags.Occupation, Tags.AdditionalPatientHistory,
      Tags.PatientComments, Tags.MedicalRecordLocator, Tags.InstitutionName, Tags.InstitutionAddress,
      Tags.InstitutionalDepartmentName, Tags.StationName, Tags.StudyDescription,
      Tags.SeriesDescription, Tags.ReferringPhysicianAddress,
      Tags.ReferringPhysicianTelephoneNumbers, Tags.ImageComments, Tags.RequestAttributesSequence,
      Tags.AdmittingDiagnosesDescription, Tags.ProtocolName, Tags.PerformedProcedureStepDescription,
      Tags.PerformedProcedureStepID, Tags.ScheduledProcedureStepDescription, Tags.ReferencedPatientSequence,
      Tags.ReferencedStudySequence, Tags.DerivationDescription, Tags.AcquisitionComments, Tags.IssuerOfPatientID,
      Tags.PatientInsurancePlanCodeSequence, Tags.MilitaryRank, Tags.BranchOfService, Tags.RegionOfResidence,
      Tags.CountryOfResidence, Tags.PatientReligiousPreference, Tags.ResponsiblePerson,
      Tags.ResponsibleOrganization, Tags.TextComments, Tags.StructureSetDescription, Tags.OtherPatientIDsSequence,
      Tags.PatientBirthTime, Tags.ReferringPhysicianIdentificationSequence,
      Tags.PerformingPhysicianIdentificationSequence, Tags.OperatorIdentificationSequence,
      Tags.PhysiciansOfRecordIdentificationSequence, Tags.PhysiciansReadingStudyIdentificationSequence,
      Tags.StudyComments, Tags.InstitutionCodeSequence, Tags.ReferencedPatientPhotoSequence, Tags.PatientState,
      Tags.CurrentPatientLocation);

  /**
   * Table E.1-1 attributes with action D where an IOD scanbase writes needs a value (type 1:
   * DeviceSerialNumber in the Enhanced General Equipment module of SEG): a dummy value.
   */
  static final Set<Integer> DUMMY = Set.of(Tags.DeviceSerialNumber);

  /** Table E.1-1 attributes with action Z (kept, emptied). */
  static final Set<Integer> EMPTIED = Set.of(Tags.PatientBirthDate, Tags.PatientSex, Tags.AccessionNumber,
      Tags.StudyID, Tags.ReferringPhysicianName, Tags.ContentCreatorName);

  private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
  private static final String DICOM_ROOT = "1.2.840.10008.";

  private final SecureRandom random = new SecureRandom();
  private final Map<String, String> uids = new HashMap<>();
  private final Map<String, Integer> patients = new HashMap<>();
  private final Map<String, Integer> offsets = new HashMap<>();

  /** The pseudonym of a patient ID ({@code P0001}, ... in order of first sight; "" for unknown). */
  public synchronized String pseudonym(String patientId) {
    return String.format(Locale.ROOT, "P%04d", patients.computeIfAbsent(patientId == null ? "" : patientId,
        k -> patients.size() + 1));
  }

  /** The day offset of a patient's dates (negative, the same for every call with that ID). */
  public synchronized int dayOffset(String patientId) {
    return offsets.computeIfAbsent(patientId == null ? "" : patientId, k -> -1 - random.nextInt(3650));
  }

  /** A date shifted by the patient's offset. */
  public LocalDate shift(LocalDate date, String patientId) {
    return date.plusDays(dayOffset(patientId));
  }

  /** The new UID of an original one (the same for every call in this export). */
  public synchronized String uid(String original) {
    if (original.isEmpty() || original.startsWith(DICOM_ROOT)) {
      return original;
    }
    return uids.computeIfAbsent(original, k -> DerivedObjects.newUid());
  }

  /** A de-identified copy of a data set; the patient is the data set's own (0010,0020) PatientID. */
  public Attributes anonymize(Attributes source) {
    String patient = source.getString(Tags.PatientID).orElse("");
    Attributes out = copy(source, patient);
    out.put(DicomElements.string(Tags.PatientName, VR.PN, "ANON^" + pseudonym(patient)));
    out.put(DicomElements.string(Tags.PatientID, VR.LO, pseudonym(patient)));
    out.put(DicomElements.string(Tags.PatientIdentityRemoved, VR.CS, "YES"));
    out.put(DicomElements.string(Tags.DeidentificationMethod, VR.LO,
        "PS3.15 E Basic Profile; Modified Dates (scanbase)"));
    out.put(DicomElements.string(Tags.LongitudinalTemporalInformationModified, VR.CS, "MODIFIED"));
    return out;
  }

  private Attributes copy(Attributes source, String patient) {
    Attributes out = new Attributes(source.bigEndian());
    for (DicomElement e : source.elements()) {
      int tag = e.tag();
      if (Tag.group(tag) % 2 == 1 || REMOVED.contains(tag) || Tag.group(tag) == 0x0002) {
        continue;
      }
      if (DUMMY.contains(tag)) {
        out.put(DicomElements.string(tag, e.vr(), "ANONYMIZED"));
      } else if (EMPTIED.contains(tag)) {
        out.put(DicomElement.ofBytes(tag, e.vr(), new byte[0], -1));
      } else if (e.isSequence()) {
        List<Attributes> items = new ArrayList<>();
        for (Attributes item : e.items()) {
          items.add(copy(item, patient));
        }
        out.put(DicomElements.sequence(tag, items));
      } else if (!e.hasBytes() || e.length() == 0) {
        out.put(e);
      } else if (e.vr() == VR.UI) {
        out.put(DicomElements.string(tag, VR.UI, source.getStrings(tag).stream().map(this::uid)
            .toArray(String[]::new)));
      } else if (e.vr() == VR.PN) {
        out.put(DicomElement.ofBytes(tag, VR.PN, new byte[0], -1));
      } else if (e.vr() == VR.DA || e.vr() == VR.DT) {
        out.put(DicomElements.string(tag, e.vr(), source.getStrings(tag).stream()
            .map(v -> shiftText(v, patient)).toArray(String[]::new)));
      } else {
        out.put(e);
      }
    }
    return out;
  }

  /** Shifts the date part (first 8 characters) of a DA or DT value; an unparseable value is dropped. */
  private String shiftText(String value, String patient) {
    String v = value.strip();
    if (v.length() < 8) {
      return "";
    }
    try {
      return shift(LocalDate.parse(v.substring(0, 8), DA), patient).format(DA) + v.substring(8);
    } catch (DateTimeParseException e) {
      return "";
    }
  }
}
