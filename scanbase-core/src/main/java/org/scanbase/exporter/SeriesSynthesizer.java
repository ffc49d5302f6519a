// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.scanbase.array.NdArray;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DerivedObjects;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

/**
 * A DICOM series made from a volume file, for RTSTRUCT and SEG exports of samples that have no
 * DICOM source (NIfTI, NRRD, MetaImage): one CT Image Storage instance (PS3.3 A.3) per slice k,
 * ImageOrientationPatient from the grid's i and j axes (LPS), ImagePositionPatient the LPS position
 * of voxel (0, 0, k), PixelSpacing (row spacing, column spacing), signed 16-bit pixels with the
 * volume's own rescale when its stored values are integers that fit, else a linear rescale of the
 * real values onto -32767..32767. New UIDs; no patient identity (type 2 attributes empty).
 *
 * <p>CT Image Storage is used whatever the modality of the source, as the only widely read image
 * IOD that needs no acquisition parameters; Modality is {@code CT}.
 */
final class SeriesSynthesizer {
  static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

  /**
   * The slices (with Pixel Data) and the grid they make.
   *
   * @param slices one data set per slice, slice k at index k
   * @param grid   the grid, slice k's SOP instance and position at index k
   */
  record Synthetic(List<Attributes> slices, ReferencedGrid grid) {}

  private SeriesSynthesizer() {}

  static Synthetic of(Volume image, String description) {
    Geometry g = image.geometry();
    int nx = image.nx(), ny = image.ny(), nz = image.nz();
    NdArray v = image.voxels();
    int c = image.components();
    boolean integers = image.unscaled();
    double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
    for (int i = 0, n = (int) g.voxelCount(); i < n; i++) {
      double stored = v.getDouble(i * c);
      double real = stored * image.slope() + image.intercept();
      integers &= stored == Math.rint(stored) && stored >= -32768 && stored <= 32767;
      min = Math.min(min, real);
      max = Math.max(max, real);
    }
    double slope = 1, intercept = 0;
    if (!integers) {
      slope = max > min ? (max - min) / 65534 : 1;
      intercept = (max + min) / 2;
    }
    String study = DerivedObjects.newUid();
    String series = DerivedObjects.newUid();
    String frame = DerivedObjects.newUid();
    LocalDateTime now = LocalDateTime.now();
    String date = now.format(DateTimeFormatter.BASIC_ISO_DATE);
    String time = now.format(DateTimeFormatter.ofPattern("HHmmss"));
    double[] x = g.axis(0);
    double[] y = g.axis(1);
    double[] sp = g.spacing();
    List<Attributes> slices = new ArrayList<>();
    List<String> sops = new ArrayList<>();
    List<double[]> positions = new ArrayList<>();
    for (int k = 0; k < nz; k++) {
      String sop = DerivedObjects.newUid();
      double[] p = g.voxelToLps(0, 0, k);
      Attributes ds = new Attributes();
      put(ds, Tags.ImageType, VR.CS, "DERIVED", "SECONDARY", "AXIAL");
      put(ds, Tags.SOPClassUID, VR.UI, CT_IMAGE_STORAGE);
      put(ds, Tags.SOPInstanceUID, VR.UI, sop);
      put(ds, Tags.StudyDate, VR.DA, date);
      put(ds, Tags.ContentDate, VR.DA, date);
      put(ds, Tags.StudyTime, VR.TM, time);
      put(ds, Tags.ContentTime, VR.TM, time);
      put(ds, Tags.AccessionNumber, VR.SH, "");
      put(ds, Tags.Modality, VR.CS, "CT");
      put(ds, Tags.Manufacturer, VR.LO, "scanbase");
      put(ds, Tags.ReferringPhysicianName, VR.PN, "");
      put(ds, Tags.SeriesDescription, VR.LO, description.length() > 64 ? description.substring(0, 64) : description);
      put(ds, Tags.PatientName, VR.PN, "");
      put(ds, Tags.PatientID, VR.LO, "");
      put(ds, Tags.PatientBirthDate, VR.DA, "");
      put(ds, Tags.PatientSex, VR.CS, "");
      put(ds, Tags.KVP, VR.DS, "");
      put(ds, Tags.StudyInstanceUID, VR.UI, study);
      put(ds, Tags.SeriesInstanceUID, VR.UI, series);
      put(ds, Tags.StudyID, VR.SH, "");
      put(ds, Tags.Laterality, VR.CS, "");
      put(ds, Tags.PatientPosition, VR.CS, "");
      ds.put(DicomElements.ints(Tags.SeriesNumber, VR.IS, 1));
      ds.put(DicomElements.ints(Tags.AcquisitionNumber, VR.IS, 1));
      ds.put(DicomElements.ints(Tags.InstanceNumber, VR.IS, k + 1));
      put(ds, Tags.PatientOrientation, VR.CS, "");
      ds.put(DicomElements.doubles(Tags.ImagePositionPatient, VR.DS, p));
      ds.put(DicomElements.doubles(Tags.ImageOrientationPatient, VR.DS, x[0], x[1], x[2], y[0], y[1], y[2]));
      put(ds, Tags.FrameOfReferenceUID, VR.UI, frame);
      put(ds, Tags.PositionReferenceIndicator, VR.LO, "");
      ds.put(DicomElements.doubles(Tags.SliceThickness, VR.DS, sp[2]));
      ds.put(DicomElements.ints(Tags.SamplesPerPixel, VR.US, 1));
      put(ds, Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
      ds.put(DicomElements.ints(Tags.Rows, VR.US, ny));
      ds.put(DicomElements.ints(Tags.Columns, VR.US, nx));
      ds.put(DicomElements.doubles(Tags.PixelSpacing, VR.DS, sp[1], sp[0]));
      ds.put(DicomElements.ints(Tags.BitsAllocated, VR.US, 16));
      ds.put(DicomElements.ints(Tags.BitsStored, VR.US, 16));
      ds.put(DicomElements.ints(Tags.HighBit, VR.US, 15));
      ds.put(DicomElements.ints(Tags.PixelRepresentation, VR.US, 1));
      ds.put(DicomElements.doubles(Tags.RescaleIntercept, VR.DS, intercept));
      ds.put(DicomElements.doubles(Tags.RescaleSlope, VR.DS, slope));
      ByteBuffer b = ByteBuffer.allocate(nx * ny * 2).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = k * nx * ny, end = i + nx * ny; i < end; i++) {
        double real = v.getDouble(i * c) * image.slope() + image.intercept();
        long s = Math.round((real - intercept) / slope);
        b.putShort((short) Math.max(-32768, Math.min(32767, s)));
      }
      ds.put(DicomElements.bytes(Tags.PixelData, VR.OW, b.array()));
      slices.add(ds);
      sops.add(sop);
      positions.add(p);
    }
    return new Synthetic(slices, new ReferencedGrid(g, sops, CT_IMAGE_STORAGE, frame, series, study, positions));
  }

  private static void put(Attributes a, int tag, VR vr, String... values) {
    a.put(DicomElements.string(tag, vr, values));
  }
}
