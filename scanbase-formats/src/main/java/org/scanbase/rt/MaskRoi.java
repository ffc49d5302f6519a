// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.volume.Volume;

/**
 * A mask to be written as an ROI of an RT Structure Set.
 *
 * @param number          (3006,0022) ROINumber (unique within the structure set)
 * @param name            (3006,0026) ROIName
 * @param mask            a volume on the series grid: non-zero voxels are inside
 * @param displayColor    (3006,002A) r, g, b 0-255, or empty for none
 * @param interpretedType (3006,00A4) RTROIInterpretedType (ORGAN, PTV...), or "" (type 2, empty)
 */
public record MaskRoi(int number, String name, Volume mask, int[] displayColor, String interpretedType) {
    public MaskRoi {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(interpretedType, "interpretedType");
        if (displayColor.length != 0 && displayColor.length != 3) {
            throw new IllegalArgumentException("ROI " + number + ": a display colour needs 3 values, got "
                    + displayColor.length);
        }
        displayColor = displayColor.clone();
    }

    /** An ROI without colour or interpreted type. */
    public static MaskRoi of(int number, String name, Volume mask) {
        return new MaskRoi(number, name, mask, new int[0], "");
    }

    @Override
    public int[] displayColor() {
        return displayColor.clone();
    }

    /**
     * One ROI per label value of a label volume: ROI number = label value, name from the mask
     * targets (or "label N"), for every value of {@code targets} and every other non-zero value found.
     */
    public static List<MaskRoi> fromLabels(Volume labels, Map<Integer, String> targets) {
        NdArray v = labels.voxels();
        java.util.TreeSet<Integer> values = new java.util.TreeSet<>(targets.keySet());
        for (int i = 0; i < v.size(); i++) {
            double d = v.getDouble(i);
            if (d != 0) {
                values.add((int) Math.round(d));
            }
        }
        List<MaskRoi> out = new ArrayList<>();
        for (int value : values) {
            NdArray m = NdArray.allocate(DType.UINT8, v.shape());
            byte[] data = (byte[]) m.data();
            for (int i = 0; i < v.size(); i++) {
                if (Math.round(v.getDouble(i)) == value) {
                    data[i] = 1;
                }
            }
            out.add(of(value, targets.getOrDefault(value, "label " + value), Volume.of(m, labels.geometry())));
        }
        return out;
    }
}
