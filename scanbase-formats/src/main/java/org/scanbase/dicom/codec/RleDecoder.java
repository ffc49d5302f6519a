// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.codec;

/**
 * RLE Lossless (1.2.840.10008.1.2.5), PS3.5 annex G. A frame is a 64-byte header of sixteen
 * little-endian 32-bit values (number of segments, then the offset of each segment from the
 * start of the header) followed by PackBits-encoded segments (G.3.1). Segments hold one byte
 * plane each: for each sample in turn, its most significant byte first (G.2).
 */
public final class RleDecoder implements FrameDecoder {
    private static final int HEADER_LENGTH = 64;

    @Override
    public byte[] decode(byte[] encoded, FrameSpec spec) throws CodecException {
        if (encoded.length < HEADER_LENGTH) {
            throw new CodecException("RLE frame of " + encoded.length + " bytes is shorter than its 64-byte header");
        }
        int segments = readInt(encoded, 0);
        int bps = spec.bytesPerSample();
        int expected = spec.samplesPerPixel() * bps;
        if (segments != expected) {
            throw new CodecException("RLE header has " + segments + " segments, expected " + expected + " for "
                    + spec.samplesPerPixel() + " samples of " + spec.bitsAllocated() + " bits (PS3.5 G.2)");
        }
        int[] offsets = new int[segments + 1];
        for (int i = 0; i < segments; i++) {
            offsets[i] = readInt(encoded, 4 + 4 * i);
            if (offsets[i] < HEADER_LENGTH || offsets[i] > encoded.length || (i > 0 && offsets[i] < offsets[i - 1])) {
                throw new CodecException("RLE segment " + (i + 1) + " offset " + Integer.toUnsignedString(offsets[i])
                        + " is outside the frame of " + encoded.length + " bytes");
            }
        }
        offsets[segments] = encoded.length;
        int pixels = spec.rows() * spec.columns();
        int stride = spec.samplesPerPixel() * bps;
        byte[] out = new byte[spec.frameBytes()];
        byte[] plane = new byte[pixels];
        for (int seg = 0; seg < segments; seg++) {
            int got = unpackBits(encoded, offsets[seg], offsets[seg + 1], plane);
            if (got < pixels) {
                throw new CodecException("RLE segment " + (seg + 1) + " decodes to " + got + " bytes, expected "
                        + pixels);
            }
            int sample = seg / bps;
            int byteInSample = bps - 1 - seg % bps; // segments run MSB first; output is little endian
            int pos = sample * bps + byteInSample;
            for (int p = 0; p < pixels; p++, pos += stride) {
                out[pos] = plane[p];
            }
        }
        return out;
    }

    /**
     * Decodes PackBits (PS3.5 G.3.1) from {@code in[from..to)} into {@code out}, stopping when
     * {@code out} is full. A header byte n in 0..127 copies the next n+1 bytes; -127..-1 repeats
     * the next byte 1-n times; -128 does nothing.
     *
     * @return the number of bytes written
     */
    static int unpackBits(byte[] in, int from, int to, byte[] out) {
        int i = from;
        int o = 0;
        while (i < to && o < out.length) {
            int n = in[i++];
            if (n >= 0) {
                int len = Math.min(n + 1, Math.min(to - i, out.length - o));
                System.arraycopy(in, i, out, o, len);
                i += n + 1;
                o += len;
            } else if (n != -128) {
                if (i >= to) {
                    break;
                }
                byte v = in[i++];
                int len = Math.min(1 - n, out.length - o);
                for (int k = 0; k < len; k++) {
                    out[o++] = v;
                }
            }
        }
        return o;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
