// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class RleDecoderTest {

    /** A frame: the 64-byte header of PS3.5 G.5 then the given segments. */
    static byte[] frame(byte[]... segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] header = new int[16];
        header[0] = segments.length;
        int offset = 64;
        for (int i = 0; i < segments.length; i++) {
            header[i + 1] = offset;
            offset += segments[i].length;
        }
        for (int v : header) {
            out.write(v);
            out.write(v >>> 8);
            out.write(v >>> 16);
            out.write(v >>> 24);
        }
        for (byte[] s : segments) {
            out.writeBytes(s);
        }
        return out.toByteArray();
    }

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void literalRunCopiesNPlusOneBytes() {
        byte[] out = new byte[3];
        int n = RleDecoder.unpackBits(bytes(2, 10, 20, 30), 0, 4, out);
        assertThat(n).isEqualTo(3);
        assertThat(out).containsExactly(10, 20, 30);
    }

    @Test
    void replicateRunRepeatsTheNextByteOneMinusNTimes() {
        byte[] out = new byte[4];
        RleDecoder.unpackBits(bytes(-3, 7), 0, 2, out);
        assertThat(out).containsExactly(7, 7, 7, 7);
    }

    @Test
    void minus128IsANoOp() {
        byte[] out = new byte[3];
        int n = RleDecoder.unpackBits(bytes(-128, 0, 5, -128, -1, 9), 0, 6, out);
        assertThat(n).isEqualTo(3);
        assertThat(out).containsExactly(5, 9, 9);
    }

    @Test
    void decodingStopsWhenTheSegmentFillsTheRowsAndIgnoresPadding() {
        byte[] out = new byte[2];
        int n = RleDecoder.unpackBits(bytes(-4, 1, 0, 0), 0, 4, out);
        assertThat(n).isEqualTo(2);
        assertThat(out).containsExactly(1, 1);
    }

    @Test
    void sixteenBitSegmentsAreMostSignificantByteFirstAndDecodeToLittleEndian() throws Exception {
        // 1 row x 3 columns: values 0x0102, 0x0103, 0xFF04
        byte[] msb = bytes(-1, 1, 0, 0xFF);
        byte[] lsb = bytes(2, 2, 3, 4);
        FrameSpec spec = new FrameSpec(1, 3, 1, 16, 16, false, "MONOCHROME2");
        byte[] out = new RleDecoder().decode(frame(msb, lsb), spec);
        assertThat(out).containsExactly(bytes(2, 1, 3, 1, 4, 0xFF));
    }

    @Test
    void rgbSegmentsAreInterleavedIntoPixels() throws Exception {
        FrameSpec spec = new FrameSpec(1, 2, 3, 8, 8, false, "RGB");
        byte[] out = new RleDecoder().decode(frame(bytes(-1, 10), bytes(1, 20, 21), bytes(-1, 30)), spec);
        assertThat(out).containsExactly(bytes(10, 20, 30, 10, 21, 30));
    }

    @Test
    void thirtyTwoBitSamplesUseFourSegmentsEach() throws Exception {
        FrameSpec spec = new FrameSpec(1, 1, 1, 32, 32, false, "MONOCHROME2");
        byte[] out = new RleDecoder().decode(frame(bytes(0, 0x12), bytes(0, 0x34), bytes(0, 0x56), bytes(0, 0x78)), spec);
        assertThat(out).containsExactly(bytes(0x78, 0x56, 0x34, 0x12));
    }

    @Test
    void aWrongSegmentCountIsAnErrorThatSaysWhatWasExpected() {
        FrameSpec spec = new FrameSpec(1, 1, 3, 8, 8, false, "RGB");
        assertThatThrownBy(() -> new RleDecoder().decode(frame(bytes(0, 1)), spec))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("1 segments, expected 3");
    }

    @Test
    void aShortSegmentIsAnError() {
        FrameSpec spec = new FrameSpec(2, 2, 1, 8, 8, false, "MONOCHROME2");
        assertThatThrownBy(() -> new RleDecoder().decode(frame(bytes(-1, 1)), spec))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("decodes to 2 bytes, expected 4");
    }
}
