// SPDX-License-Identifier: Apache-2.0
package org.scanbase.png;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes greyscale PNG images (PNG specification, ISO/IEC 15948, colour type 0) straight from
 * pixel arrays: one IHDR, one IDAT, one IEND chunk, every scanline with filter type 0 (None) and
 * the stream deflated at the fastest level. Masks (mostly runs of 0 and 1) compress about as
 * well that way as with adaptive filtering, at a fraction of the cost, and without loading
 * Java2D and ImageIO, which take longer to start than a whole mask import takes to encode.
 * Any PNG reader decodes the result; no gamma, colour or text chunks are written.
 */
public final class PngWriter {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int GREY = 0;
    private static final int FILTER_NONE = 0;

    private PngWriter() {
    }

    /**
     * An 8-bit grey PNG of {@code width x height} pixels taken row by row (x fastest) from
     * {@code pixels} starting at {@code offset}, each byte one pixel value (0-255, unsigned).
     *
     * @throws IllegalArgumentException when the size is not positive or the array is too short
     */
    public static byte[] grey8(byte[] pixels, int offset, int width, int height) {
        checkSize(width, height, pixels.length - (long) offset);
        byte[] raw = new byte[(width + 1) * height];
        for (int y = 0; y < height; y++) {
            raw[y * (width + 1)] = FILTER_NONE;
            System.arraycopy(pixels, offset + y * width, raw, y * (width + 1) + 1, width);
        }
        return encode(width, height, 8, raw);
    }

    /**
     * A grey PNG of {@code width x height} values taken row by row (x fastest) from
     * {@code values}: 8-bit (values 0-255) or 16-bit (0-65535, stored big-endian as PNG requires).
     *
     * @throws IllegalArgumentException when the size is not positive, the array is too short or a
     *                                  value does not fit the bit depth
     */
    public static byte[] grey(int[] values, int width, int height, int bitDepth) {
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("bit depth must be 8 or 16, was " + bitDepth);
        }
        checkSize(width, height, values.length);
        int bytes = bitDepth / 8;
        int max = (1 << bitDepth) - 1;
        int stride = width * bytes + 1;
        byte[] raw = new byte[stride * height];
        for (int y = 0; y < height; y++) {
            int p = y * stride + 1;
            for (int x = 0; x < width; x++) {
                int v = values[y * width + x];
                if (v < 0 || v > max) {
                    throw new IllegalArgumentException("pixel (" + x + ", " + y + ") = " + v
                            + " does not fit " + bitDepth + " bits");
                }
                if (bytes == 2) {
                    raw[p++] = (byte) (v >>> 8);
                }
                raw[p++] = (byte) v;
            }
        }
        return encode(width, height, bitDepth, raw);
    }

    private static void checkSize(int width, int height, long available) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, was " + width + " x " + height);
        }
        if ((long) width * height > available) {
            throw new IllegalArgumentException(width + " x " + height + " pixels need " + (long) width * height
                    + " values, only " + Math.max(0, available) + " given");
        }
    }

    /** The file: signature, IHDR, the filtered scanlines deflated in one IDAT, IEND. */
    private static byte[] encode(int width, int height, int bitDepth, byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        byte[] compressed;
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream z = new ByteArrayOutputStream(raw.length / 8 + 64);
            byte[] buf = new byte[Math.max(1024, raw.length / 4)];
            while (!deflater.finished()) {
                int n = deflater.deflate(buf);
                z.write(buf, 0, n);
            }
            compressed = z.toByteArray();
        } finally {
            deflater.end();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length + 64);
        out.writeBytes(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = (byte) bitDepth;
        ihdr[9] = GREY;
        // compression 0 (deflate), filter method 0, interlace 0: already zero
        chunk(out, "IHDR", ihdr);
        chunk(out, "IDAT", compressed);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] head = new byte[8];
        putInt(head, 0, data.length);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, head, 4, 4);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        byte[] tail = new byte[4];
        putInt(tail, 0, (int) crc.getValue());
        out.writeBytes(head);
        out.writeBytes(data);
        out.writeBytes(tail);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
