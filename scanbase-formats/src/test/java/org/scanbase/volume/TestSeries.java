// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.DicomWriter;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;

/**
 * Synthetic DICOM series written by the tests: a grid of {@code nx x ny} uint16 pixels per slice
 * whose value encodes where it was written, {@code value(i, j, w) = 3072 w + 64 j + i} (w = the
 * slice's index in writing order, j = row, i = column), so that an assembled volume proves the
 * order and orientation of every voxel. Slices are placed at {@code origin + w * step}, where
 * {@code step} is any LPS vector (along the normal, reversed, tilted...).
 */
final class TestSeries {
    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String ENHANCED_CT = "1.2.840.10008.5.1.4.1.1.2.1";
    static final String RTSTRUCT = "1.2.840.10008.5.1.4.1.1.481.3";

    int nx = 64;
    int ny = 48;
    int nz = 6;
    /** PixelSpacing[0]: between rows (along j). */
    double rowSpacing = 1.3;
    /** PixelSpacing[1]: between columns (along i). */
    double columnSpacing = 0.7;
    double[] row = {1, 0, 0};
    double[] col = {0, 1, 0};
    double[] origin = {-20.5, 13.25, -71.0};
    double[] step;
    String seriesUid = "1.2.826.0.1.3680043.10.543.7.1";
    String description = "test series";
    /** Written slice indices to leave out (a missing slice). */
    List<Integer> skip = new ArrayList<>();
    /** RescaleSlope / RescaleIntercept of written slice w. */
    IntFunction<double[]> rescale = w -> new double[] {1, -1024};
    boolean shuffle = true;
    long seed = 42;
    /** Writes (0018,1120) GantryDetectorTilt with this value when not NaN. */
    double gantryTilt = Double.NaN;
    /** Echo number of every slice, or 0 for none. */
    int echo;
    /** Extra LPS offsets of some written slices (non-uniform spacing). */
    java.util.Map<Integer, double[]> nudge = new java.util.HashMap<>();
    /** Whether ImagePositionPatient is written at all. */
    boolean writePositions = true;
    /** Appended to SOPInstanceUIDs (a second copy of a series). */
    String sopSuffix = "";
    /** Added to every InstanceNumber. */
    int instanceOffset;

    TestSeries() {
        step = StackGeometry.scale(normal(), 2.5);
    }

    /** Row and column cosines of a grid rotated by 20 degrees about z and then 20 degrees about x. */
    TestSeries oblique() {
        double a = Math.toRadians(20);
        double b = Math.toRadians(20);
        double[][] rz = {{Math.cos(a), -Math.sin(a), 0}, {Math.sin(a), Math.cos(a), 0}, {0, 0, 1}};
        double[][] rx = {{1, 0, 0}, {0, Math.cos(b), -Math.sin(b)}, {0, Math.sin(b), Math.cos(b)}};
        double[][] m = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                for (int q = 0; q < 3; q++) {
                    m[r][c] += rx[r][q] * rz[q][c];
                }
            }
        }
        row = new double[] {m[0][0], m[1][0], m[2][0]};
        col = new double[] {m[0][1], m[1][1], m[2][1]};
        step = StackGeometry.scale(normal(), 2.5);
        return this;
    }

    double[] normal() {
        return StackGeometry.cross(row, col);
    }

    static int value(int i, int j, int w) {
        return 3072 * w + 64 * j + i;
    }

    double[] position(int w) {
        double[] d = nudge.getOrDefault(w, new double[3]);
        return new double[] {origin[0] + w * step[0] + d[0], origin[1] + w * step[1] + d[1],
            origin[2] + w * step[2] + d[2]};
    }

    /** Writes one file per slice with shuffled names and InstanceNumbers; returns the files. */
    List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Integer> order = new ArrayList<>();
        for (int w = 0; w < nz; w++) {
            if (!skip.contains(w)) {
                order.add(w);
            }
        }
        List<Integer> instance = new ArrayList<>(order);
        if (shuffle) {
            Collections.shuffle(instance, new Random(seed));
        }
        List<Path> files = new ArrayList<>();
        for (int n = 0; n < order.size(); n++) {
            int w = order.get(n);
            Attributes ds = common(CT, seriesUid + "." + (w + 1) + sopSuffix);
            ds.put(DicomElements.ints(Tags.InstanceNumber, VR.IS, instance.get(n) + 1 + instanceOffset));
            if (writePositions) {
                ds.put(DicomElements.doubles(Tags.ImagePositionPatient, VR.DS, position(w)));
            }
            ds.put(DicomElements.doubles(Tags.ImageOrientationPatient, VR.DS, row[0], row[1], row[2], col[0], col[1],
                    col[2]));
            ds.put(DicomElements.doubles(Tags.PixelSpacing, VR.DS, rowSpacing, columnSpacing));
            ds.put(DicomElements.doubles(Tags.SliceThickness, VR.DS, 9.75));
            double[] r = rescale.apply(w);
            ds.put(DicomElements.doubles(Tags.RescaleIntercept, VR.DS, r[1]));
            ds.put(DicomElements.doubles(Tags.RescaleSlope, VR.DS, r[0]));
            if (!Double.isNaN(gantryTilt)) {
                ds.put(DicomElements.doubles(Tags.GantryDetectorTilt, VR.DS, gantryTilt));
            }
            if (echo > 0) {
                ds.put(DicomElements.ints(Tags.EchoNumbers, VR.IS, echo));
            }
            ds.put(DicomElements.bytes(Tags.PixelData, VR.OW, pixels(w)));
            String name = shuffle ? String.format("IM_%08x.dcm", new Random(seed * 31 + w).nextInt()) : "IM" + w + ".dcm";
            Path f = dir.resolve(name);
            DicomWriter.write(f, new Attributes(), ds);
            files.add(f);
        }
        return files;
    }

    /**
     * Writes the series as one enhanced CT file (PS3.3 A.38): pixel measures, orientation and
     * rescale shared, plane position and frame content per frame, frames in shuffled order.
     * Returns the written order: frame f holds written slice {@code order.get(f)}.
     */
    List<Integer> writeEnhanced(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        List<Integer> order = new ArrayList<>();
        for (int w = 0; w < nz; w++) {
            order.add(w);
        }
        Collections.shuffle(order, new Random(seed));
        Attributes ds = common(ENHANCED_CT, seriesUid + ".1");
        ds.put(DicomElements.ints(Tags.InstanceNumber, VR.IS, 1));
        ds.put(DicomElements.ints(Tags.NumberOfFrames, VR.IS, nz));
        Attributes shared = new Attributes();
        shared.put(DicomElements.sequence(Tags.PixelMeasuresSequence, List.of(item(
                DicomElements.doubles(Tags.PixelSpacing, VR.DS, rowSpacing, columnSpacing),
                DicomElements.doubles(Tags.SliceThickness, VR.DS, 9.75)))));
        shared.put(DicomElements.sequence(Tags.PlaneOrientationSequence, List.of(item(
                DicomElements.doubles(Tags.ImageOrientationPatient, VR.DS, row[0], row[1], row[2], col[0], col[1],
                        col[2])))));
        double[] r = rescale.apply(0);
        shared.put(DicomElements.sequence(Tags.PixelValueTransformationSequence, List.of(item(
                DicomElements.doubles(Tags.RescaleIntercept, VR.DS, r[1]),
                DicomElements.doubles(Tags.RescaleSlope, VR.DS, r[0]),
                DicomElements.string(0x00281054, VR.LO, "HU")))));
        ds.put(DicomElements.sequence(Tags.SharedFunctionalGroupsSequence, List.of(shared)));
        List<Attributes> perFrame = new ArrayList<>();
        ByteBuffer px = ByteBuffer.allocate(nx * ny * nz * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < nz; f++) {
            int w = order.get(f);
            Attributes item = new Attributes();
            item.put(DicomElements.sequence(Tags.PlanePositionSequence, List.of(item(
                    DicomElements.doubles(Tags.ImagePositionPatient, VR.DS, position(w))))));
            item.put(DicomElements.sequence(Tags.FrameContentSequence, List.of(item(
                    DicomElements.ints(Tags.InStackPositionNumber, VR.UL, w + 1),
                    DicomElements.string(Tags.StackID, VR.SH, "1"),
                    DicomElements.ints(Tags.DimensionIndexValues, VR.UL, 1, w + 1)))));
            perFrame.add(item);
            px.put(pixels(w));
        }
        ds.put(DicomElements.sequence(Tags.PerFrameFunctionalGroupsSequence, perFrame));
        ds.put(DicomElements.bytes(Tags.PixelData, VR.OW, px.array()));
        DicomWriter.write(file, new Attributes(), ds);
        return order;
    }

    /** A non-image object of the same study: an RT Structure Set without contours. */
    void writeRtstruct(Path file) throws IOException {
        Attributes ds = common(RTSTRUCT, seriesUid + ".999");
        ds.remove(Tags.Rows);
        ds.remove(Tags.Columns);
        ds.put(DicomElements.string(Tags.Modality, VR.CS, "RTSTRUCT"));
        ds.put(DicomElements.string(Tags.SeriesInstanceUID, VR.UI, seriesUid + ".888"));
        DicomWriter.write(file, new Attributes(), ds);
    }

    private static Attributes item(org.scanbase.dicom.DicomElement... elements) {
        Attributes a = new Attributes();
        for (var e : elements) {
            a.put(e);
        }
        return a;
    }

    private Attributes common(String sopClass, String sopInstance) {
        Attributes ds = new Attributes();
        ds.put(DicomElements.string(Tags.SOPClassUID, VR.UI, sopClass));
        ds.put(DicomElements.string(Tags.SOPInstanceUID, VR.UI, sopInstance));
        ds.put(DicomElements.string(Tags.StudyDate, VR.DA, "20240101"));
        ds.put(DicomElements.string(Tags.SeriesDate, VR.DA, "20240101"));
        ds.put(DicomElements.string(Tags.AcquisitionDate, VR.DA, "20240101"));
        ds.put(DicomElements.string(Tags.StudyTime, VR.TM, "120000"));
        ds.put(DicomElements.string(Tags.SeriesTime, VR.TM, "120000"));
        ds.put(DicomElements.string(Tags.AcquisitionTime, VR.TM, "120000"));
        ds.put(DicomElements.string(Tags.Modality, VR.CS, "CT"));
        ds.put(DicomElements.string(Tags.Manufacturer, VR.LO, "scanbase"));
        ds.put(DicomElements.string(Tags.SeriesDescription, VR.LO, description));
        ds.put(DicomElements.string(Tags.PatientName, VR.PN, "Test^Phantom"));
        ds.put(DicomElements.string(Tags.PatientID, VR.LO, "PHANTOM1"));
        ds.put(DicomElements.string(Tags.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.543.7"));
        ds.put(DicomElements.string(Tags.SeriesInstanceUID, VR.UI, seriesUid));
        ds.put(DicomElements.ints(Tags.SeriesNumber, VR.IS, Math.abs(seriesUid.hashCode() % 900) + 1));
        ds.put(DicomElements.ints(Tags.AcquisitionNumber, VR.IS, 1));
        ds.put(DicomElements.string(Tags.FrameOfReferenceUID, VR.UI, "1.2.826.0.1.3680043.10.543.7.0"));
        ds.put(DicomElements.string(Tags.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL"));
        ds.put(DicomElements.ints(Tags.SamplesPerPixel, VR.US, 1));
        ds.put(DicomElements.string(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2"));
        ds.put(DicomElements.ints(Tags.Rows, VR.US, ny));
        ds.put(DicomElements.ints(Tags.Columns, VR.US, nx));
        ds.put(DicomElements.ints(Tags.BitsAllocated, VR.US, 16));
        ds.put(DicomElements.ints(Tags.BitsStored, VR.US, 16));
        ds.put(DicomElements.ints(Tags.HighBit, VR.US, 15));
        ds.put(DicomElements.ints(Tags.PixelRepresentation, VR.US, 0));
        return ds;
    }

    private byte[] pixels(int w) {
        ByteBuffer b = ByteBuffer.allocate(nx * ny * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                b.putShort((short) value(i, j, w));
            }
        }
        return b.array();
    }
}
