// SPDX-License-Identifier: Apache-2.0
package org.scanbase.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.DicomWriter;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;
import org.scanbase.rt.ContourRasterizer;
import org.scanbase.rt.ContourType;
import org.scanbase.rt.MaskRoi;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.rt.RoiMasks;
import org.scanbase.rt.RtStructReader;
import org.scanbase.rt.RtStructWriter;
import org.scanbase.volume.Volume;

/**
 * The RT Structure Set of one demo patient (PS3.3 A.19): the ROIs {@code Hippocampus_L} (number
 * 1) and {@code Hippocampus_R} (2), each drawn as one CLOSED_PLANAR ellipse of {@value #POINTS}
 * points on every slice that cuts its ellipsoid (a slice whose ellipse would be narrower than a
 * pixel, or that passes within 2 % of the ellipsoid's tip, gets none). The structure set's frame
 * of reference, study, series and image references come from {@link RtStructWriter#build}; its
 * UIDs and dates are then made deterministic and the contours put in. What it covers is then
 * measured the way an importer does: the written file read back with {@link RtStructReader} and
 * rasterised onto the series grid by {@link ContourRasterizer} (strict references).
 */
final class HippocampusStructures {
  /** ROI names, numbers 1 and 2. */
  static final String LEFT = "Hippocampus_L";
  static final String RIGHT = "Hippocampus_R";
  /** (3006,002A) ROIDisplayColor of each ROI. */
  static final int[] LEFT_COLOR = {255, 140, 0};
  static final int[] RIGHT_COLOR = {30, 144, 255};
  /** Points per ellipse. */
  static final int POINTS = 48;

  /**
   * What was written.
   *
   * @param sopInstanceUid the structure set's (0008,0018)
   * @param masks          the ROIs rasterised onto the series grid
   * @param grid           the series grid (slice k ascending along the normal)
   * @param contours       contours per ROI, ROI 1 first
   */
  record Drawn(String sopInstanceUid, RoiMasks masks, ReferencedGrid grid, int[] contours) {
  }

  private HippocampusStructures() {
  }

  /**
   * Writes the structure set to {@code file} and measures it.
   *
   * @param grid   the series grid, built from the slice headers as written
   * @param source a slice header: Patient and Study modules are copied from it
   */
  static Drawn write(Path file, HippocampusPatient patient, ReferencedGrid grid, Attributes source)
      throws IOException {
    int[] size = grid.geometry().size();
    Volume empty = Volume.of(NdArray.allocate(DType.UINT8, new int[] {size[2], size[1], size[0]}), grid.geometry());
    Attributes rs = RtStructWriter.build(grid, List.of(
        new MaskRoi(1, LEFT, empty, LEFT_COLOR, "ORGAN"),
        new MaskRoi(2, RIGHT, empty, RIGHT_COLOR, "ORGAN")), source);
    String uid = DemoUids.uid(patient.uidBase + "/rtstruct");
    String date = rs.getString(Tags.StudyDate).orElseThrow();
    put(rs, Tags.SOPInstanceUID, VR.UI, uid);
    put(rs, Tags.SeriesInstanceUID, VR.UI, DemoUids.uid(patient.uidBase + "/rtstruct-series"));
    put(rs, Tags.InstanceCreationDate, VR.DA, date);
    put(rs, Tags.SeriesDate, VR.DA, date);
    put(rs, Tags.StructureSetDate, VR.DA, date);
    put(rs, Tags.StructureSetTime, VR.TM, rs.getString(Tags.StudyTime).orElse("120000"));
    put(rs, Tags.StructureSetLabel, VR.SH, "HIPPOCAMPI");
    put(rs, Tags.SeriesDescription, VR.LO, "Hippocampal avoidance contours");
    put(rs, Tags.OperatorsName, VR.PN, "");
    // the Frame of Reference module (PS3.3 C.7.4.1), which dciodvfy requires of a structure set
    // whose ROIs lie in one frame of reference; RtStructWriter leaves it out
    put(rs, Tags.FrameOfReferenceUID, VR.UI, grid.frameOfReferenceUid());
    put(rs, Tags.PositionReferenceIndicator, VR.LO, "");
    for (Attributes item : rs.getSequence(Tags.StructureSetROISequence)) {
      put(item, Tags.ROIGenerationAlgorithm, VR.CS, "MANUAL");
    }
    List<Ellipsoid> shapes = List.of(patient.left, patient.right);
    int[] counts = new int[2];
    for (Attributes item : rs.getSequence(Tags.ROIContourSequence)) {
      int roi = item.getInt(Tags.ReferencedROINumber, 0);
      List<Attributes> contours = contours(grid, shapes.get(roi - 1));
      counts[roi - 1] = contours.size();
      item.put(DicomElements.sequence(Tags.ContourSequence, contours));
    }
    DicomWriter.write(file, new Attributes(), rs);
    RtStructReader.Result read = RtStructReader.read(file);
    RoiMasks masks = ContourRasterizer.rasterize(read.structureSet(), grid, new ContourRasterizer.Options(true));
    // an ROI that no slice cuts (very few, thick slices) is empty: reported, and recorded as 0 pixels
    List<String> unexpected = masks.warnings().stream().filter(w -> !w.contains("mask is empty")).toList();
    if (!read.warnings().isEmpty() || !unexpected.isEmpty()) {
      throw new IllegalStateException(file + ": the demo structure set does not read back cleanly: "
          + read.warnings() + " " + unexpected);
    }
    return new Drawn(uid, masks, grid, counts);
  }

  /** One ellipse per slice through the ellipsoid, in LPS mm on the slice's own plane. */
  static List<Attributes> contours(ReferencedGrid grid, Ellipsoid e) {
    double[] row = grid.geometry().axis(0);
    double[] col = grid.geometry().axis(1);
    double[] normal = grid.normal();
    double[] spacing = grid.geometry().spacing();
    double[] c = e.center();
    double[] semi = e.semiAxes();
    List<Attributes> out = new ArrayList<>();
    for (int k = 0; k < grid.sopInstanceUids().size(); k++) {
      double[] p = grid.slicePosition(k);
      double[] d = {c[0] - p[0], c[1] - p[1], c[2] - p[2]};
      double w = dot(d, normal) / semi[2];
      double s2 = 1 - w * w;
      if (s2 < 0.04) {
        continue;
      }
      double s = Math.sqrt(s2);
      double a = semi[0] * s;
      double b = semi[1] * s;
      if (a < spacing[0] || b < spacing[1]) {
        continue;
      }
      double u0 = dot(d, row);
      double v0 = dot(d, col);
      double[] points = new double[3 * POINTS];
      for (int m = 0; m < POINTS; m++) {
        double t = 2 * Math.PI * m / POINTS;
        double u = u0 + a * StrictMath.cos(t);
        double v = v0 + b * StrictMath.sin(t);
        for (int x = 0; x < 3; x++) {
          points[3 * m + x] = p[x] + u * row[x] + v * col[x];
        }
      }
      Attributes ref = new Attributes();
      put(ref, Tags.ReferencedSOPClassUID, VR.UI, grid.sopClassUid());
      put(ref, Tags.ReferencedSOPInstanceUID, VR.UI, grid.sopInstanceUids().get(k));
      Attributes contour = new Attributes();
      contour.put(DicomElements.sequence(Tags.ContourImageSequence, List.of(ref)));
      contour.put(DicomElements.ints(Tags.ContourNumber, VR.IS, out.size() + 1));
      put(contour, Tags.ContourGeometricType, VR.CS, ContourType.CLOSED_PLANAR.name());
      contour.put(DicomElements.ints(Tags.NumberOfContourPoints, VR.IS, POINTS));
      contour.put(DicomElements.doubles(Tags.ContourData, VR.DS, points));
      out.add(contour);
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  private static void put(Attributes ds, int tag, VR vr, String... values) {
    ds.put(DicomElements.string(tag, vr, values));
  }
}
