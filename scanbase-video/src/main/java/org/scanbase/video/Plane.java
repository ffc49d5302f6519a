// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import java.util.Locale;

/**
 * The display plane of a video, as directions in DICOM's LPS patient space (x towards the
 * patient's left, y posterior, z head; PS3.3 C.7.6.2.1.1) of the image's columns (left to right),
 * rows (top to bottom) and frames (first to last). All three are the radiological convention:
 * the patient's right on the image's left.
 */
public enum Plane {
    /** Seen from the feet: right on the left, anterior at the top, frames inferior to superior. */
    AXIAL(new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1}),
    /** Seen from the front: right on the left, head at the top, frames anterior to posterior. */
    CORONAL(new double[] {1, 0, 0}, new double[] {0, 0, -1}, new double[] {0, 1, 0}),
    /** Seen from the patient's left: anterior on the left, head at the top, frames right to left. */
    SAGITTAL(new double[] {0, 1, 0}, new double[] {0, 0, -1}, new double[] {1, 0, 0});

    private final double[][] directions;

    Plane(double[] column, double[] row, double[] frame) {
        this.directions = new double[][] {column, row, frame};
    }

    /** The LPS unit vector of output axis 0 (columns), 1 (rows) or 2 (frames). */
    double[] direction(int outputAxis) {
        return directions[outputAxis].clone();
    }

    /** The plane for {@code axial}, {@code coronal} or {@code sagittal}; throws on anything else. */
    public static Plane fromCode(String code) {
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("plane must be axial, coronal or sagittal, was '" + code + "'", e);
        }
    }
}
