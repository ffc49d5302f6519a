// SPDX-License-Identifier: Apache-2.0
package org.scanbase.seg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.scanbase.dicom.pixel.PixelArray;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.volume.Geometry;

/**
 * A DICOM Segmentation (PS3.3 A.51, Segmentation Image Module C.8.20.2) as read by
 * {@link SegReader}: its segments, what each frame's functional groups say, and the decoded frames.
 *
 * @param file                 where it was read from (for messages)
 * @param sopInstanceUid       (0008,0018)
 * @param studyInstanceUid     (0020,000D)
 * @param frameOfReferenceUid  (0020,0052), "" when absent
 * @param referencedSeriesUid  (0008,1115) ReferencedSeriesSequence / (0020,000E) of the first item, ""
 * @param sourceSopClassUid    (0008,1150) ReferencedSOPClassUID of the source images, "" when unknown
 * @param type                 (0062,0001) SegmentationType
 * @param fractionalType       (0062,0010) SegmentationFractionalType (PROBABILITY, OCCUPANCY), "" for BINARY
 * @param maxFractionalValue   (0062,000E) MaximumFractionalValue; 1 for BINARY
 * @param rows                 (0028,0010) Rows
 * @param columns              (0028,0011) Columns
 * @param orientation          (0020,9116) PlaneOrientationSequence / (0020,0037): row then column
 *                             direction cosines in LPS (6 values), or empty when absent
 * @param pixelSpacing         (0028,9110) PixelMeasuresSequence / (0028,0030): row spacing, column
 *                             spacing in mm (PS3.3 10.7.1.3), or empty when absent
 * @param sliceSpacing         (0018,0088) SpacingBetweenSlices in PixelMeasuresSequence, else
 *                             (0018,0050) SliceThickness, in mm; NaN when neither is present
 * @param segments             (0062,0002) SegmentSequence, in file order
 * @param frames               one per frame, in frame order
 * @param pixels               the decoded frames, uint8 {@code [frames, rows, columns, 1]}: 0/1 for
 *                             BINARY, 0..MaximumFractionalValue for FRACTIONAL
 * @param warnings             problems let pass while reading, naming file, frame and tag path
 */
public record Segmentation(Path file, String sopInstanceUid, String studyInstanceUid, String frameOfReferenceUid,
                           String referencedSeriesUid, String sourceSopClassUid, SegmentationType type,
                           String fractionalType, int maxFractionalValue, int rows, int columns, double[] orientation,
                           double[] pixelSpacing, double sliceSpacing, List<Segment> segments, List<SegFrame> frames,
                           PixelArray pixels, List<String> warnings) {
    public Segmentation {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(pixels, "pixels");
        orientation = orientation.clone();
        pixelSpacing = pixelSpacing.clone();
        segments = List.copyOf(segments);
        frames = List.copyOf(frames);
        warnings = List.copyOf(warnings);
    }

    @Override
    public double[] orientation() {
        return orientation.clone();
    }

    @Override
    public double[] pixelSpacing() {
        return pixelSpacing.clone();
    }

    /** The segment with a number. */
    public Optional<Segment> segment(int number) {
        return segments.stream().filter(s -> s.number() == number).findFirst();
    }

    /** The uint8 values of all frames, frame by frame, row by row (shared, not copied). */
    byte[] frameData() {
        return (byte[]) pixels.values().data();
    }

    /**
     * The segments on a series' grid: one mask per segment and a combined label volume. Frames are
     * placed by their source image's SOP instance UID when it is a slice of the grid, else by
     * their ImagePositionPatient (projected on the slice normal, within half a slice spacing).
     *
     * @throws SegException when the grid has another frame of reference, size, orientation or spacing
     */
    public SegMasks masks(ReferencedGrid grid) {
        return SegFramePlacer.place(this, grid);
    }

    /** The segments on {@link #ownGrid()}. */
    public SegMasks masks() {
        return masks(ownGrid());
    }

    /**
     * The grid spanned by the segmentation's own frames, for when the source series is not at
     * hand: orientation and pixel spacing from the functional groups, slices from the lowest to
     * the highest frame position along the normal, spaced by {@link #sliceSpacing()} when every gap
     * between frame positions is a whole multiple of it, else by the smallest gap, else 1 mm. Slices that no frame
     * lies on are part of the grid (empty in every mask); a slice's SOP instance UID is that of
     * the source image its frames name, "" when none does.
     *
     * @throws SegException when orientation, pixel spacing or a frame position is missing
     */
    public ReferencedGrid ownGrid() {
        if (orientation.length != 6) {
            throw new SegException(file + ": (5200,9229) SharedFunctionalGroupsSequence / (0020,9116)"
                    + " PlaneOrientationSequence / (0020,0037) ImageOrientationPatient is missing; cannot build a grid");
        }
        if (pixelSpacing.length != 2) {
            throw new SegException(file + ": (5200,9229) SharedFunctionalGroupsSequence / (0028,9110)"
                    + " PixelMeasuresSequence / (0028,0030) PixelSpacing is missing; cannot build a grid");
        }
        double[] r = Arrays.copyOfRange(orientation, 0, 3);
        double[] c = Arrays.copyOfRange(orientation, 3, 6);
        double[] n = SegFramePlacer.cross(r, c);
        double[] along = new double[frames.size()];
        int lowest = -1;
        for (SegFrame f : frames) {
            if (f.position() == null) {
                throw new SegException(file + ": frame " + (f.index() + 1) + ": (5200,9230) PerFrameFunctionalGroupsSequence"
                        + " / (0020,9113) PlanePositionSequence / (0020,0032) ImagePositionPatient is missing;"
                        + " cannot build a grid");
            }
            along[f.index()] = SegFramePlacer.dot(f.position(), n);
            if (lowest < 0 || along[f.index()] < along[lowest]) {
                lowest = f.index();
            }
        }
        if (lowest < 0) {
            throw new SegException(file + ": no frames; cannot build a grid");
        }
        double[] sorted = along.clone();
        Arrays.sort(sorted);
        double minGap = Double.NaN;
        for (int i = 1; i < sorted.length; i++) {
            double gap = sorted[i] - sorted[i - 1];
            if (gap > 1e-3 && !(gap >= minGap)) {
                minGap = gap;
            }
        }
        double dz = multipleOfAllGaps(sorted, sliceSpacing) ? sliceSpacing : !Double.isNaN(minGap) ? minGap : 1.0;
        int nz = (int) Math.round((sorted[sorted.length - 1] - sorted[0]) / dz) + 1;
        double[] origin = frames.get(lowest).position();
        double[] dir = {r[0], c[0], n[0], r[1], c[1], n[1], r[2], c[2], n[2]};
        Geometry g = new Geometry(new int[] {columns, rows, nz}, new double[] {pixelSpacing[1], pixelSpacing[0], dz},
                origin, dir);
        List<String> uids = new ArrayList<>(java.util.Collections.nCopies(nz, ""));
        for (SegFrame f : frames) {
            int k = (int) Math.round((along[f.index()] - sorted[0]) / dz);
            if (uids.get(k).isEmpty()) {
                uids.set(k, f.sourceSopInstanceUid());
            }
        }
        return ReferencedGrid.regular(g, uids, sourceSopClassUid, frameOfReferenceUid, referencedSeriesUid,
                studyInstanceUid);
    }

    /** True when {@code dz} is positive and every gap between sorted positions is a whole multiple of it (to 1%). */
    private static boolean multipleOfAllGaps(double[] sorted, double dz) {
        if (!(dz > 0)) {
            return false;
        }
        for (int i = 1; i < sorted.length; i++) {
            double m = (sorted[i] - sorted[i - 1]) / dz;
            if (Math.abs(m - Math.rint(m)) > 0.01) {
                return false;
            }
        }
        return true;
    }
}
