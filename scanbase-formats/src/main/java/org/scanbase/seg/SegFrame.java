// SPDX-License-Identifier: Apache-2.0
package org.scanbase.seg;

import java.util.Objects;

/**
 * What the per-frame functional groups (5200,9230) say about one frame of a segmentation
 * (PS3.3 C.7.6.16, C.8.20.3).
 *
 * @param index                 0-based frame number (frame {@code index + 1} in DICOM terms)
 * @param segmentNumber         (0062,000A) SegmentIdentificationSequence / (0062,000B) ReferencedSegmentNumber
 * @param position              (0020,9113) PlanePositionSequence / (0020,0032) ImagePositionPatient,
 *                              LPS mm of the frame's first pixel centre, or null when absent
 * @param sourceSopInstanceUid  (0008,9124) DerivationImageSequence / (0008,2112) SourceImageSequence /
 *                              (0008,1155) ReferencedSOPInstanceUID, "" when absent
 */
public record SegFrame(int index, int segmentNumber, double[] position, String sourceSopInstanceUid) {
    public SegFrame {
        Objects.requireNonNull(sourceSopInstanceUid, "sourceSopInstanceUid");
        position = position == null ? null : position.clone();
    }

    @Override
    public double[] position() {
        return position == null ? null : position.clone();
    }
}
