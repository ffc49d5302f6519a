// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.scanbase.volume.Volume;

/**
 * The masks of a structure set on a series' grid.
 *
 * @param masks       one per ROI, in structure set order
 * @param labels      all ROIs in one label volume: voxel value = ROI number (0 = no ROI); where ROIs
 *                    overlap the ROI that comes later in (3006,0020) StructureSetROISequence wins.
 *                    uint8 when every ROI number is at most 255, else uint16
 * @param maskTargets label value (ROI number) -> ROI name, for the label volume
 * @param warnings    what was let pass while rasterising, naming ROI and contour
 */
public record RoiMasks(List<RoiMask> masks, Volume labels, Map<Integer, String> maskTargets, List<String> warnings) {

    public RoiMasks {
        masks = List.copyOf(masks);
        Objects.requireNonNull(labels, "labels");
        maskTargets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(maskTargets));
        warnings = List.copyOf(warnings);
    }

    /** The mask of the ROI with a number. */
    public Optional<RoiMask> mask(int roiNumber) {
        return masks.stream().filter(m -> m.roiNumber() == roiNumber).findFirst();
    }

    /** The mask of the ROI with a name (the first when several share it). */
    public Optional<RoiMask> mask(String name) {
        return masks.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * One ROI's mask.
     *
     * @param roiNumber (3006,0022) ROINumber
     * @param name      (3006,0026) ROIName
     * @param mask      uint8 label volume on the series grid: 1 inside, 0 outside
     * @param voxels      number of voxels set
     * @param sliceVoxels number of voxels set on each slice k of the grid ({@code nz} counts
     *                    adding up to {@code voxels}), so that a caller need not scan empty slices
     * @param marks       the ROI's POINT and OPEN contours, not filled
     */
    public record RoiMask(int roiNumber, String name, Volume mask, long voxels, long[] sliceVoxels,
                          List<ContourMark> marks) {
        public RoiMask {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mask, "mask");
            sliceVoxels = sliceVoxels.clone();
            marks = List.copyOf(marks);
        }

        /** The voxels set on each slice (a copy). */
        @Override
        public long[] sliceVoxels() {
            return sliceVoxels.clone();
        }

        /** The voxels set on slice {@code k} (0 = first slice of the grid). */
        public long sliceVoxels(int k) {
            return sliceVoxels[k];
        }

        /** The volume of the mask in mL (voxel count x voxel volume of the grid). */
        public double volumeMl() {
            double[] s = mask.geometry().spacing();
            return voxels * s[0] * s[1] * s[2] / 1000.0;
        }
    }
}
