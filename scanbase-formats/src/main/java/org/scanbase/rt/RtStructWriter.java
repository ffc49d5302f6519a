// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DerivedObjects;
import org.scanbase.dicom.DicomElement;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.DicomWriter;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;

/**
 * Writes masks as an RT Structure Set (PS3.3 A.19; SOP class RT Structure Set Storage
 * 1.2.840.10008.5.1.4.1.1.481.3). Each slice of each mask is traced on voxel edges by
 * {@link MaskTracer} (outer boundaries and holes as separate CLOSED_PLANAR contours), so that
 * {@link ContourRasterizer} gives the mask back exactly: edges lie half a voxel from every voxel
 * centre, never on one. Every contour's (3006,0016) ContourImageSequence names its slice's SOP
 * instance; the structure set carries the series' FrameOfReferenceUID (top level, with an empty
 * PositionReferenceIndicator, and in its ReferencedFrameOfReferenceSequence), new SOP instance and series
 * UIDs (2.25 UUID form, PS3.5 B.2), and DS values of at most 16 characters.
 *
 * <p>A contour whose (3006,0050) ContourData would exceed the 64 KiB value length of explicit VR
 * little endian is split in two along a horizontal chord through two of its vertices: the chord is
 * then an edge of both halves, cancels under the even-odd rule and, lying on a half-voxel row, is
 * never crossed by a scanline, so the filled pixels do not change.
 */
public final class RtStructWriter {
    private static final int MAX_DS_BYTES = 65534;

    private RtStructWriter() {
    }

    /**
     * Writes the structure set to a file (atomically).
     *
     * @param source the header of one slice of the series, whose Patient and General Study module
     *               attributes are copied (an empty {@link Attributes} leaves them empty)
     * @throws IllegalArgumentException when a mask does not fit the grid or ROI numbers repeat
     */
    public static void write(Path out, ReferencedGrid grid, List<MaskRoi> rois, Attributes source) throws IOException {
        DicomWriter.write(out, new Attributes(), build(grid, rois, source));
    }

    /** The structure set's data set (see {@link #write}). */
    public static Attributes build(ReferencedGrid grid, List<MaskRoi> rois, Attributes source) {
        int[] size = grid.geometry().size();
        Set<Integer> numbers = new HashSet<>();
        for (MaskRoi r : rois) {
            if (!numbers.add(r.number())) {
                throw new IllegalArgumentException("ROI number " + r.number() + " is used by more than one mask");
            }
            if (!Arrays.equals(r.mask().geometry().size(), size)) {
                throw new IllegalArgumentException("mask of ROI " + r.number() + " '" + r.name() + "' has size "
                        + Arrays.toString(r.mask().geometry().size()) + ", the series " + Arrays.toString(size));
            }
        }
        Attributes ds = new Attributes();
        DerivedObjects.copyPatientAndStudy(source, ds);
        String now = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd"));
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss"));
        String study = source.getString(Tags.StudyInstanceUID)
                .orElse(grid.studyInstanceUid().isEmpty() ? DerivedObjects.newUid() : grid.studyInstanceUid());
        put(ds, Tags.SOPClassUID, VR.UI, RtStructReader.RT_STRUCTURE_SET_STORAGE);
        put(ds, Tags.SOPInstanceUID, VR.UI, DerivedObjects.newUid());
        put(ds, Tags.Modality, VR.CS, "RTSTRUCT");
        put(ds, Tags.Manufacturer, VR.LO, "scanbase");
        put(ds, Tags.OperatorsName, VR.PN, ""); // type 2 in the RT Series module (PS3.3 C.8.8.1)
        put(ds, Tags.StudyInstanceUID, VR.UI, study);
        put(ds, Tags.SeriesInstanceUID, VR.UI, DerivedObjects.newUid());
        ds.put(DicomElements.ints(Tags.SeriesNumber, VR.IS, 1));
        ds.put(DicomElements.ints(Tags.InstanceNumber, VR.IS, 1));
        // Frame of Reference module (PS3.3 C.7.4.1): dciodvfy requires it at the top level of the IOD
        String frameOfRef = grid.frameOfReferenceUid().isEmpty()
                ? source.getString(Tags.FrameOfReferenceUID).orElse(DerivedObjects.newUid())
                : grid.frameOfReferenceUid();
        put(ds, Tags.FrameOfReferenceUID, VR.UI, frameOfRef);
        put(ds, Tags.PositionReferenceIndicator, VR.LO, "");
        put(ds, Tags.StructureSetLabel, VR.SH, "scanbase");
        put(ds, Tags.StructureSetDate, VR.DA, now);
        put(ds, Tags.StructureSetTime, VR.TM, time);
        ds.put(DicomElements.sequence(Tags.ReferencedFrameOfReferenceSequence, List.of(frameOfReference(grid, frameOfRef, study))));
        List<Attributes> ssRois = new ArrayList<>();
        List<Attributes> contours = new ArrayList<>();
        List<Attributes> observations = new ArrayList<>();
        for (MaskRoi r : rois) {
            Attributes s = new Attributes();
            s.put(DicomElements.ints(Tags.ROINumber, VR.IS, r.number()));
            put(s, Tags.ReferencedFrameOfReferenceUID, VR.UI, frameOfRef);
            put(s, Tags.ROIName, VR.LO, r.name());
            put(s, Tags.ROIGenerationAlgorithm, VR.CS, "AUTOMATIC");
            ssRois.add(s);
            Attributes c = new Attributes();
            if (r.displayColor().length == 3) {
                c.put(DicomElements.ints(Tags.ROIDisplayColor, VR.IS, r.displayColor()));
            }
            c.put(DicomElements.sequence(Tags.ContourSequence, contoursOf(grid, r)));
            c.put(DicomElements.ints(Tags.ReferencedROINumber, VR.IS, r.number()));
            contours.add(c);
            Attributes o = new Attributes();
            o.put(DicomElements.ints(Tags.ObservationNumber, VR.IS, r.number()));
            o.put(DicomElements.ints(Tags.ReferencedROINumber, VR.IS, r.number()));
            put(o, Tags.RTROIInterpretedType, VR.CS, r.interpretedType());
            put(o, Tags.ROIInterpreter, VR.PN, "");
            observations.add(o);
        }
        ds.put(DicomElements.sequence(Tags.StructureSetROISequence, ssRois));
        ds.put(DicomElements.sequence(Tags.ROIContourSequence, contours));
        ds.put(DicomElements.sequence(Tags.RTROIObservationsSequence, observations));
        return ds;
    }

    private static Attributes frameOfReference(ReferencedGrid grid, String frameOfRef, String study) {
        List<Attributes> images = new ArrayList<>();
        for (String uid : grid.sopInstanceUids()) {
            if (!uid.isEmpty()) {
                images.add(imageRef(grid, uid));
            }
        }
        Attributes series = new Attributes();
        put(series, Tags.SeriesInstanceUID, VR.UI, grid.seriesInstanceUid());
        series.put(DicomElements.sequence(Tags.ContourImageSequence, images));
        Attributes st = new Attributes();
        put(st, Tags.ReferencedSOPClassUID, VR.UI, "1.2.840.10008.3.1.2.3.1");
        put(st, Tags.ReferencedSOPInstanceUID, VR.UI, study);
        st.put(DicomElements.sequence(Tags.RTReferencedSeriesSequence, List.of(series)));
        Attributes f = new Attributes();
        put(f, Tags.FrameOfReferenceUID, VR.UI, frameOfRef);
        f.put(DicomElements.sequence(Tags.RTReferencedStudySequence, List.of(st)));
        return f;
    }

    private static Attributes imageRef(ReferencedGrid grid, String uid) {
        Attributes a = new Attributes();
        put(a, Tags.ReferencedSOPClassUID, VR.UI, grid.sopClassUid());
        put(a, Tags.ReferencedSOPInstanceUID, VR.UI, uid);
        return a;
    }

    private static List<Attributes> contoursOf(ReferencedGrid grid, MaskRoi roi) {
        int[] size = grid.geometry().size();
        int nx = size[0], ny = size[1], nz = size[2];
        double[] sp = grid.geometry().spacing();
        double[] xdir = grid.geometry().axis(0);
        double[] ydir = grid.geometry().axis(1);
        byte[] binary = binary(roi);
        List<Attributes> out = new ArrayList<>();
        int number = 1;
        for (int k = 0; k < nz; k++) {
            double[] p = grid.slicePosition(k);
            for (double[] poly : MaskTracer.trace(binary, k * nx * ny, nx, ny)) {
                for (String[] data : split(toDs(poly, p, xdir, ydir, sp), poly)) {
                    Attributes c = new Attributes();
                    String uid = grid.sopInstanceUids().get(k);
                    if (!uid.isEmpty()) {
                        c.put(DicomElements.sequence(Tags.ContourImageSequence, List.of(imageRef(grid, uid))));
                    }
                    c.put(DicomElements.ints(Tags.ContourNumber, VR.IS, number++));
                    put(c, Tags.ContourGeometricType, VR.CS, ContourType.CLOSED_PLANAR.name());
                    c.put(DicomElements.ints(Tags.NumberOfContourPoints, VR.IS, data.length / 3));
                    put(c, Tags.ContourData, VR.DS, data);
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static byte[] binary(MaskRoi roi) {
        var v = roi.mask().voxels();
        byte[] b = new byte[v.size()];
        if (v.data() instanceof byte[] raw && roi.mask().components() == 1) {
            for (int i = 0; i < b.length; i++) {
                b[i] = raw[i] != 0 ? (byte) 1 : 0;
            }
            return b;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = v.getDouble(i) != 0 ? (byte) 1 : 0;
        }
        return b;
    }

    /** Pixel-coordinate polygon on a slice -> DS strings of its LPS points. */
    private static String[] toDs(double[] poly, double[] p, double[] xdir, double[] ydir, double[] sp) {
        int n = poly.length / 2;
        String[] s = new String[3 * n];
        for (int q = 0; q < n; q++) {
            double x = poly[2 * q] * sp[0];
            double y = poly[2 * q + 1] * sp[1];
            for (int a = 0; a < 3; a++) {
                s[3 * q + a] = DicomElements.formatDS(p[a] + xdir[a] * x + ydir[a] * y);
            }
        }
        return s;
    }

    /** The contour's values, split along horizontal chords until each fits in one DS element. */
    private static List<String[]> split(String[] ds, double[] poly) {
        int bytes = ds.length - 1;
        for (String v : ds) {
            bytes += v.length();
        }
        int n = poly.length / 2;
        if (bytes <= MAX_DS_BYTES || n < 8) {
            return List.<String[]>of(ds);
        }
        for (int a = 0; a < n / 2; a++) {
            for (int b = a + n / 4; b <= a + 3 * n / 4 && b < n; b++) {
                if (poly[2 * a + 1] == poly[2 * b + 1]) {
                    List<String[]> out = new ArrayList<>();
                    int[] first = range(a, b, n);
                    int[] second = range(b, a + n, n);
                    out.addAll(split(pick(ds, first), pickPoly(poly, first)));
                    out.addAll(split(pick(ds, second), pickPoly(poly, second)));
                    return out;
                }
            }
        }
        throw new IllegalStateException("a contour of " + n + " points is too long for (3006,0050) ContourData"
                + " and has no chord to split it along");
    }

    private static int[] range(int from, int to, int n) {
        int[] r = new int[to - from + 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = (from + i) % n;
        }
        return r;
    }

    private static String[] pick(String[] ds, int[] idx) {
        String[] s = new String[idx.length * 3];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(ds, idx[i] * 3, s, i * 3, 3);
        }
        return s;
    }

    private static double[] pickPoly(double[] poly, int[] idx) {
        double[] s = new double[idx.length * 2];
        for (int i = 0; i < idx.length; i++) {
            s[2 * i] = poly[2 * idx[i]];
            s[2 * i + 1] = poly[2 * idx[i] + 1];
        }
        return s;
    }

    private static void put(Attributes a, int tag, VR vr, String... values) {
        a.put(DicomElements.string(tag, vr, values));
    }

}
