// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nrrd;

import java.io.IOException;
import java.io.InputStream;
import org.scanbase.array.DType;

/** Reads whitespace- or comma-separated numbers (NRRD {@code ascii}/{@code text} encoding) into a primitive array. */
final class AsciiValues {
    private AsciiValues() {
    }

    /**
     * Parses up to {@code count} numbers into {@code dest} from index {@code offset}.
     *
     * @return how many were read (fewer when the input ends)
     * @throws NumberFormatException for a token that is not a number of the type
     */
    static int read(InputStream in, Object dest, DType dtype, int offset, int count) throws IOException {
        StringBuilder tok = new StringBuilder();
        int done = 0;
        int c;
        while (done < count) {
            c = in.read();
            boolean sep = c < 0 || Character.isWhitespace(c) || c == ',';
            if (!sep) {
                tok.append((char) c);
                continue;
            }
            if (tok.length() > 0) {
                store(dest, dtype, offset + done, tok.toString());
                done++;
                tok.setLength(0);
            }
            if (c < 0) {
                break;
            }
        }
        return done;
    }

    private static void store(Object dest, DType dtype, int i, String t) {
        switch (dtype) {
            case UINT8, INT8 -> ((byte[]) dest)[i] = (byte) Long.parseLong(t);
            case UINT16, INT16 -> ((short[]) dest)[i] = (short) Long.parseLong(t);
            case UINT32, INT32 -> ((int[]) dest)[i] = (int) Long.parseLong(t);
            case INT64 -> ((long[]) dest)[i] = Long.parseLong(t);
            case UINT64 -> ((long[]) dest)[i] = Long.parseUnsignedLong(t);
            case FLOAT32 -> ((float[]) dest)[i] = Float.parseFloat(t);
            case FLOAT64 -> ((double[]) dest)[i] = Double.parseDouble(t);
        }
    }
}
