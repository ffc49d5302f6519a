// SPDX-License-Identifier: Apache-2.0
package org.scanbase.demo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;

/**
 * One demo patient of the hippocampus data: who, on which scanner, and the series' grid in LPS
 * mm, with the headers and pixels of each slice (MR Image Storage, PS3.3 A.4). Slice k lies at
 * {@code slabCentre + w_k * normal}, k ascending along the normal; patients whose number is 3 or
 * 0 modulo 4 are scanned oblique (a pitch about x, plus a yaw about z for 0), even-numbered ones
 * with anisotropic pixels (row spacing 15 % larger than column spacing).
 */
final class HippocampusPatient {
  /** MR Image Storage (PS3.4 B.5). */
  static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
  private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

  final int number;
  final String folder;
  final String uidBase;
  final MrScanner scanner;
  final int rows;
  final int columns;
  final int slices;
  /** Column spacing (along a row, voxel axis i) and row spacing (between rows, axis j), mm. */
  final double dx;
  final double dy;
  final double dz;
  final double[] rowDir;
  final double[] colDir;
  final double[] normal;
  final boolean oblique;
  final boolean anisotropic;
  final double[][] positions;
  final HeadPhantom head;
  final Ellipsoid left;
  final Ellipsoid right;
  final LocalDate studyDate;
  final String studyTime;
  final String studyUid;
  final String seriesUid;
  final String frameUid;
  private final Random random;

  /**
   * @param number  1-based patient number
   * @param width   digits of the folder name (2 for up to 99 patients)
   * @param options the generator's options (seed and grid size)
   * @param uidBase the options' part of every UID name
   */
  HippocampusPatient(int number, int width, HippocampusDemo.Options options, String uidBase) {
    this.number = number;
    this.folder = String.format(Locale.ROOT, "%0" + width + "d", number);
    this.uidBase = uidBase + "/" + folder;
    this.random = new Random(DemoUids.seed(options.seed(), "hippocampus", number));
    this.scanner = MrScanner.ALL.get((number - 1) % MrScanner.ALL.size());
    this.rows = options.size();
    this.columns = options.size();
    this.slices = options.slices();
    double scale = 0.92 + 0.16 * random.nextDouble();
    double fov = 220 + 10 * random.nextInt(4);
    anisotropic = number % 2 == 0;
    dx = round(fov / columns, 1e4);
    dy = anisotropic ? round(1.15 * fov / rows, 1e4) : dx;
    dz = round((110 + 20 * random.nextDouble()) / slices, 10);
    oblique = number % 4 == 3 || number % 4 == 0;
    double pitch = number % 4 == 3 ? 10 + 6 * random.nextDouble() : number % 4 == 0 ? 6 + 4 * random.nextDouble() : 0;
    double yaw = number % 4 == 0 ? 4 + 4 * random.nextDouble() : 0;
    double[][] r = rotation(Math.toRadians(pitch), Math.toRadians(yaw));
    rowDir = column(r, 0);
    colDir = column(r, 1);
    normal = column(r, 2);
    double[] centre = {8 * random.nextDouble() - 4, 10 + 10 * random.nextDouble(), 20 + 10 * random.nextDouble()};
    double fl = 0.9 + 0.2 * random.nextDouble();
    double fr = 0.95 + 0.2 * random.nextDouble();
    double[][] axes = {rowDir, colDir, normal};
    left = new Ellipsoid(at(centre, 26 * scale, 6 * scale, -14 * scale),
        new double[] {6.5 * scale * fl, 17 * scale * fl, 9 * scale * fl}, axes);
    right = new Ellipsoid(at(centre, -26 * scale, 6 * scale, -14 * scale),
        new double[] {6.5 * scale * fr, 17 * scale * fr, 9 * scale * fr}, axes);
    head = new HeadPhantom(centre, scale, scanner.gain(), left, right, random);
    double[] slab = at(centre, 0, 0, -8 * scale);
    positions = new double[slices][];
    for (int k = 0; k < slices; k++) {
      double w = (k - (slices - 1) / 2.0) * dz;
      double hu = (columns - 1) / 2.0 * dx;
      double hv = (rows - 1) / 2.0 * dy;
      positions[k] = new double[3];
      for (int a = 0; a < 3; a++) {
        positions[k][a] = round(slab[a] + w * normal[a] - hu * rowDir[a] - hv * colDir[a], 1e4);
      }
    }
    studyDate = LocalDate.of(2019, 3, 4).plusDays(11L * (number - 1));
    int minutes = 8 * 60 + (37 * number) % 540;
    studyTime = String.format(Locale.ROOT, "%02d%02d00", minutes / 60, minutes % 60);
    studyUid = DemoUids.uid(this.uidBase + "/study");
    seriesUid = DemoUids.uid(this.uidBase + "/series");
    frameUid = DemoUids.uid(this.uidBase + "/frame-of-reference");
  }

  /** The SOP instance UID of slice k. */
  String sopUid(int k) {
    return DemoUids.uid(uidBase + "/sop/" + (k + 1));
  }

  /** The patient's identifier, e.g. HIPPO-01. */
  String patientId() {
    return "HIPPO-" + folder;
  }

  /** The synthetic patient name, e.g. Synthetic^Hippo01. */
  String patientName() {
    return "Synthetic^Hippo" + folder;
  }

  /** (0020,0037) ImageOrientationPatient: row then column direction cosines, as DS holds them. */
  double[] orientation() {
    double[] v = {rowDir[0], rowDir[1], rowDir[2], colDir[0], colDir[1], colDir[2]};
    for (int a = 0; a < v.length; a++) {
      v[a] = Double.parseDouble(DicomElements.formatDS(v[a]));
    }
    return v;
  }

  /** (0020,1041) SliceLocation of slice k: its position along the normal, mm. */
  double sliceLocation(int k) {
    double[] p = positions[k];
    return round(p[0] * normal[0] + p[1] * normal[1] + p[2] * normal[2], 1e3);
  }

  /** The header of slice k, without Pixel Data. */
  Attributes header(int k) {
    Attributes ds = new Attributes();
    String date = studyDate.format(DA);
    String seriesTime = String.format(Locale.ROOT, "%s%02d00", studyTime.substring(0, 2),
        (Integer.parseInt(studyTime.substring(2, 4)) + 7) % 60);
    int birthYear = 1944 + (number * 7) % 38;
    put(ds, Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
    put(ds, Tags.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "M", "ND");
    put(ds, Tags.SOPClassUID, VR.UI, MR_IMAGE_STORAGE);
    put(ds, Tags.SOPInstanceUID, VR.UI, sopUid(k));
    put(ds, Tags.StudyDate, VR.DA, date);
    put(ds, Tags.SeriesDate, VR.DA, date);
    put(ds, Tags.AcquisitionDate, VR.DA, date);
    put(ds, Tags.ContentDate, VR.DA, date);
    put(ds, Tags.StudyTime, VR.TM, studyTime);
    put(ds, Tags.SeriesTime, VR.TM, seriesTime);
    put(ds, Tags.AcquisitionTime, VR.TM, seriesTime);
    put(ds, Tags.ContentTime, VR.TM, seriesTime);
    put(ds, Tags.AccessionNumber, VR.SH, String.format(Locale.ROOT, "ACC%07d", 4_210_000 + number));
    put(ds, Tags.Modality, VR.CS, "MR");
    put(ds, Tags.Manufacturer, VR.LO, scanner.manufacturer());
    put(ds, Tags.InstitutionName, VR.LO, "scanbase Demo Hospital");
    put(ds, Tags.ReferringPhysicianName, VR.PN, "");
    put(ds, Tags.StationName, VR.SH, "MR" + (1 + (number - 1) % MrScanner.ALL.size()));
    put(ds, Tags.StudyDescription, VR.LO, "MRI BRAIN^HIPPOCAMPAL SPARING");
    put(ds, Tags.SeriesDescription, VR.LO, scanner.seriesDescription());
    put(ds, Tags.ManufacturerModelName, VR.LO, scanner.model());
    put(ds, Tags.PatientName, VR.PN, patientName());
    put(ds, Tags.PatientID, VR.LO, patientId());
    put(ds, Tags.PatientBirthDate, VR.DA, birthYear + "0615");
    put(ds, Tags.PatientSex, VR.CS, number % 2 == 0 ? "M" : "F");
    put(ds, Tags.PatientAge, VR.AS, String.format(Locale.ROOT, "%03dY", studyDate.getYear() - birthYear - 1));
    put(ds, Tags.BodyPartExamined, VR.CS, "HEAD");
    put(ds, Tags.ScanningSequence, VR.CS, scanner.scanningSequence().toArray(String[]::new));
    put(ds, Tags.SequenceVariant, VR.CS, scanner.sequenceVariant().toArray(String[]::new));
    put(ds, Tags.ScanOptions, VR.CS, scanner.scanOptions().toArray(String[]::new));
    put(ds, Tags.MRAcquisitionType, VR.CS, "3D");
    ds.put(DicomElements.doubles(Tags.SliceThickness, VR.DS, dz));
    ds.put(DicomElements.doubles(Tags.RepetitionTime, VR.DS, scanner.repetitionTime()));
    ds.put(DicomElements.doubles(Tags.EchoTime, VR.DS, scanner.echoTime()));
    if (scanner.inversionTime() > 0) {
      ds.put(DicomElements.doubles(Tags.InversionTime, VR.DS, scanner.inversionTime()));
    }
    ds.put(DicomElements.doubles(Tags.NumberOfAverages, VR.DS, 1));
    ds.put(DicomElements.doubles(Tags.ImagingFrequency, VR.DS, scanner.imagingFrequency()));
    put(ds, Tags.ImagedNucleus, VR.SH, "1H");
    ds.put(DicomElements.ints(Tags.EchoNumbers, VR.IS, 1));
    ds.put(DicomElements.doubles(Tags.MagneticFieldStrength, VR.DS, scanner.fieldStrength()));
    ds.put(DicomElements.doubles(Tags.SpacingBetweenSlices, VR.DS, dz));
    ds.put(DicomElements.ints(Tags.EchoTrainLength, VR.IS, 1));
    put(ds, Tags.SoftwareVersions, VR.LO, scanner.software());
    ds.put(DicomElements.doubles(Tags.FlipAngle, VR.DS, scanner.flipAngle()));
    put(ds, Tags.PatientPosition, VR.CS, "HFS");
    put(ds, Tags.StudyInstanceUID, VR.UI, studyUid);
    put(ds, Tags.SeriesInstanceUID, VR.UI, seriesUid);
    put(ds, Tags.StudyID, VR.SH, "1");
    ds.put(DicomElements.ints(Tags.SeriesNumber, VR.IS, 3));
    ds.put(DicomElements.ints(Tags.AcquisitionNumber, VR.IS, 1));
    ds.put(DicomElements.ints(Tags.InstanceNumber, VR.IS, k + 1));
    ds.put(DicomElements.doubles(Tags.ImagePositionPatient, VR.DS, positions[k]));
    ds.put(DicomElements.doubles(Tags.ImageOrientationPatient, VR.DS, orientation()));
    put(ds, Tags.FrameOfReferenceUID, VR.UI, frameUid);
    put(ds, Tags.PositionReferenceIndicator, VR.LO, "");
    ds.put(DicomElements.doubles(Tags.SliceLocation, VR.DS, sliceLocation(k)));
    ds.put(DicomElements.ints(Tags.SamplesPerPixel, VR.US, 1));
    put(ds, Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    ds.put(DicomElements.ints(Tags.Rows, VR.US, rows));
    ds.put(DicomElements.ints(Tags.Columns, VR.US, columns));
    ds.put(DicomElements.doubles(Tags.PixelSpacing, VR.DS, dy, dx));
    ds.put(DicomElements.ints(Tags.BitsAllocated, VR.US, 16));
    ds.put(DicomElements.ints(Tags.BitsStored, VR.US, 12));
    ds.put(DicomElements.ints(Tags.HighBit, VR.US, 11));
    ds.put(DicomElements.ints(Tags.PixelRepresentation, VR.US, 0));
    ds.put(DicomElements.doubles(Tags.WindowCenter, VR.DS, Math.round(600 * scanner.gain())));
    ds.put(DicomElements.doubles(Tags.WindowWidth, VR.DS, Math.round(1200 * scanner.gain())));
    return ds;
  }

  /**
   * Little-endian uint16 pixels of slice k, rows then columns: the head's signal at each pixel
   * centre plus Rician noise from {@code noise}.
   */
  byte[] pixels(int k, Random noise) {
    ByteBuffer b = ByteBuffer.allocate(rows * columns * 2).order(ByteOrder.LITTLE_ENDIAN);
    double[] p0 = positions[k];
    for (int j = 0; j < rows; j++) {
      double bx = p0[0] + j * dy * colDir[0];
      double by = p0[1] + j * dy * colDir[1];
      double bz = p0[2] + j * dy * colDir[2];
      for (int i = 0; i < columns; i++) {
        double s = head.signal(bx + i * dx * rowDir[0], by + i * dx * rowDir[1], bz + i * dx * rowDir[2]);
        b.putShort((short) head.sample(s, noise));
      }
    }
    return b.array();
  }

  /** The random numbers of this patient's noise (drawn after its geometry). */
  Random noise() {
    return random;
  }

  private static double[][] rotation(double pitch, double yaw) {
    double cp = StrictMath.cos(pitch);
    double sp = StrictMath.sin(pitch);
    double cy = StrictMath.cos(yaw);
    double sy = StrictMath.sin(yaw);
    // Rz(yaw) * Rx(pitch)
    return new double[][] {
        {cy, -sy * cp, sy * sp},
        {sy, cy * cp, -cy * sp},
        {0, sp, cp}};
  }

  /** Column c of m; + 0.0 turns -0.0 into 0.0, which DS and JSON would otherwise show as "-0.0". */
  private static double[] column(double[][] m, int c) {
    return new double[] {m[0][c] + 0.0, m[1][c] + 0.0, m[2][c] + 0.0};
  }

  private static double[] at(double[] c, double dx, double dy, double dz) {
    return new double[] {c[0] + dx, c[1] + dy, c[2] + dz};
  }

  private static double round(double v, double scale) {
    return Math.round(v * scale) / scale;
  }

  private static void put(Attributes ds, int tag, VR vr, String... values) {
    ds.put(DicomElements.string(tag, vr, values));
  }
}
