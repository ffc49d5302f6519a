// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.codec;

import java.io.IOException;

/** Compressed pixel data that a codec cannot decode; the caller adds the file and frame. */
public class CodecException extends IOException {
    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
