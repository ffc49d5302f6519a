// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

import org.scanbase.array.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Native (uncompressed) pixel data to stored values, PS3.5 section 8 and PS3.3 C.7.6.3:
 * byte order, 1-bit packing, planar configuration, YBR_FULL_422 subsampling, and the bits of
 * each value above BitsStored.
 */
final class NativePixels {
    private NativePixels() {
    }

    /** Bytes one frame occupies in native encoding; for 1-bit data, use {@link #frameBits}. */
    static long frameBytes(ImagePixel ip) {
        long values = ip.subsampled422() ? (long) ip.rows() * ip.columns() * 2 : ip.frameValues();
        return values * (ip.bitsAllocated() / 8);
    }

    static long frameBits(ImagePixel ip) {
        return ip.frameValues();
    }

    /** Bytes the given frames need, counted from the start of the value (1-bit frames are not byte aligned). */
    static long bytesNeeded(ImagePixel ip, int frames) {
        if (ip.bitsAllocated() == 1) {
            return (frameBits(ip) * frames + 7) / 8;
        }
        return frameBytes(ip) * frames;
    }

    /**
     * Decodes frames {@code [first, first + count)} of a native value.
     *
     * @param raw        the value as read, in the data set's byte order
     * @param bigEndian  the data set is big endian
     * @param swap8Bit   8-bit data held as OW in a big-endian data set: bytes come in swapped pairs
     * @param native_    true for the native layout (planar configuration, 4:2:2 subsampling);
     *                   false for codec output (interleaved, full resolution)
     */
    static PixelArray decode(byte[] raw, ImagePixel ip, boolean bigEndian, boolean swap8Bit, int first, int count,
                             boolean native_) {
        return decode(ByteBuffer.wrap(raw), ip, bigEndian, swap8Bit, first, count, native_);
    }

    /**
     * As {@link #decode(byte[], ImagePixel, boolean, boolean, int, int, boolean)}, from a buffer
     * whose index 0 is the first byte of the value (a heap array or a mapped file region).
     */
    static PixelArray decode(ByteBuffer raw, ImagePixel ip, boolean bigEndian, boolean swap8Bit, int first, int count,
                             boolean native_) {
        int[] shape = ip.shape();
        shape[0] = count;
        PixelArray out = PixelArray.allocate(ip.dtype(), shape);
        int frameLen = out.frameLength();
        for (int f = 0; f < count; f++) {
            Object frame;
            if (ip.bitsAllocated() == 1) {
                frame = unpackBits(raw, (first + f) * frameBits(ip), frameLen);
            } else {
                boolean ybr422 = native_ && ip.subsampled422();
                boolean planar = native_ && ip.planarConfiguration() == 1 && ip.samplesPerPixel() > 1;
                int storedValues = ybr422 ? ip.rows() * ip.columns() * 2 : frameLen;
                long offset = native_ ? (first + f) * frameBytes(ip) : (long) f * frameLen * (ip.bitsAllocated() / 8);
                if (!ybr422 && !planar && !swap8Bit) {
                    // the common case: one bulk copy straight into the output, no per-frame array
                    readInto(raw, (int) offset, storedValues, ip.dtype(), bigEndian, out.data(), f * frameLen);
                    continue;
                }
                frame = read(raw, (int) offset, storedValues, ip.dtype(), bigEndian, swap8Bit);
                if (ybr422) {
                    frame = expand422(frame, frameLen);
                } else if (native_ && ip.planarConfiguration() == 1 && ip.samplesPerPixel() > 1) {
                    frame = interleave(frame, ip.samplesPerPixel());
                }
            }
            System.arraycopy(frame, 0, out.data(), f * frameLen, frameLen);
        }
        maskAndSignExtend(out.data(), ip);
        return out;
    }

    /** 1-bit values packed LSB first, continuing across frame boundaries (PS3.5 8.1.1, D.2). */
    private static byte[] unpackBits(ByteBuffer raw, long firstBit, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            long bit = firstBit + i;
            out[i] = (byte) ((raw.get((int) (bit >>> 3)) >> (bit & 7)) & 1);
        }
        return out;
    }

    private static Object read(ByteBuffer raw, int offset, int n, DType t, boolean bigEndian, boolean swap8Bit) {
        ByteBuffer b = raw.slice(offset, n * t.bytes())
                .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        switch (t) {
            case UINT8, INT8 -> {
                byte[] a = new byte[n];
                if (swap8Bit) {
                    // OW is a stream of 16-bit words: in big endian each pair of 8-bit values is swapped
                    for (int i = 0; i < n; i++) {
                        int j = offset + (i ^ 1);
                        a[i] = j < raw.limit() ? raw.get(j) : 0;
                    }
                } else {
                    b.get(a);
                }
                return a;
            }
            case UINT16, INT16 -> {
                short[] a = new short[n];
                b.asShortBuffer().get(a);
                return a;
            }
            case UINT32, INT32 -> {
                int[] a = new int[n];
                b.asIntBuffer().get(a);
                return a;
            }
            case INT64 -> {
                long[] a = new long[n];
                b.asLongBuffer().get(a);
                return a;
            }
            case FLOAT32 -> {
                float[] a = new float[n];
                b.asFloatBuffer().get(a);
                return a;
            }
            case FLOAT64 -> {
                double[] a = new double[n];
                b.asDoubleBuffer().get(a);
                return a;
            }
        }
        throw new AssertionError(t);
    }

    /** Copies {@code n} values at byte {@code offset} of {@code raw} into {@code dst} from index {@code at}. */
    static void readInto(ByteBuffer raw, int offset, int n, DType t, boolean bigEndian, Object dst, int at) {
        ByteBuffer b = raw.slice(offset, n * t.bytes())
                .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        switch (t) {
            case UINT8, INT8 -> b.get((byte[]) dst, at, n);
            case UINT16, INT16 -> b.asShortBuffer().get((short[]) dst, at, n);
            case UINT32, INT32 -> b.asIntBuffer().get((int[]) dst, at, n);
            case INT64 -> b.asLongBuffer().get((long[]) dst, at, n);
            case FLOAT32 -> b.asFloatBuffer().get((float[]) dst, at, n);
            case FLOAT64 -> b.asDoubleBuffer().get((double[]) dst, at, n);
            default -> throw new AssertionError(t);
        }
    }

    /** Planar configuration 1 (all of sample 0, then sample 1...) to interleaved (PS3.3 C.7.6.3.1.3). */
    private static Object interleave(Object planes, int spp) {
        int n = java.lang.reflect.Array.getLength(planes);
        int pixels = n / spp;
        Object out = java.lang.reflect.Array.newInstance(planes.getClass().getComponentType(), n);
        for (int s = 0; s < spp; s++) {
            for (int p = 0; p < pixels; p++) {
                copy(planes, s * pixels + p, out, p * spp + s);
            }
        }
        return out;
    }

    /** YBR_FULL_422 stored as Y1 Y2 Cb Cr per pixel pair to Y1 Cb Cr Y2 Cb Cr (PS3.3 C.7.6.3.1.2). */
    private static Object expand422(Object stored, int n) {
        Object out = java.lang.reflect.Array.newInstance(stored.getClass().getComponentType(), n);
        int pairs = n / 6;
        for (int p = 0; p < pairs; p++) {
            int s = p * 4;
            int o = p * 6;
            copy(stored, s, out, o);
            copy(stored, s + 2, out, o + 1);
            copy(stored, s + 3, out, o + 2);
            copy(stored, s + 1, out, o + 3);
            copy(stored, s + 2, out, o + 4);
            copy(stored, s + 3, out, o + 5);
        }
        return out;
    }

    private static void copy(Object src, int si, Object dst, int di) {
        System.arraycopy(src, si, dst, di, 1);
    }

    /**
     * Keeps the low BitsStored bits of each integer value and, for PixelRepresentation 1,
     * extends the sign from bit BitsStored-1 (PS3.5 8.1.1, with HighBit = BitsStored - 1).
     * pydicom 2.3's numpy handler does neither: it returns whatever the unused high bits hold.
     */
    static void maskAndSignExtend(Object data, ImagePixel ip) {
        maskAndSignExtend(data, ip, 0, java.lang.reflect.Array.getLength(data));
    }

    /** As {@link #maskAndSignExtend(Object, ImagePixel)} for the values {@code [from, to)}. */
    static void maskAndSignExtend(Object data, ImagePixel ip, int from, int to) {
        int bs = ip.bitsStored();
        int ba = ip.bitsAllocated();
        if (ip.floating() || ba == 1 || bs >= ba) {
            return;
        }
        int shift = 32 - bs;
        boolean signed = ip.signed();
        long mask = (1L << bs) - 1;
        if (data instanceof byte[] a) {
            for (int i = from; i < to; i++) {
                a[i] = (byte) (signed ? (a[i] << shift) >> shift : a[i] & mask);
            }
        } else if (data instanceof short[] a) {
            for (int i = from; i < to; i++) {
                a[i] = (short) (signed ? (a[i] << shift) >> shift : a[i] & mask);
            }
        } else if (data instanceof int[] a) {
            for (int i = from; i < to; i++) {
                a[i] = (int) (signed ? (a[i] << shift) >> shift : a[i] & mask);
            }
        }
    }
}
