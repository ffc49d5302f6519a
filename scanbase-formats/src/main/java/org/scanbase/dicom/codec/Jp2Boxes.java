// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.codec;

import java.util.Arrays;

/**
 * The JP2 file format (ISO/IEC 15444-1 annex I) around a JPEG 2000 codestream. DICOM expects a
 * bare codestream (PS3.5 A.4.4) but some writers put the whole JP2 file in the fragments.
 */
final class Jp2Boxes {
    private Jp2Boxes() {
    }

    /** The contiguous codestream box ('jp2c') of a JP2 file, or the input when it is not one. */
    static byte[] codestream(byte[] data) throws CodecException {
        if (!FrameLocator.startsFrame(data) || data.length < 12 || data[4] != 'j' || data[5] != 'P') {
            return data;
        }
        int i = 0;
        while (i + 8 <= data.length) {
            long len = readUInt(data, i);
            int header = 8;
            if (len == 1 && i + 16 <= data.length) {
                len = (readUInt(data, i + 8) << 32) | readUInt(data, i + 12);
                header = 16;
            } else if (len == 0) {
                len = data.length - i;
            }
            if (len < header || i + len > data.length) {
                break;
            }
            if (data[i + 4] == 'j' && data[i + 5] == 'p' && data[i + 6] == '2' && data[i + 7] == 'c') {
                return Arrays.copyOfRange(data, i + header, (int) (i + len));
            }
            i += (int) len;
        }
        throw new CodecException("JP2 file has no contiguous codestream ('jp2c') box");
    }

    private static long readUInt(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
