// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.codec;

import java.io.ByteArrayOutputStream;

/**
 * What the markers of a JPEG stream (ITU T.81 annex B) say about its colour: JFIF (APP0),
 * Adobe (APP14) and its transform flag, and the component identifiers of the frame header.
 * Only the marker segments before the first scan are read.
 *
 * @param jfif             an APP0 "JFIF" segment is present
 * @param adobeTransform   transform flag of a complete APP14 "Adobe" segment, or -1
 * @param truncatedApp14At offset of an APP14 "Adobe" segment too short to hold its 12 data bytes, or -1
 * @param truncatedApp14Length total length of that segment in bytes (marker included)
 * @param componentIds     component identifiers from the SOF segment (empty when not found)
 */
record JpegMarkers(boolean jfif, int adobeTransform, int truncatedApp14At, int truncatedApp14Length,
                   int[] componentIds) {

    static JpegMarkers scan(byte[] b) {
        boolean jfif = false;
        int transform = -1;
        int truncAt = -1;
        int truncLen = 0;
        int[] ids = new int[0];
        int p = 2;
        while (p + 4 <= b.length && (b[p] & 0xFF) == 0xFF) {
            int marker = b[p + 1] & 0xFF;
            if (marker == 0xFF) {
                p++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            int len = ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
            int data = p + 4;
            if (marker == 0xE0 && len >= 7 && startsWith(b, data, "JFIF")) {
                jfif = true;
            } else if (marker == 0xEE && startsWith(b, data, "Adobe")) {
                if (len - 2 >= 12 && data + 11 < b.length) {
                    transform = b[data + 11] & 0xFF;
                } else {
                    truncAt = p;
                    truncLen = len + 2;
                }
            } else if (isStartOfFrame(marker) && len >= 8 && data + 5 < b.length) {
                int n = b[data + 5] & 0xFF;
                ids = new int[n];
                for (int c = 0; c < n && data + 6 + c * 3 < b.length; c++) {
                    ids[c] = b[data + 6 + c * 3] & 0xFF;
                }
            }
            p += 2 + len;
        }
        return new JpegMarkers(jfif, transform, truncAt, truncLen, ids);
    }

    private static boolean isStartOfFrame(int m) {
        return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    }

    private static boolean startsWith(byte[] b, int at, String s) {
        if (at + s.length() > b.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether three-component data that the data set calls RGB is nevertheless stored as YCbCr:
     * only when a complete Adobe APP14 segment says so (transform 1 or 2). The data set's
     * Photometric Interpretation is otherwise taken at its word (PS3.5 8.2.1: RGB means no colour
     * transform was applied), whatever a JFIF marker or the component ids suggest; pydicom and
     * GDCM read such files the same way.
     */
    boolean holdsYcbcr() {
        return componentIds.length == 3 && adobeTransform > 0;
    }

    /** The stream without a truncated APP14 segment (unchanged when there is none). */
    byte[] withoutTruncatedApp14(byte[] b) {
        if (truncatedApp14At < 0) {
            return b;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, truncatedApp14At);
        int after = Math.min(b.length, truncatedApp14At + truncatedApp14Length);
        out.write(b, after, b.length - after);
        return out.toByteArray();
    }
}
