// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import java.io.IOException;
import java.nio.file.Files;
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
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

/** Test series grids (axial, oblique, anisotropic, non-square, one slice) and their DICOM files. */
public final class Grids {
    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    public static final String FRAME_OF_REFERENCE = "1.2.826.0.1.3680043.10.1234.1";
    public static final String STUDY = "1.2.826.0.1.3680043.10.1234.2";
    public static final String SERIES = "1.2.826.0.1.3680043.10.1234.3";

    private Grids() {
    }

    public static ReferencedGrid grid(Geometry g) {
        List<String> uids = new ArrayList<>();
        for (int k = 0; k < g.size()[2]; k++) {
            uids.add(SERIES + "." + (k + 1));
        }
        return ReferencedGrid.regular(g, uids, CT_IMAGE_STORAGE, FRAME_OF_REFERENCE, SERIES, STUDY);
    }

    public static Geometry axial(int nx, int ny, int nz, double sx, double sy, double sz) {
        return Geometry.axisAligned(new int[] {nx, ny, nz}, new double[] {sx, sy, sz},
                new double[] {-nx * sx / 2 + 0.3, -ny * sy / 2 - 0.7, -40.25});
    }

    /** A grid rotated about two axes (rows and columns not along any patient axis). */
    public static Geometry oblique(int nx, int ny, int nz, double sx, double sy, double sz) {
        double a = Math.toRadians(23), b = Math.toRadians(-37);
        double[][] rz = {{Math.cos(a), -Math.sin(a), 0}, {Math.sin(a), Math.cos(a), 0}, {0, 0, 1}};
        double[][] rx = {{1, 0, 0}, {0, Math.cos(b), -Math.sin(b)}, {0, Math.sin(b), Math.cos(b)}};
        double[] d = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                for (int m = 0; m < 3; m++) {
                    d[r * 3 + c] += rz[r][m] * rx[m][c];
                }
            }
        }
        return new Geometry(new int[] {nx, ny, nz}, new double[] {sx, sy, sz}, new double[] {12.345, -67.891, 101.1}, d);
    }

    public static Volume emptyMask(Geometry g) {
        int[] s = g.size();
        return Volume.of(NdArray.allocate(DType.UINT8, new int[] {s[2], s[1], s[0]}), g);
    }

    public static byte[] data(Volume v) {
        return (byte[]) v.voxels().data();
    }

    /**
     * Writes the grid as CT slices (16-bit zero pixels) named CT0001.dcm... into {@code dir},
     * with IPP, IOP, PixelSpacing, SliceThickness, UIDs in the order of the grid.
     */
    public static void writeSeries(ReferencedGrid grid, Path dir) throws IOException {
        Files.createDirectories(dir);
        Geometry g = grid.geometry();
        int[] s = g.size();
        double[] sp = g.spacing();
        double[] x = g.axis(0);
        double[] y = g.axis(1);
        for (int k = 0; k < s[2]; k++) {
            Attributes ds = new Attributes();
            ds.put(DicomElements.string(Tags.SOPClassUID, VR.UI, CT_IMAGE_STORAGE));
            ds.put(DicomElements.string(Tags.SOPInstanceUID, VR.UI, grid.sopInstanceUids().get(k)));
            ds.put(DicomElements.string(Tags.StudyDate, VR.DA, "20240101"));
            ds.put(DicomElements.string(Tags.StudyTime, VR.TM, "120000"));
            ds.put(DicomElements.string(Tags.Modality, VR.CS, "CT"));
            ds.put(DicomElements.string(Tags.PatientName, VR.PN, "Test^Phantom"));
            ds.put(DicomElements.string(Tags.PatientID, VR.LO, "PHANTOM1"));
            ds.put(DicomElements.string(Tags.StudyInstanceUID, VR.UI, grid.studyInstanceUid()));
            ds.put(DicomElements.string(Tags.SeriesInstanceUID, VR.UI, grid.seriesInstanceUid()));
            ds.put(DicomElements.ints(Tags.SeriesNumber, VR.IS, 1));
            ds.put(DicomElements.ints(Tags.InstanceNumber, VR.IS, k + 1));
            ds.put(DicomElements.doubles(Tags.ImagePositionPatient, VR.DS, grid.slicePosition(k)));
            ds.put(DicomElements.doubles(Tags.ImageOrientationPatient, VR.DS, x[0], x[1], x[2], y[0], y[1], y[2]));
            ds.put(DicomElements.string(Tags.FrameOfReferenceUID, VR.UI, grid.frameOfReferenceUid()));
            ds.put(DicomElements.doubles(Tags.SliceThickness, VR.DS, sp[2]));
            ds.put(DicomElements.ints(Tags.SamplesPerPixel, VR.US, 1));
            ds.put(DicomElements.string(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2"));
            ds.put(DicomElements.ints(Tags.Rows, VR.US, s[1]));
            ds.put(DicomElements.ints(Tags.Columns, VR.US, s[0]));
            ds.put(DicomElements.doubles(Tags.PixelSpacing, VR.DS, sp[1], sp[0]));
            ds.put(DicomElements.ints(Tags.BitsAllocated, VR.US, 16));
            ds.put(DicomElements.ints(Tags.BitsStored, VR.US, 16));
            ds.put(DicomElements.ints(Tags.HighBit, VR.US, 15));
            ds.put(DicomElements.ints(Tags.PixelRepresentation, VR.US, 1));
            ds.put(DicomElements.doubles(Tags.RescaleIntercept, VR.DS, 0));
            ds.put(DicomElements.doubles(Tags.RescaleSlope, VR.DS, 1));
            ds.put(DicomElements.bytes(Tags.PixelData, VR.OW, new byte[s[0] * s[1] * 2]));
            DicomWriter.write(dir.resolve(String.format("CT%04d.dcm", k + 1)), new Attributes(), ds);
        }
    }
}
