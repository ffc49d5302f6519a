// SPDX-License-Identifier: Apache-2.0
package org.scanbase.seg;

import java.util.Objects;
import java.util.Optional;

/**
 * One item of (0062,0002) SegmentSequence (PS3.3 C.8.20.2, Segment Description Macro C.8.20.4).
 *
 * @param number        (0062,0004) SegmentNumber, 1..65535
 * @param label         (0062,0005) SegmentLabel
 * @param description   (0062,0006) SegmentDescription, "" when absent
 * @param algorithmType (0062,0008) SegmentAlgorithmType: MANUAL, SEMIAUTOMATIC or AUTOMATIC
 * @param algorithmName (0062,0009) SegmentAlgorithmName, "" when absent
 * @param category      (0062,0003) SegmentedPropertyCategoryCodeSequence, when present
 * @param type          (0062,000F) SegmentedPropertyTypeCodeSequence, when present
 * @param cieLab        (0062,000D) RecommendedDisplayCIELabValue as encoded (3 values 0..65535), or empty
 */
public record Segment(int number, String label, String description, String algorithmType, String algorithmName,
                      Optional<Code> category, Optional<Code> type, int[] cieLab) {
    public Segment {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(algorithmType, "algorithmType");
        Objects.requireNonNull(algorithmName, "algorithmName");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
        if (cieLab.length != 0 && cieLab.length != 3) {
            throw new IllegalArgumentException("segment " + number + ": (0062,000D) RecommendedDisplayCIELabValue needs"
                    + " 3 values, has " + cieLab.length);
        }
        cieLab = cieLab.clone();
    }

    @Override
    public int[] cieLab() {
        return cieLab.clone();
    }

    /** The recommended display colour as sRGB 0-255 (from the CIELab value, D65), or empty. */
    public int[] rgb() {
        return cieLab.length == 3 ? CieLab.toRgb(cieLab) : new int[0];
    }
}
