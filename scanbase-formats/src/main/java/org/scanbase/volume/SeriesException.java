// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.io.IOException;

/**
 * A DICOM series that cannot be assembled into a volume, or (in strict mode) one whose geometry
 * breaks a rule that lenient mode only warns about: non-uniform spacing, missing slices, gantry
 * tilt, non-orthonormal orientation, missing positions. The message names the series (or file)
 * and says what was found, in mm or degrees.
 */
public class SeriesException extends IOException {
    private static final long serialVersionUID = 1L;

    public SeriesException(String message) {
        super(message);
    }

    public SeriesException(String message, Throwable cause) {
        super(message, cause);
    }
}
