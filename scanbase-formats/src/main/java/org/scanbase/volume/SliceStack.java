// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.util.List;

/**
 * Images of one series that share size, orientation, echo, temporal position and acquisition
 * (when those separate repeated positions): the input of {@link SeriesAssembler}.
 *
 * @param seriesUid the series' SeriesInstanceUID
 * @param label     what sets this stack apart from the others of its series, e.g.
 *                  {@code "64x48, echo 2"}; "" when the series is one stack
 * @param slices    the images, in no particular order
 */
public record SliceStack(String seriesUid, String label, List<SliceInfo> slices) {
    public SliceStack {
        slices = List.copyOf(slices);
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("a stack needs at least one image");
        }
    }

    /** {@code UID [label] (N images)}. */
    public String summary() {
        return seriesUid + (label.isEmpty() ? "" : " [" + label + "]") + " (" + slices.size() + " images)";
    }
}
