// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Pixel data that cannot be decoded: too short for its Image Pixel module, an unsupported
 * transfer syntax, corrupt compressed data. The message starts with the file.
 */
public class PixelDecodeException extends IOException {
    private final Path file;

    public PixelDecodeException(Path file, String what) {
        super((file == null ? "<memory>" : file.toString()) + ": " + what);
        this.file = file;
    }

    public PixelDecodeException(Path file, String what, Throwable cause) {
        this(file, what);
        initCause(cause);
    }

    /** The file at fault, or null for data built in memory. */
    public Path file() {
        return file;
    }
}
