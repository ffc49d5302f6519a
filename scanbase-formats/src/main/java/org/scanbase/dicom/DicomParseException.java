// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not valid DICOM, or is truncated or corrupt. The message names the file, the
 * byte offset and, where known, the tag ({@code (gggg,eeee) Keyword}) and the path through
 * nested sequences.
 */
public class DicomParseException extends IOException {
    private final Path file;
    private final long offset;
    private final int tag;

    public DicomParseException(Path file, long offset, int tag, String what) {
        super(compose(file, offset, tag, what));
        this.file = file;
        this.offset = offset;
        this.tag = tag;
    }

    public DicomParseException(Path file, long offset, int tag, String what, Throwable cause) {
        this(file, offset, tag, what);
        initCause(cause);
    }

    private static String compose(Path file, long offset, int tag, String what) {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<stream>" : file.toString());
        if (tag != -1) {
            sb.append(": ").append(Tag.toString(tag));
            String kw = DicomDictionary.standard().keyword(tag);
            if (!kw.isEmpty()) {
                sb.append(' ').append(kw);
            }
        }
        if (offset >= 0) {
            sb.append(" at byte ").append(offset);
        }
        return sb.append(": ").append(what).toString();
    }

    /** The file at fault, or null for a stream. */
    public Path file() {
        return file;
    }

    /** Byte offset in the file (of the decoded stream for deflated data sets), or -1. */
    public long offset() {
        return offset;
    }

    /** The tag being read when the problem was found, or -1. */
    public int tag() {
        return tag;
    }
}
