// SPDX-License-Identifier: Apache-2.0
package org.scanbase.seg;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DerivedObjects;
import org.scanbase.dicom.DicomElement;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.DicomWriter;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;
import org.scanbase.rt.MaskRoi;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.rt.RtStructWriter;
import org.scanbase.volume.Volume;

/**
 * Writes masks as a BINARY DICOM Segmentation (PS3.3 A.51; SOP class Segmentation Storage
 * 1.2.840.10008.5.1.4.1.1.66.4) on the grid of the series they were drawn on.
 *
 * <p>One frame per segment and slice where the segment is non-empty, ordered by segment, then
 * slice k; each frame's per-frame functional groups hold (0008,9124) DerivationImageSequence
 * naming the slice's SOP instance, (0020,9111) FrameContentSequence with DimensionIndexValues
 * (segment number, k + 1), (0020,9113) PlanePositionSequence with the slice's own
 * ImagePositionPatient, and (0062,000A) SegmentIdentificationSequence. Orientation and pixel
 * measures are shared (PS3.3 C.7.6.16). Pixels are 1-bit, packed LSB first without padding
 * between frames (PS3.5 8.1.1), in explicit VR little endian.
 *
 * <p>Segment numbers must run 1, 2, 3... (PS3.3 C.8.20.2); masks are written in ascending order
 * of their ROI number and numbered 1..n, so masks already numbered 1..n keep their numbers.
 */
public final class SegWriter {

    private SegWriter() {
    }

    /**
     * What the writer puts in besides the masks.
     *
     * @param contentLabel     (0070,0080) ContentLabel: upper case, digits, underscore, at most 16 characters
     * @param creatorName      (0070,0084) ContentCreatorName (PN), "" for empty
     * @param algorithmType    (0062,0008) SegmentAlgorithmType of every segment: MANUAL, SEMIAUTOMATIC, AUTOMATIC
     * @param algorithmName    (0062,0009) SegmentAlgorithmName, written unless the type is MANUAL
     * @param seriesNumber     (0020,0011) SeriesNumber
     * @param category         (0062,0003) SegmentedPropertyCategoryCodeSequence of every segment
     * @param propertyType     (0062,000F) SegmentedPropertyTypeCodeSequence of every segment
     */
    public record Options(String contentLabel, String creatorName, String algorithmType, String algorithmName,
                          int seriesNumber, Code category, Code propertyType) {
        public Options {
            Objects.requireNonNull(creatorName, "creatorName");
            Objects.requireNonNull(algorithmName, "algorithmName");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(propertyType, "propertyType");
            if (!contentLabel.matches("[A-Z0-9_ ]{1,16}")) {
                throw new IllegalArgumentException("(0070,0080) ContentLabel must be 1-16 characters A-Z 0-9 _ space,"
                        + " was '" + contentLabel + "'");
            }
            if (!Set.of("MANUAL", "SEMIAUTOMATIC", "AUTOMATIC").contains(algorithmType)) {
                throw new IllegalArgumentException("(0062,0008) SegmentAlgorithmType must be MANUAL, SEMIAUTOMATIC or"
                        + " AUTOMATIC, was '" + algorithmType + "'");
            }
            if (!algorithmType.equals("MANUAL") && algorithmName.isEmpty()) {
                throw new IllegalArgumentException("(0062,0009) SegmentAlgorithmName is required for " + algorithmType);
            }
        }

        /** Label SCANBASE, no creator, MANUAL, series 1, category and type SCT 85756007 "Tissue". */
        public static Options defaults() {
            return new Options("SCANBASE", "", "MANUAL", "", 1, Code.TISSUE, Code.TISSUE);
        }

        public Options withAlgorithm(String type, String name) {
            return new Options(contentLabel, creatorName, type, name, seriesNumber, category, propertyType);
        }
    }

    /**
     * Writes the masks (non-zero = inside) as a segmentation file (atomically).
     *
     * @param source the header of one slice of the series, whose Patient and General Study
     *               attributes are copied (an empty {@link Attributes} leaves them empty)
     * @throws IllegalArgumentException when a mask does not fit the grid, ROI numbers repeat or
     *                                  every mask is empty
     */
    public static void write(Path out, ReferencedGrid grid, List<MaskRoi> masks, Attributes source, Options options)
            throws IOException {
        DicomWriter.write(out, new Attributes(), build(grid, masks, source, options));
    }

    /** As {@link #write(Path, ReferencedGrid, List, Attributes, Options)} with {@link Options#defaults()}. */
    public static void write(Path out, ReferencedGrid grid, List<MaskRoi> masks, Attributes source) throws IOException {
        write(out, grid, masks, source, Options.defaults());
    }

    /**
     * Writes a label volume: one segment per label value (see {@link MaskRoi#fromLabels}), named
     * by {@code names} (label value -> segment label) or "label N".
     */
    public static void write(Path out, ReferencedGrid grid, Volume labels, Map<Integer, String> names,
                             Attributes source) throws IOException {
        write(out, grid, MaskRoi.fromLabels(labels, names), source, Options.defaults());
    }

    /** The segmentation's data set (see {@link #write(Path, ReferencedGrid, List, Attributes, Options)}). */
    public static Attributes build(ReferencedGrid grid, List<MaskRoi> masks, Attributes source, Options options) {
        int[] size = grid.geometry().size();
        int nx = size[0], ny = size[1], nz = size[2];
        List<MaskRoi> sorted = new ArrayList<>(masks);
        sorted.sort(Comparator.comparingInt(MaskRoi::number));
        Set<Integer> numbers = new HashSet<>();
        for (MaskRoi r : sorted) {
            if (!numbers.add(r.number())) {
                throw new IllegalArgumentException("ROI number " + r.number() + " is used by more than one mask");
            }
            if (!Arrays.equals(r.mask().geometry().size(), size) || r.mask().components() != 1
                    || r.mask().timepoints() != 1) {
                throw new IllegalArgumentException("mask of ROI " + r.number() + " '" + r.name() + "' has size "
                        + Arrays.toString(r.mask().geometry().size()) + ", the series " + Arrays.toString(size));
            }
        }
        if (sorted.isEmpty() || sorted.size() > 0xFFFF) {
            throw new IllegalArgumentException("a segmentation needs 1 to 65535 segments, got " + sorted.size());
        }
        // which (segment, slice) pairs become frames
        List<int[]> frames = new ArrayList<>();
        List<byte[]> binaries = new ArrayList<>();
        for (int s = 0; s < sorted.size(); s++) {
            byte[] b = binary(sorted.get(s).mask());
            binaries.add(b);
            for (int k = 0; k < nz; k++) {
                if (anySet(b, k * nx * ny, nx * ny)) {
                    frames.add(new int[] {s, k});
                }
            }
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("every mask is empty; a segmentation needs at least one frame");
        }
        byte[] pixels = new byte[BitPacker.bytesFor((long) frames.size() * nx * ny)];
        for (int f = 0; f < frames.size(); f++) {
            int[] sk = frames.get(f);
            BitPacker.pack(binaries.get(sk[0]), sk[1] * nx * ny, nx * ny, pixels, (long) f * nx * ny);
        }
        Attributes ds = header(grid, source, options, sorted);
        ds.put(DicomElements.ints(Tags.NumberOfFrames, VR.IS, frames.size()));
        SegFunctionalGroups.put(ds, grid, frames);
        ds.put(DicomElements.bytes(Tags.PixelData, VR.OB, pixels));
        return ds;
    }

    private static Attributes header(ReferencedGrid grid, Attributes source, Options options, List<MaskRoi> rois) {
        Attributes ds = new Attributes();
        DerivedObjects.copyPatientAndStudy(source, ds);
        LocalDateTime now = LocalDateTime.now();
        String date = now.format(DateTimeFormatter.ofPattern("yyyyMMdd"));
        String time = now.format(DateTimeFormatter.ofPattern("HHmmss"));
        String study = source.getString(Tags.StudyInstanceUID)
                .orElse(grid.studyInstanceUid().isEmpty() ? DerivedObjects.newUid() : grid.studyInstanceUid());
        String frameOfReference = !grid.frameOfReferenceUid().isEmpty() ? grid.frameOfReferenceUid()
                : source.getString(Tags.FrameOfReferenceUID).orElse(DerivedObjects.newUid());
        if (!ds.contains(Tags.SpecificCharacterSet) && rois.stream().anyMatch(r -> !isAscii(r.name()))) {
            put(ds, Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        }
        put(ds, Tags.ImageType, VR.CS, "DERIVED", "PRIMARY");
        put(ds, Tags.SOPClassUID, VR.UI, SegReader.SEGMENTATION_STORAGE);
        put(ds, Tags.SOPInstanceUID, VR.UI, DerivedObjects.newUid());
        put(ds, Tags.ContentDate, VR.DA, date);
        put(ds, Tags.ContentTime, VR.TM, time);
        put(ds, Tags.Modality, VR.CS, "SEG");
        put(ds, Tags.Manufacturer, VR.LO, "scanbase");
        put(ds, Tags.ManufacturerModelName, VR.LO, "scanbase");
        put(ds, Tags.DeviceSerialNumber, VR.LO, "1");
        put(ds, Tags.SoftwareVersions, VR.LO, DicomWriter.IMPLEMENTATION_VERSION);
        put(ds, Tags.StudyInstanceUID, VR.UI, study);
        put(ds, Tags.SeriesInstanceUID, VR.UI, DerivedObjects.newUid());
        ds.put(DicomElements.ints(Tags.SeriesNumber, VR.IS, options.seriesNumber()));
        ds.put(DicomElements.ints(Tags.InstanceNumber, VR.IS, 1));
        put(ds, Tags.FrameOfReferenceUID, VR.UI, frameOfReference);
        put(ds, Tags.PositionReferenceIndicator, VR.LO, "");
        ds.put(DicomElements.ints(Tags.SamplesPerPixel, VR.US, 1));
        put(ds, Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.put(DicomElements.ints(Tags.Rows, VR.US, grid.geometry().size()[1]));
        ds.put(DicomElements.ints(Tags.Columns, VR.US, grid.geometry().size()[0]));
        ds.put(DicomElements.ints(Tags.BitsAllocated, VR.US, 1));
        ds.put(DicomElements.ints(Tags.BitsStored, VR.US, 1));
        ds.put(DicomElements.ints(Tags.HighBit, VR.US, 0));
        ds.put(DicomElements.ints(Tags.PixelRepresentation, VR.US, 0));
        put(ds, Tags.LossyImageCompression, VR.CS, "00");
        put(ds, Tags.ContentLabel, VR.CS, options.contentLabel());
        put(ds, Tags.ContentDescription, VR.LO, "");
        put(ds, Tags.ContentCreatorName, VR.PN, options.creatorName());
        put(ds, Tags.SegmentationType, VR.CS, SegmentationType.BINARY.name());
        List<Attributes> segments = new ArrayList<>();
        for (int s = 0; s < rois.size(); s++) {
            segments.add(segment(s + 1, rois.get(s), options));
        }
        ds.put(DicomElements.sequence(Tags.SegmentSequence, segments));
        ds.put(DicomElements.sequence(Tags.ReferencedSeriesSequence, List.of(referencedSeries(grid))));
        return ds;
    }

    private static Attributes segment(int number, MaskRoi roi, Options options) {
        Attributes a = new Attributes();
        a.put(DicomElements.ints(Tags.SegmentNumber, VR.US, number));
        put(a, Tags.SegmentLabel, VR.LO, roi.name().isEmpty() ? "segment " + number : roi.name());
        put(a, Tags.SegmentAlgorithmType, VR.CS, options.algorithmType());
        if (!options.algorithmType().equals("MANUAL")) {
            put(a, Tags.SegmentAlgorithmName, VR.LO, options.algorithmName());
        }
        a.put(DicomElements.sequence(Tags.SegmentedPropertyCategoryCodeSequence, List.of(options.category().toItem())));
        a.put(DicomElements.sequence(Tags.SegmentedPropertyTypeCodeSequence, List.of(options.propertyType().toItem())));
        if (roi.displayColor().length == 3) {
            a.put(DicomElements.ints(Tags.RecommendedDisplayCIELabValue, VR.US, CieLab.fromRgb(roi.displayColor())));
        }
        return a;
    }

    private static Attributes referencedSeries(ReferencedGrid grid) {
        List<Attributes> instances = new ArrayList<>();
        for (String uid : grid.sopInstanceUids()) {
            if (!uid.isEmpty()) {
                Attributes i = new Attributes();
                put(i, Tags.ReferencedSOPClassUID, VR.UI, grid.sopClassUid());
                put(i, Tags.ReferencedSOPInstanceUID, VR.UI, uid);
                instances.add(i);
            }
        }
        Attributes s = new Attributes();
        put(s, Tags.SeriesInstanceUID, VR.UI, grid.seriesInstanceUid());
        s.put(DicomElements.sequence(Tags.ReferencedInstanceSequence, instances));
        return s;
    }

    private static byte[] binary(Volume mask) {
        var v = mask.voxels();
        byte[] b = new byte[v.size()];
        if (v.data() instanceof byte[] raw) {
            for (int i = 0; i < b.length; i++) {
                b[i] = raw[i] != 0 ? (byte) 1 : 0;
            }
        } else {
            for (int i = 0; i < b.length; i++) {
                b[i] = v.getDouble(i) != 0 ? (byte) 1 : 0;
            }
        }
        return b;
    }

    private static boolean anySet(byte[] b, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (b[i] != 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    static void put(Attributes a, int tag, VR vr, String... values) {
        a.put(DicomElements.string(tag, vr, values));
    }

}
