// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nifti;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A NIfTI file that cannot be read as the format requires: the message names the file, the
 * header field ({@code dim[3]}, {@code vox_offset}, {@code esize}...) and what was expected.
 */
public class NiftiFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public NiftiFormatException(String message) {
        super(message);
    }

    public NiftiFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code "<file>: <field> <problem>"}. */
    public static NiftiFormatException of(Path file, String field, String problem) {
        return new NiftiFormatException(file + ": " + field + " " + problem);
    }
}
