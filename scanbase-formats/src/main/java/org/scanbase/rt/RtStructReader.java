// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomFile;
import org.scanbase.dicom.DicomParseException;
import org.scanbase.dicom.DicomReader;
import org.scanbase.dicom.Tags;

/**
 * Reads an RT Structure Set (PS3.3 A.19) into an {@link RtStructureSet}. The three sequences that
 * describe an ROI are joined by ROI number: (3006,0020) StructureSetROISequence (required: without
 * it the file is rejected), (3006,0039) ROIContourSequence and (3006,0080) RTROIObservationsSequence.
 *
 * <p>Lenient where a contour can still be used, strict where it cannot, and never silent: a
 * contour whose (3006,0046) NumberOfContourPoints disagrees with its (3006,0050) ContourData is
 * kept with the data's count and a warning; one whose data is not x/y/z triplets, holds NaN or
 * infinite values or is not a number is dropped with a warning; an unknown geometric type drops
 * the contour with a warning. Every warning names the file and the path through the sequences.
 */
public final class RtStructReader {
    /** RT Structure Set Storage (PS3.4 B.5). */
    public static final String RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3";

    private RtStructReader() {
    }

    /**
     * A structure set and what was wrong with it.
     *
     * @param structureSet the typed content
     * @param warnings     problems that were let pass, each naming file and tag path
     */
    public record Result(RtStructureSet structureSet, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Reads a file.
     *
     * @throws DicomParseException when the file is not an RT Structure Set or lacks
     *                             (3006,0020) StructureSetROISequence or an ROI number
     * @throws IOException         when the file cannot be read or parsed as DICOM
     */
    public static Result read(Path file) throws IOException {
        DicomFile dcm = DicomReader.read(file);
        return read(file, dcm.dataset());
    }

    /** Reads an already parsed data set; {@code file} is only used in messages. */
    public static Result read(Path file, Attributes ds) throws DicomParseException {
        String sopClass = ds.getString(Tags.SOPClassUID).orElse("");
        String modality = ds.getString(Tags.Modality).orElse("");
        if (!sopClass.equals(RT_STRUCTURE_SET_STORAGE) && !modality.equals("RTSTRUCT")) {
            throw new DicomParseException(file, -1, Tags.SOPClassUID, "not an RT Structure Set: SOPClassUID '"
                    + sopClass + "', Modality '" + modality + "'");
        }
        if (!ds.contains(Tags.StructureSetROISequence)) {
            throw new DicomParseException(file, -1, Tags.StructureSetROISequence, "required sequence is missing");
        }
        List<String> warnings = new ArrayList<>();
        Map<Integer, RoiBuilder> rois = new LinkedHashMap<>();
        List<Attributes> ssRois = ds.getSequence(Tags.StructureSetROISequence);
        for (int i = 0; i < ssRois.size(); i++) {
            Attributes item = ssRois.get(i);
            int number = roiNumber(file, item, Tags.ROINumber, "(3006,0020) StructureSetROISequence item " + (i + 1));
            RoiBuilder b = new RoiBuilder(number);
            b.name = item.getString(Tags.ROIName).orElse("");
            b.frameOfReferenceUid = item.getString(Tags.ReferencedFrameOfReferenceUID).orElse("");
            b.generationAlgorithm = item.getString(Tags.ROIGenerationAlgorithm).orElse("");
            if (rois.put(number, b) != null) {
                throw new DicomParseException(file, -1, Tags.ROINumber, "(3006,0020) StructureSetROISequence item "
                        + (i + 1) + ": ROI number " + number + " is used twice");
            }
        }
        if (!ds.contains(Tags.ROIContourSequence)) {
            warnings.add(file + ": (3006,0039) ROIContourSequence is missing: the ROIs have no contours");
        }
        List<Attributes> roiContours = ds.getSequence(Tags.ROIContourSequence);
        for (int i = 0; i < roiContours.size(); i++) {
            readRoiContour(file, roiContours.get(i), i + 1, rois, warnings);
        }
        List<Attributes> observations = ds.getSequence(Tags.RTROIObservationsSequence);
        for (int i = 0; i < observations.size(); i++) {
            Attributes item = observations.get(i);
            OptionalInt ref = safeInt(item, Tags.ReferencedROINumber);
            if (ref.isEmpty() || !rois.containsKey(ref.getAsInt())) {
                warnings.add(file + ": (3006,0080) RTROIObservationsSequence item " + (i + 1)
                        + ": (3006,0084) ReferencedROINumber " + (ref.isEmpty() ? "is missing" : ref.getAsInt()
                        + " names no ROI") + "; ignored");
                continue;
            }
            rois.get(ref.getAsInt()).interpretedType = item.getString(Tags.RTROIInterpretedType).orElse("");
        }
        List<Roi> built = new ArrayList<>();
        for (RoiBuilder b : rois.values()) {
            built.add(b.build());
        }
        RtStructureSet set = new RtStructureSet(ds.getString(Tags.SOPInstanceUID).orElse(""),
                ds.getString(Tags.StructureSetLabel).orElse(""), framesOfReference(ds), built);
        return new Result(set, warnings);
    }

    private static void readRoiContour(Path file, Attributes item, int index, Map<Integer, RoiBuilder> rois,
                                       List<String> warnings) throws DicomParseException {
        String where = "(3006,0039) ROIContourSequence item " + index;
        int number = roiNumber(file, item, Tags.ReferencedROINumber, where);
        RoiBuilder b = rois.get(number);
        if (b == null) {
            warnings.add(file + ": " + where + ": (3006,0084) ReferencedROINumber " + number
                    + " names no ROI of (3006,0020) StructureSetROISequence; its contours are ignored");
            return;
        }
        try {
            int[] colour = item.getInts(Tags.ROIDisplayColor);
            if (colour.length == 3) {
                b.displayColor = colour;
            } else if (colour.length != 0) {
                warnings.add(file + ": " + where + ": (3006,002A) ROIDisplayColor has " + colour.length
                        + " values, not 3; ignored");
            }
        } catch (IllegalArgumentException e) {
            warnings.add(file + ": " + where + ": " + e.getMessage() + "; ignored");
        }
        List<Attributes> contours = item.getSequence(Tags.ContourSequence);
        for (int c = 0; c < contours.size(); c++) {
            Contour contour = readContour(file, contours.get(c), where + " > (3006,0040) ContourSequence item "
                    + (c + 1), warnings);
            if (contour != null) {
                b.contours.add(contour);
            }
        }
    }

    /** One contour, or null (with a warning) when it cannot be used. */
    private static Contour readContour(Path file, Attributes item, String where, List<String> warnings) {
        ContourType type;
        try {
            type = ContourType.fromCode(item.getString(Tags.ContourGeometricType).orElse(""));
        } catch (IllegalArgumentException e) {
            warnings.add(file + ": " + where + ": " + e.getMessage() + "; contour skipped");
            return null;
        }
        double[] data;
        try {
            data = item.getDoubles(Tags.ContourData);
        } catch (IllegalArgumentException e) {
            warnings.add(file + ": " + where + ": " + e.getMessage() + "; contour skipped");
            return null;
        }
        if (data.length == 0 || data.length % 3 != 0) {
            warnings.add(file + ": " + where + ": (3006,0050) ContourData has " + data.length
                    + " values, not a non-zero multiple of 3; contour skipped");
            return null;
        }
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                warnings.add(file + ": " + where + ": (3006,0050) ContourData value " + (i + 1) + " is " + data[i]
                        + "; contour skipped");
                return null;
            }
        }
        OptionalInt declared = safeInt(item, Tags.NumberOfContourPoints);
        if (declared.isPresent() && declared.getAsInt() != data.length / 3) {
            warnings.add(file + ": " + where + ": (3006,0046) NumberOfContourPoints is " + declared.getAsInt()
                    + " but (3006,0050) ContourData holds " + data.length / 3 + " points; the data's count is used");
        }
        List<String> refs = new ArrayList<>();
        for (Attributes img : item.getSequence(Tags.ContourImageSequence)) {
            img.getString(Tags.ReferencedSOPInstanceUID).ifPresent(refs::add);
        }
        return new Contour(type, data, refs, safeInt(item, Tags.ContourNumber).orElse(0));
    }

    private static List<ReferencedFrameOfReference> framesOfReference(Attributes ds) {
        List<ReferencedFrameOfReference> out = new ArrayList<>();
        for (Attributes f : ds.getSequence(Tags.ReferencedFrameOfReferenceSequence)) {
            List<String> series = new ArrayList<>();
            List<String> sops = new ArrayList<>();
            for (Attributes study : f.getSequence(Tags.RTReferencedStudySequence)) {
                for (Attributes s : study.getSequence(Tags.RTReferencedSeriesSequence)) {
                    s.getString(Tags.SeriesInstanceUID).ifPresent(series::add);
                    for (Attributes img : s.getSequence(Tags.ContourImageSequence)) {
                        img.getString(Tags.ReferencedSOPInstanceUID).ifPresent(sops::add);
                    }
                }
            }
            out.add(new ReferencedFrameOfReference(f.getString(Tags.FrameOfReferenceUID).orElse(""), series, sops));
        }
        return out;
    }

    private static int roiNumber(Path file, Attributes item, int tag, String where) throws DicomParseException {
        OptionalInt n = safeInt(item, tag);
        if (n.isEmpty()) {
            throw new DicomParseException(file, -1, tag, where + ": ROI number is missing or not an integer");
        }
        return n.getAsInt();
    }

    private static OptionalInt safeInt(Attributes item, int tag) {
        try {
            return item.getInt(tag);
        } catch (IllegalArgumentException e) {
            return OptionalInt.empty();
        }
    }

    /** Collects the parts of one ROI while the three sequences are read. */
    private static final class RoiBuilder {
        final int number;
        String name = "";
        String frameOfReferenceUid = "";
        String generationAlgorithm = "";
        String interpretedType = "";
        int[] displayColor = new int[0];
        final List<Contour> contours = new ArrayList<>();

        RoiBuilder(int number) {
            this.number = number;
        }

        Roi build() {
            return new Roi(number, name, frameOfReferenceUid, generationAlgorithm, interpretedType, displayColor,
                    contours);
        }
    }
}
