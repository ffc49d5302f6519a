// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import java.util.List;
import java.util.Objects;

/**
 * One region of interest of a structure set, joined from the three sequences that describe it
 * (PS3.3 C.8.8.5 Structure Set, C.8.8.6 ROI Contour, C.8.8.8 RT ROI Observations).
 *
 * @param number                      (3006,0022) ROINumber, unique in the structure set
 * @param name                        (3006,0026) ROIName ("" when absent)
 * @param frameOfReferenceUid         (3006,0024) ReferencedFrameOfReferenceUID
 * @param generationAlgorithm         (3006,0036) ROIGenerationAlgorithm (AUTOMATIC, SEMIAUTOMATIC,
 *                                    MANUAL) or ""
 * @param interpretedType             (3006,00A4) RTROIInterpretedType (ORGAN, PTV, EXTERNAL...) or ""
 * @param displayColor                (3006,002A) ROIDisplayColor as r, g, b (0-255), or empty
 * @param contours                    (3006,0040) ContourSequence of the matching ROIContourSequence item
 */
public record Roi(int number, String name, String frameOfReferenceUid, String generationAlgorithm,
                  String interpretedType, int[] displayColor, List<Contour> contours) {

    public Roi {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(frameOfReferenceUid, "frameOfReferenceUid");
        Objects.requireNonNull(generationAlgorithm, "generationAlgorithm");
        Objects.requireNonNull(interpretedType, "interpretedType");
        if (displayColor.length != 0 && displayColor.length != 3) {
            throw new IllegalArgumentException("(3006,002A) ROIDisplayColor of ROI " + number
                    + " needs 3 values, has " + displayColor.length);
        }
        displayColor = displayColor.clone();
        contours = List.copyOf(contours);
    }

    @Override
    public int[] displayColor() {
        return displayColor.clone();
    }

    /** The contours of one geometric type. */
    public List<Contour> contoursOfType(ContourType type) {
        return contours.stream().filter(c -> c.type() == type).toList();
    }
}
