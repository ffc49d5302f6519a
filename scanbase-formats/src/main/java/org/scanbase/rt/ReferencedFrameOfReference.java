// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import java.util.List;
import java.util.Objects;

/**
 * One item of (3006,0010) ReferencedFrameOfReferenceSequence (PS3.3 C.8.8.5): a frame of
 * reference and the series and images in it that the structure set was drawn on.
 *
 * @param frameOfReferenceUid (0020,0052) FrameOfReferenceUID
 * @param seriesInstanceUids  (0020,000E) of each (3006,0014) RTReferencedSeriesSequence item
 * @param sopInstanceUids     (0008,1155) of every (3006,0016) ContourImageSequence item of those series
 */
public record ReferencedFrameOfReference(String frameOfReferenceUid, List<String> seriesInstanceUids,
                                         List<String> sopInstanceUids) {
    public ReferencedFrameOfReference {
        Objects.requireNonNull(frameOfReferenceUid, "frameOfReferenceUid");
        seriesInstanceUids = List.copyOf(seriesInstanceUids);
        sopInstanceUids = List.copyOf(sopInstanceUids);
    }
}
