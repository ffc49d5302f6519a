// SPDX-License-Identifier: Apache-2.0
package org.scanbase.metaimage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A MetaImage ({@code .mha}/{@code .mhd}) file that cannot be read: the message names the file,
 * the header field ({@code DimSize}, {@code ElementType}, {@code ElementDataFile}...) and what was
 * expected.
 */
public class MetaImageFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public MetaImageFormatException(String message) {
        super(message);
    }

    public MetaImageFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code "<file>: <field> <problem>"}. */
    public static MetaImageFormatException of(Path file, String field, String problem) {
        return new MetaImageFormatException(file + ": " + field + " " + problem);
    }
}
