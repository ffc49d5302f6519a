// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nrrd;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A NRRD file that cannot be read as the format (teem NRRD0005) requires: the message names the
 * file, the header field ({@code sizes}, {@code space directions}, {@code data file}...) and
 * what was expected.
 */
public class NrrdFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public NrrdFormatException(String message) {
        super(message);
    }

    public NrrdFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code "<file>: <field> <problem>"}. */
    public static NrrdFormatException of(Path file, String field, String problem) {
        return new NrrdFormatException(file + ": " + field + " " + problem);
    }
}
