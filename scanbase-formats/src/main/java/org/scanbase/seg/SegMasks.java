// SPDX-License-Identifier: Apache-2.0
package org.scanbase.seg;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.scanbase.volume.Volume;

/**
 * The segments of a segmentation placed on a series' grid.
 *
 * @param masks       one per segment, in (0062,0002) SegmentSequence order
 * @param labels      all segments in one label volume: voxel value = segment number (0 = none);
 *                    where segments overlap, the one later in SegmentSequence wins; a FRACTIONAL
 *                    segment counts where its fraction is at least 0.5. uint8 when every segment
 *                    number is at most 255, else uint16
 * @param maskTargets label value (segment number) -> segment label, for the label volume
 * @param warnings    frames that were skipped or placed by one rule against another, naming file,
 *                    frame number and tag path
 */
public record SegMasks(List<SegMask> masks, Volume labels, Map<Integer, String> maskTargets, List<String> warnings) {
    public SegMasks {
        masks = List.copyOf(masks);
        Objects.requireNonNull(labels, "labels");
        maskTargets = Collections.unmodifiableMap(new LinkedHashMap<>(maskTargets));
        warnings = List.copyOf(warnings);
    }

    /** The mask of the segment with a number. */
    public Optional<SegMask> mask(int segmentNumber) {
        return masks.stream().filter(m -> m.segmentNumber() == segmentNumber).findFirst();
    }

    /**
     * One segment on the grid.
     *
     * @param segmentNumber (0062,0004) SegmentNumber
     * @param label         (0062,0005) SegmentLabel
     * @param mask          uint8 volume on the grid. BINARY: 0 or 1. FRACTIONAL: the stored value
     *                      0..MaximumFractionalValue, with {@link Volume#slope()} = 1 / MaximumFractionalValue,
     *                      so {@link Volume#real(int, int, int)} is the fraction 0..1
     * @param voxels        number of non-zero voxels
     */
    public record SegMask(int segmentNumber, String label, Volume mask, long voxels) {
        public SegMask {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(mask, "mask");
        }

        /** The volume of the non-zero voxels in mL. */
        public double volumeMl() {
            double[] s = mask.geometry().spacing();
            return voxels * s[0] * s[1] * s[2] / 1000.0;
        }
    }
}
