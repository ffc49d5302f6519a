// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

import java.util.Locale;

/**
 * A VOI window (PS3.3 C.11.2.1.2): centre and width in modality units (e.g. HU) and the
 * function that maps values inside it to display values.
 *
 * @param center   (0028,1050) WindowCenter
 * @param width    (0028,1051) WindowWidth: at least 1 for LINEAR, above 0 for the others
 * @param function (0028,1056) VOILUTFunction
 */
public record VoiWindow(double center, double width, Function function) {

    /** (0028,1056) VOI LUT Function values (C.11.2.1.3). */
    public enum Function {
        LINEAR, LINEAR_EXACT, SIGMOID;

        /** The function for a VOILUTFunction value; throws on unknown values. */
        public static Function fromCode(String code) {
            try {
                return valueOf(code.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("(0028,1056) VOILUTFunction must be LINEAR, LINEAR_EXACT or SIGMOID, was '"
                        + code + "'", e);
            }
        }
    }

    public VoiWindow {
        if (function == null) {
            throw new IllegalArgumentException("(0028,1056) VOILUTFunction must not be null");
        }
        if (function == Function.LINEAR ? !(width >= 1) : !(width > 0)) {
            throw new IllegalArgumentException("(0028,1051) WindowWidth must be " + (function == Function.LINEAR
                    ? ">= 1" : "> 0") + " for " + function + ", was " + fmt(width));
        }
        if (!Double.isFinite(center)) {
            throw new IllegalArgumentException("(0028,1050) WindowCenter must be a number, was " + center);
        }
    }

    /** A LINEAR window. */
    public static VoiWindow linear(double center, double width) {
        return new VoiWindow(center, width, Function.LINEAR);
    }

    /**
     * The display value of a modality value, in {@code [yMin, yMax]} (C.11.2.1.2.1 for LINEAR,
     * C.11.2.1.3.2 for LINEAR_EXACT, C.11.2.1.3.1 for SIGMOID).
     */
    public double apply(double x, double yMin, double yMax) {
        double range = yMax - yMin;
        return switch (function) {
            case LINEAR -> {
                double c = center - 0.5;
                double w = width - 1;
                if (x <= c - w / 2) {
                    yield yMin;
                }
                if (x > c + w / 2) {
                    yield yMax;
                }
                yield ((x - c) / w + 0.5) * range + yMin;
            }
            case LINEAR_EXACT -> {
                if (x <= center - width / 2) {
                    yield yMin;
                }
                if (x > center + width / 2) {
                    yield yMax;
                }
                yield ((x - center) / width + 0.5) * range + yMin;
            }
            case SIGMOID -> range / (1 + Math.exp(-4 * (x - center) / width)) + yMin;
        };
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
