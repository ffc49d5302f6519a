// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An RT Structure Set (PS3.3 A.19, C.8.8.5-C.8.8.8) as typed values: the frames of reference and
 * images it refers to and its ROIs with their contours. Validated on construction: ROI numbers
 * are unique. Lists are never null.
 *
 * @param sopInstanceUid     (0008,0018) of the structure set itself
 * @param label              (3006,0002) StructureSetLabel ("" when absent)
 * @param framesOfReference  (3006,0010) ReferencedFrameOfReferenceSequence
 * @param rois               the ROIs in (3006,0020) StructureSetROISequence order
 */
public record RtStructureSet(String sopInstanceUid, String label, List<ReferencedFrameOfReference> framesOfReference,
                             List<Roi> rois) {

    public RtStructureSet {
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(label, "label");
        framesOfReference = List.copyOf(framesOfReference);
        rois = List.copyOf(rois);
        Set<Integer> seen = new HashSet<>();
        for (Roi r : rois) {
            if (!seen.add(r.number())) {
                throw new IllegalArgumentException("(3006,0022) ROINumber " + r.number() + " is used by more than one ROI");
            }
        }
    }

    /** The ROI with a number. */
    public Optional<Roi> roi(int number) {
        return rois.stream().filter(r -> r.number() == number).findFirst();
    }

    /** The ROI with a name (the first when several share it). */
    public Optional<Roi> roi(String name) {
        return rois.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** Every referenced SOP instance UID of (3006,0010), over all frames of reference. */
    public List<String> referencedSopInstanceUids() {
        return framesOfReference.stream().flatMap(f -> f.sopInstanceUids().stream()).toList();
    }
}
