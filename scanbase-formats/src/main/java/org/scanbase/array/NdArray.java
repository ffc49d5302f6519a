// SPDX-License-Identifier: Apache-2.0
package org.scanbase.array;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A typed n-dimensional array in C order (last axis fastest) held in one primitive array:
 * {@code byte[]} for (u)int8, {@code short[]} for (u)int16, {@code int[]} for (u)int32,
 * {@code long[]} for (u)int64, {@code float[]} and {@code double[]}. Unsigned types keep their
 * bit pattern in the signed Java type; read values with {@link #getDouble(int)}. Pixels of a
 * DICOM image and voxels of a volume are both held this way, so checksums and statistics are
 * computed by one piece of code.
 *
 * <p>The array is not copied on construction; treat instances as immutable unless you made the
 * array yourself (e.g. with {@link #allocate}).
 */
public final class NdArray {
    private final DType dtype;
    private final int[] shape;
    private final Object data;
    private final int size;

    /**
     * @param dtype element type
     * @param shape axis lengths, slowest first
     * @param data  primitive array of the storage type for {@code dtype}, length = product of shape
     */
    public NdArray(DType dtype, int[] shape, Object data) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        long n = checkedSize(shape);
        Object d = Objects.requireNonNull(data, "data");
        if (!storageType(dtype).isInstance(d)) {
            throw new IllegalArgumentException(dtype.numpyName() + " values need a "
                    + storageType(dtype).getSimpleName() + ", got " + d.getClass().getSimpleName());
        }
        if (java.lang.reflect.Array.getLength(d) != n) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + java.lang.reflect.Array.getLength(d));
        }
        this.data = d;
        this.size = (int) n;
    }

    /** A zero-filled array. */
    public static NdArray allocate(DType dtype, int[] shape) {
        return new NdArray(dtype, shape, newStorage(dtype, (int) checkedSize(shape)));
    }

    /** A zero-filled primitive array of the storage type of {@code dtype}. */
    public static Object newStorage(DType dtype, int n) {
        return switch (dtype) {
            case UINT8, INT8 -> new byte[n];
            case UINT16, INT16 -> new short[n];
            case UINT32, INT32 -> new int[n];
            case INT64, UINT64 -> new long[n];
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
        };
    }

    /**
     * The number of elements of a shape.
     *
     * @throws IllegalArgumentException when an axis is negative or there are more than
     *                                  {@link Integer#MAX_VALUE} elements (Java arrays cannot hold them)
     */
    public static long checkedSize(int[] shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative axis in shape " + Arrays.toString(shape));
            }
            n *= s;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("array of shape " + Arrays.toString(shape)
                        + " has more than " + Integer.MAX_VALUE + " values, too many to hold in memory as one array");
            }
        }
        return n;
    }

    /** The Java array type that stores values of {@code t}. */
    public static Class<?> storageType(DType t) {
        return switch (t) {
            case UINT8, INT8 -> byte[].class;
            case UINT16, INT16 -> short[].class;
            case UINT32, INT32 -> int[].class;
            case INT64, UINT64 -> long[].class;
            case FLOAT32 -> float[].class;
            case FLOAT64 -> double[].class;
        };
    }

    public DType dtype() {
        return dtype;
    }

    /** Axis lengths, slowest first (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Length of one axis. */
    public int shape(int axis) {
        return shape[axis];
    }

    public int rank() {
        return shape.length;
    }

    /** Total number of values. */
    public int size() {
        return size;
    }

    /** The backing primitive array (not a copy). */
    public Object data() {
        return data;
    }

    /** The value at a flat C-order index, unsigned types read as unsigned. */
    public double getDouble(int i) {
        return switch (dtype) {
            case UINT8 -> ((byte[]) data)[i] & 0xFF;
            case INT8 -> ((byte[]) data)[i];
            case UINT16 -> ((short[]) data)[i] & 0xFFFF;
            case INT16 -> ((short[]) data)[i];
            case UINT32 -> ((int[]) data)[i] & 0xFFFFFFFFL;
            case INT32 -> ((int[]) data)[i];
            case INT64 -> ((long[]) data)[i];
            case UINT64 -> unsignedToDouble(((long[]) data)[i]);
            case FLOAT32 -> ((float[]) data)[i];
            case FLOAT64 -> ((double[]) data)[i];
        };
    }

    /**
     * Stores a value at a flat index. Integer types take the value rounded to the nearest integer
     * and clamped to the type's range (a mask written from a float computation should not wrap).
     */
    public void setDouble(int i, double v) {
        switch (dtype) {
            case UINT8 -> ((byte[]) data)[i] = (byte) clamp(v, 0, 255);
            case INT8 -> ((byte[]) data)[i] = (byte) clamp(v, -128, 127);
            case UINT16 -> ((short[]) data)[i] = (short) clamp(v, 0, 65535);
            case INT16 -> ((short[]) data)[i] = (short) clamp(v, -32768, 32767);
            case UINT32 -> ((int[]) data)[i] = (int) clamp(v, 0, 4294967295L);
            case INT32 -> ((int[]) data)[i] = (int) clamp(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case INT64, UINT64 -> ((long[]) data)[i] = Math.round(v);
            case FLOAT32 -> ((float[]) data)[i] = (float) v;
            case FLOAT64 -> ((double[]) data)[i] = v;
        }
    }

    private static long clamp(double v, long lo, long hi) {
        if (Double.isNaN(v)) {
            return 0;
        }
        long r = Math.round(v);
        return Math.max(lo, Math.min(hi, r));
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    /** The array with another shape of the same size, sharing the data. */
    public NdArray reshape(int... newShape) {
        return new NdArray(dtype, newShape, data);
    }

    /** The values as little-endian bytes of the dtype, in C order (numpy's {@code astype('<'+dtype).tobytes()}). */
    public byte[] toLittleEndianBytes() {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(size, dtype.bytes())).order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case UINT8, INT8 -> b.put((byte[]) data);
            case UINT16, INT16 -> b.asShortBuffer().put((short[]) data);
            case UINT32, INT32 -> b.asIntBuffer().put((int[]) data);
            case INT64, UINT64 -> b.asLongBuffer().put((long[]) data);
            case FLOAT32 -> b.asFloatBuffer().put((float[]) data);
            case FLOAT64 -> b.asDoubleBuffer().put((double[]) data);
        }
        return b.array();
    }

    /** Lower-case hex SHA-256 of {@link #toLittleEndianBytes()}. */
    public String sha256() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(toLittleEndianBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * Minimum, maximum and mean over all values, and the mean of each of {@code channels}
     * interleaved channels (the fastest axis; 1 for scalar data), in one pass. NaN values of float
     * data are skipped; an empty array gives NaN everywhere.
     */
    public Stats stats(int channels) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[] sums = new double[channels];
        long[] counts = new long[channels];
        for (int i = 0; i < size; i++) {
            double v = getDouble(i);
            if (Double.isNaN(v)) {
                continue;
            }
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
            int c = channels == 1 ? 0 : i % channels;
            sums[c] += v;
            counts[c]++;
        }
        double total = 0;
        long count = 0;
        double[] channelMean = new double[channels];
        for (int c = 0; c < channels; c++) {
            total += sums[c];
            count += counts[c];
            channelMean[c] = counts[c] == 0 ? Double.NaN : sums[c] / counts[c];
        }
        if (count == 0) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, channelMean);
        }
        return new Stats(min, max, total / count, channelMean);
    }

    /**
     * Summary values of an array.
     *
     * @param min         smallest value
     * @param max         largest value
     * @param mean        mean of all values
     * @param channelMean mean of each channel (one entry for scalar data)
     */
    public record Stats(double min, double max, double mean, double[] channelMean) {
        public Stats {
            channelMean = channelMean.clone();
        }

        @Override
        public double[] channelMean() {
            return channelMean.clone();
        }
    }

    @Override
    public String toString() {
        return "NdArray[" + dtype.numpyName() + " " + Arrays.toString(shape) + "]";
    }
}
