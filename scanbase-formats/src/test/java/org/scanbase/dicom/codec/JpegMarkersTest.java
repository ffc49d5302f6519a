// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class JpegMarkersTest {

    private static byte[] stream(byte[]... segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        for (byte[] s : segments) {
            out.writeBytes(s);
        }
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 2});
        return out.toByteArray();
    }

    private static byte[] segment(int marker, byte[] data) {
        byte[] s = new byte[4 + data.length];
        s[0] = (byte) 0xFF;
        s[1] = (byte) marker;
        s[2] = (byte) ((data.length + 2) >> 8);
        s[3] = (byte) (data.length + 2);
        System.arraycopy(data, 0, s, 4, data.length);
        return s;
    }

    private static byte[] adobe(int transform, int dataLength) {
        byte[] d = new byte[dataLength];
        System.arraycopy("Adobe".getBytes(), 0, d, 0, 5);
        if (dataLength >= 12) {
            d[11] = (byte) transform;
        }
        return d;
    }

    private static byte[] sof(int... ids) {
        byte[] d = new byte[6 + 3 * ids.length];
        d[0] = 8;
        d[5] = (byte) ids.length;
        for (int i = 0; i < ids.length; i++) {
            d[6 + 3 * i] = (byte) ids[i];
        }
        return d;
    }

    @Test
    void readsTheAdobeTransformFlagAndTheComponentIds() {
        JpegMarkers m = JpegMarkers.scan(stream(segment(0xEE, adobe(1, 12)), segment(0xC0, sof(1, 2, 3))));
        assertThat(m.adobeTransform()).isEqualTo(1);
        assertThat(m.componentIds()).containsExactly(1, 2, 3);
        assertThat(m.holdsYcbcr()).isTrue();
    }

    @Test
    void takesRgbAtItsWordWithoutACompleteAdobeSegment() {
        assertThat(JpegMarkers.scan(stream(segment(0xC0, sof(1, 2, 3)))).holdsYcbcr()).isFalse();
        assertThat(JpegMarkers.scan(stream(segment(0xEE, adobe(0, 12)), segment(0xC0, sof(1, 2, 3)))).holdsYcbcr())
                .isFalse();
    }

    @Test
    void dropsATruncatedAdobeSegmentAndKeepsEverythingElse() {
        byte[] sofSegment = segment(0xC0, sof(1, 2, 3));
        byte[] in = stream(segment(0xEE, adobe(0, 10)), sofSegment);
        JpegMarkers m = JpegMarkers.scan(in);
        assertThat(m.truncatedApp14At()).isEqualTo(2);
        assertThat(m.adobeTransform()).isEqualTo(-1);
        byte[] out = m.withoutTruncatedApp14(in);
        assertThat(out).isEqualTo(stream(sofSegment));
    }

    @Test
    void convertsFullRangeYcbcrToRgb() {
        byte[] px = {(byte) 128, (byte) 128, (byte) 128, 76, 85, (byte) 255};
        JpegFrameDecoder.yccToRgb(px);
        assertThat(px[0] & 0xFF).isEqualTo(128);
        assertThat(px[1] & 0xFF).isEqualTo(128);
        assertThat(px[2] & 0xFF).isEqualTo(128);
        // pure red in JFIF YCbCr is (76, 85, 255)
        assertThat(px[3] & 0xFF).isBetween(253, 255);
        assertThat(px[4] & 0xFF).isBetween(0, 2);
        assertThat(px[5] & 0xFF).isBetween(0, 2);
    }
}
