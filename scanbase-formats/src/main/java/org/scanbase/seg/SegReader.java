// SPDX-License-Identifier: Apache-2.0
package org.scanbase.seg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomFile;
import org.scanbase.dicom.DicomParseException;
import org.scanbase.dicom.DicomReader;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.pixel.PixelArray;
import org.scanbase.dicom.pixel.PixelDecoder;

/**
 * Reads a DICOM Segmentation (PS3.3 A.51; SOP class Segmentation Storage
 * 1.2.840.10008.5.1.4.1.1.66.4) into a {@link Segmentation}. Each frame's segment, position and
 * source image come from its item of (5200,9230) PerFrameFunctionalGroupsSequence, falling back
 * to (5200,9229) SharedFunctionalGroupsSequence (PS3.3 C.7.6.16). Frames are decoded by
 * {@link PixelDecoder}: BINARY frames are 1-bit, packed LSB first and not byte aligned between
 * frames (frame f starts at bit f x Rows x Columns, PS3.5 8.1.1).
 *
 * <p>Errors ({@link DicomParseException}): not a segmentation, no SegmentSequence or a segment
 * without a number, no PerFrameFunctionalGroupsSequence or a frame count that differs from
 * NumberOfFrames, a frame without SegmentIdentificationSequence, bits allocated that do not fit the
 * segmentation type. Warnings: a frame naming a segment that is not in SegmentSequence (the frame
 * is then ignored when masks are made), an ImagePositionPatient without 3 values.
 */
public final class SegReader {
    /** Segmentation Storage (PS3.4 B.5). */
    public static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";

    private SegReader() {
    }

    /**
     * Reads a file.
     *
     * @throws DicomParseException naming the file, frame and tag path when required content is missing
     * @throws IOException         when the file cannot be read or parsed as DICOM
     */
    public static Segmentation read(Path file) throws IOException {
        DicomFile dcm = DicomReader.read(file);
        Attributes ds = dcm.dataset();
        String sopClass = ds.getString(Tags.SOPClassUID).orElse("");
        String modality = ds.getString(Tags.Modality).orElse("");
        if (!sopClass.equals(SEGMENTATION_STORAGE) && !modality.equals("SEG")) {
            throw new DicomParseException(file, -1, Tags.SOPClassUID, "not a Segmentation: SOPClassUID '" + sopClass
                    + "', Modality '" + modality + "'");
        }
        SegmentationType type = typeOf(file, ds);
        List<String> warnings = new ArrayList<>();
        List<Segment> segments = segments(file, ds);
        int rows = ds.getInt(Tags.Rows, 0);
        int columns = ds.getInt(Tags.Columns, 0);
        int bits = ds.getInt(Tags.BitsAllocated, 0);
        int expectedBits = type == SegmentationType.BINARY ? 1 : 8;
        if (bits != expectedBits) {
            throw new DicomParseException(file, -1, Tags.BitsAllocated, "must be " + expectedBits + " for a " + type
                    + " segmentation, was " + bits);
        }
        int numberOfFrames = ds.getInt(Tags.NumberOfFrames, 1);
        if (!ds.contains(Tags.PerFrameFunctionalGroupsSequence)) {
            throw new DicomParseException(file, -1, Tags.PerFrameFunctionalGroupsSequence, "required sequence is missing");
        }
        List<Attributes> perFrame = ds.getSequence(Tags.PerFrameFunctionalGroupsSequence);
        if (perFrame.size() != numberOfFrames) {
            throw new DicomParseException(file, -1, Tags.PerFrameFunctionalGroupsSequence, "has " + perFrame.size()
                    + " items, (0028,0008) NumberOfFrames is " + numberOfFrames);
        }
        Attributes shared = ds.getItem(Tags.SharedFunctionalGroupsSequence).orElse(new Attributes());
        Set<Integer> numbers = new HashSet<>();
        segments.forEach(s -> numbers.add(s.number()));
        List<SegFrame> frames = new ArrayList<>();
        for (int f = 0; f < perFrame.size(); f++) {
            frames.add(frame(file, f, perFrame.get(f), shared, numbers, warnings));
        }
        double[] orientation = planeOrientation(file, perFrame, shared);
        Optional<Attributes> measures = group(perFrame.isEmpty() ? new Attributes() : perFrame.get(0), shared,
                Tags.PixelMeasuresSequence);
        double[] pixelSpacing = measures.map(m -> m.getDoubles(Tags.PixelSpacing)).orElse(new double[0]);
        if (pixelSpacing.length != 0 && pixelSpacing.length != 2) {
            warnings.add(file + ": (5200,9229) SharedFunctionalGroupsSequence / (0028,9110) PixelMeasuresSequence /"
                    + " (0028,0030) PixelSpacing has " + pixelSpacing.length + " values, needs 2; ignored");
            pixelSpacing = new double[0];
        }
        double sliceSpacing = measures.map(m -> m.getDouble(Tags.SpacingBetweenSlices)
                .orElse(m.getDouble(Tags.SliceThickness).orElse(Double.NaN))).orElse(Double.NaN);
        PixelArray pixels = PixelDecoder.decode(dcm);
        if (pixels.frames() != numberOfFrames || pixels.rows() != rows || pixels.columns() != columns) {
            throw new DicomParseException(file, -1, Tags.PixelData, "decoded to " + Arrays.toString(pixels.shape())
                    + ", expected [" + numberOfFrames + ", " + rows + ", " + columns + ", 1]");
        }
        int maxFractional = type == SegmentationType.BINARY ? 1 : ds.getInt(Tags.MaximumFractionalValue, 0);
        if (maxFractional < 1 || maxFractional > 255) {
            throw new DicomParseException(file, -1, Tags.MaximumFractionalValue, "must be 1..255 for a FRACTIONAL"
                    + " segmentation, was " + ds.getString(Tags.MaximumFractionalValue).orElse("(absent)"));
        }
        return new Segmentation(file, ds.getString(Tags.SOPInstanceUID).orElse(""),
                ds.getString(Tags.StudyInstanceUID).orElse(""), ds.getString(Tags.FrameOfReferenceUID).orElse(""),
                referencedSeries(ds), sourceSopClass(ds, perFrame), type,
                type == SegmentationType.BINARY ? "" : ds.getString(Tags.SegmentationFractionalType).orElse(""),
                maxFractional, rows, columns, orientation, pixelSpacing, sliceSpacing, segments, frames, pixels,
                warnings);
    }

    private static SegmentationType typeOf(Path file, Attributes ds) throws DicomParseException {
        String t = ds.getString(Tags.SegmentationType).orElse("");
        try {
            return SegmentationType.fromCode(t);
        } catch (IllegalArgumentException e) {
            throw new DicomParseException(file, -1, Tags.SegmentationType, "must be BINARY or FRACTIONAL, was '" + t + "'");
        }
    }

    private static List<Segment> segments(Path file, Attributes ds) throws DicomParseException {
        if (!ds.contains(Tags.SegmentSequence) || ds.getSequence(Tags.SegmentSequence).isEmpty()) {
            throw new DicomParseException(file, -1, Tags.SegmentSequence, "required sequence is missing or empty");
        }
        List<Segment> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        List<Attributes> items = ds.getSequence(Tags.SegmentSequence);
        for (int i = 0; i < items.size(); i++) {
            Attributes it = items.get(i);
            int number = it.getInt(Tags.SegmentNumber, -1);
            if (number < 1) {
                throw new DicomParseException(file, -1, Tags.SegmentNumber, "(0062,0002) SegmentSequence item " + (i + 1)
                        + ": (0062,0004) SegmentNumber is missing or < 1");
            }
            if (!seen.add(number)) {
                throw new DicomParseException(file, -1, Tags.SegmentNumber, "(0062,0002) SegmentSequence item " + (i + 1)
                        + ": (0062,0004) SegmentNumber " + number + " is used by an earlier segment");
            }
            int[] lab = it.getInts(Tags.RecommendedDisplayCIELabValue);
            out.add(new Segment(number, it.getString(Tags.SegmentLabel).orElse(""),
                    it.getString(Tags.SegmentDescription).orElse(""), it.getString(Tags.SegmentAlgorithmType).orElse(""),
                    it.getString(Tags.SegmentAlgorithmName).orElse(""),
                    Code.of(it, Tags.SegmentedPropertyCategoryCodeSequence),
                    Code.of(it, Tags.SegmentedPropertyTypeCodeSequence), lab.length == 3 ? lab : new int[0]));
        }
        return out;
    }

    private static SegFrame frame(Path file, int f, Attributes item, Attributes shared, Set<Integer> numbers,
                                  List<String> warnings) throws DicomParseException {
        String where = "frame " + (f + 1) + ": (5200,9230) PerFrameFunctionalGroupsSequence item " + (f + 1);
        Attributes id = group(item, shared, Tags.SegmentIdentificationSequence).orElseThrow(() ->
                new DicomParseException(file, -1, Tags.SegmentIdentificationSequence, where
                        + " / (0062,000A) SegmentIdentificationSequence is missing (and not shared)"));
        int number = id.getInt(Tags.ReferencedSegmentNumber, -1);
        if (number < 0) {
            throw new DicomParseException(file, -1, Tags.ReferencedSegmentNumber, where
                    + " / (0062,000A) SegmentIdentificationSequence / (0062,000B) ReferencedSegmentNumber is missing");
        }
        if (!numbers.contains(number)) {
            warnings.add(file + ": " + where + " / (0062,000A) SegmentIdentificationSequence / (0062,000B)"
                    + " ReferencedSegmentNumber " + number + " is not in (0062,0002) SegmentSequence; frame ignored");
        }
        double[] position = group(item, shared, Tags.PlanePositionSequence)
                .map(p -> p.getDoubles(Tags.ImagePositionPatient)).orElse(null);
        if (position != null && position.length != 3) {
            warnings.add(file + ": " + where + " / (0020,9113) PlanePositionSequence / (0020,0032)"
                    + " ImagePositionPatient has " + position.length + " values, needs 3; ignored");
            position = null;
        }
        String source = "";
        for (Attributes d : item.getSequence(Tags.DerivationImageSequence)) {
            for (Attributes s : d.getSequence(Tags.SourceImageSequence)) {
                Optional<String> uid = s.getString(Tags.ReferencedSOPInstanceUID);
                if (uid.isPresent() && source.isEmpty()) {
                    source = uid.get();
                }
            }
        }
        return new SegFrame(f, number, position, source);
    }

    /** A functional group's first item: the frame's own, else the shared one. */
    private static Optional<Attributes> group(Attributes perFrame, Attributes shared, int tag) {
        Optional<Attributes> own = perFrame.getItem(tag);
        return own.isPresent() ? own : shared.getItem(tag);
    }

    /** Shared orientation, else frame 1's; every frame must agree. */
    private static double[] planeOrientation(Path file, List<Attributes> perFrame, Attributes shared)
            throws DicomParseException {
        double[] first = null;
        for (int f = 0; f < Math.max(1, perFrame.size()); f++) {
            Attributes item = perFrame.isEmpty() ? new Attributes() : perFrame.get(f);
            double[] o = group(item, shared, Tags.PlaneOrientationSequence)
                    .map(p -> p.getDoubles(Tags.ImageOrientationPatient)).orElse(new double[0]);
            if (o.length != 6 && o.length != 0) {
                throw new DicomParseException(file, -1, Tags.ImageOrientationPatient, "frame " + (f + 1)
                        + ": (0020,9116) PlaneOrientationSequence / (0020,0037) ImageOrientationPatient has "
                        + o.length + " values, needs 6");
            }
            if (first == null) {
                first = o;
            } else if (!Arrays.equals(first, o)) {
                for (int a = 0; a < Math.max(first.length, o.length); a++) {
                    if (first.length != o.length || Math.abs(first[a] - o[a]) > 1e-4) {
                        throw new DicomParseException(file, -1, Tags.ImageOrientationPatient, "frame " + (f + 1)
                                + ": (0020,9116) PlaneOrientationSequence / (0020,0037) ImageOrientationPatient "
                                + Arrays.toString(o) + " differs from frame 1's " + Arrays.toString(first));
                    }
                }
            }
        }
        return first == null ? new double[0] : first;
    }

    private static String referencedSeries(Attributes ds) {
        return ds.getItem(Tags.ReferencedSeriesSequence).flatMap(s -> s.getString(Tags.SeriesInstanceUID)).orElse("");
    }

    private static String sourceSopClass(Attributes ds, List<Attributes> perFrame) {
        Optional<String> fromSeries = ds.getItem(Tags.ReferencedSeriesSequence)
                .flatMap(s -> s.getItem(Tags.ReferencedInstanceSequence))
                .flatMap(i -> i.getString(Tags.ReferencedSOPClassUID));
        if (fromSeries.isPresent()) {
            return fromSeries.get();
        }
        for (Attributes item : perFrame) {
            Optional<String> c = item.getItem(Tags.DerivationImageSequence)
                    .flatMap(d -> d.getItem(Tags.SourceImageSequence))
                    .flatMap(s -> s.getString(Tags.ReferencedSOPClassUID));
            if (c.isPresent()) {
                return c.get();
            }
        }
        return "";
    }
}
