// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.scanbase.dicom.Tags;

/**
 * One stack of a DICOM series in volume order, from headers only (no pixel data read): the
 * images ordered along the slice normal, the grid {@link SeriesAssembler} gives the voxels, and
 * the per-slice identities the RT Structure Set and Segmentation code needs (PS3.3 C.8.8.5,
 * C.8.20.2: contours and frames reference the SOPInstanceUID of the slice they lie on).
 *
 * <p>The grid is the one {@code scanbase convert} writes: origin = ImagePositionPatient of slice
 * 0, direction columns = row cosine (i), column cosine (j), slice direction (k: the normal, or
 * the direction of the positions when the gantry is tilted), spacing = [PixelSpacing[1],
 * PixelSpacing[0], step] mm, all LPS (PS3.3 C.7.6.2.1.1). A mask built on {@link #geometry()}
 * therefore lies voxel for voxel on the converted volume.
 *
 * @param seriesUid   (0020,000E) SeriesInstanceUID ("" when absent)
 * @param description (0008,103E) SeriesDescription of the first image ("" when absent)
 * @param modality    (0008,0060) Modality of the first image ("" when absent)
 * @param splitReason what sets this stack apart from the others of its series (e.g.
 *                    {@code "64x48, echo 2"}), "" when the series is a single stack
 * @param slices      the images in volume order: slice k at index k
 * @param geometry    the voxel grid (LPS mm)
 * @param warnings    geometry warnings (non-uniform spacing with its tolerance, missing slices
 *                    and where, gantry tilt angle, non-orthonormal orientation, InstanceNumber
 *                    ordering); {@link SeriesAssembler} in strict mode rejects a stack with any
 */
public record SeriesStack(String seriesUid, String description, String modality, String splitReason,
                          List<SliceInfo> slices, Geometry geometry, List<String> warnings) {
    public SeriesStack {
        Objects.requireNonNull(seriesUid, "seriesUid");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(splitReason, "splitReason");
        Objects.requireNonNull(geometry, "geometry");
        slices = List.copyOf(slices);
        warnings = List.copyOf(warnings);
        if (slices.size() != geometry.size()[2]) {
            throw new IllegalArgumentException(slices.size() + " slices for a grid of " + geometry.size()[2]);
        }
    }

    /**
     * Scans {@code input} (a folder at any depth, or one file), picks the image series (the only
     * one, or the one whose SeriesInstanceUID is {@code seriesUid} when not null) and orders it.
     *
     * @throws SeriesException when there is no image series, several and none picked, the series
     *                         splits into several stacks, or two images share a position
     * @throws IOException     when the folder cannot be listed
     */
    public static SeriesStack find(Path input, String seriesUid) throws IOException {
        DicomSeries series = SeriesScanner.scan(input).pick(seriesUid, input);
        return of(series, SeriesAssembler.onlyStack(series, input));
    }

    /** Every stack of a series, each ordered; see {@link SeriesSplitter} for how they split. */
    public static List<SeriesStack> of(DicomSeries series) throws SeriesException {
        List<SeriesStack> out = new ArrayList<>();
        for (SliceStack s : series.stacks()) {
            out.add(of(series, s));
        }
        return out;
    }

    /** One stack of {@code series}, ordered and with its grid. */
    public static SeriesStack of(DicomSeries series, SliceStack stack) throws SeriesException {
        StackGeometry sg = StackGeometry.of(stack);
        return new SeriesStack(stack.seriesUid(), series.description(), series.modality(), stack.label(),
                sg.slices(), sg.geometry(), sg.problems());
    }

    /** The images as the {@link SeriesAssembler} input (it orders them the same way). */
    public SliceStack toSliceStack() {
        return new SliceStack(seriesUid, splitReason, slices);
    }

    /** Number of slices (nz). */
    public int size() {
        return slices.size();
    }

    /** The file of slice k at index k (a multi-frame file appears once per frame). */
    public List<Path> files() {
        return slices.stream().map(SliceInfo::path).toList();
    }

    /** 0-based frame in its file of slice k at index k (0 for single-frame files). */
    public List<Integer> frames() {
        return slices.stream().map(SliceInfo::frame).toList();
    }

    /**
     * (0008,0018) SOPInstanceUID of slice k at index k ("" when absent); the frames of one
     * enhanced multi-frame file share its UID (tell them apart with {@link #frames()}).
     */
    public List<String> sopInstanceUids() {
        return slices.stream().map(s -> s.dataset().getString(Tags.SOPInstanceUID).orElse("")).toList();
    }

    /**
     * LPS mm of each slice's first voxel (0, 0, k): its own (0020,0032) ImagePositionPatient, or
     * where the grid puts it when the position is missing. Copies.
     */
    public List<double[]> positions() {
        List<double[]> out = new ArrayList<>(slices.size());
        for (int k = 0; k < slices.size(); k++) {
            double[] p = slices.get(k).position();
            out.add(p != null ? p : geometry.voxelToLps(0, 0, k));
        }
        return out;
    }

    /** {@code UID "description" [split reason] (N images)}. */
    public String summary() {
        return seriesUid + " \"" + description + "\"" + (splitReason.isEmpty() ? "" : " [" + splitReason + "]")
                + " (" + slices.size() + " image" + (slices.size() == 1 ? "" : "s") + ")";
    }
}
