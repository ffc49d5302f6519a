// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

import java.util.Arrays;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;

/**
 * Decoded pixel values: a 4-D {@link NdArray} {@code [frames, rows, columns, samplesPerPixel]}
 * in C order (sample fastest), with the accessors the pixel pipeline needs. Unsigned types keep
 * their bit pattern in the signed Java type; read values with {@link #getDouble(int)}.
 *
 * <p>Instances are not copied on construction and are meant to be treated as immutable.
 */
public final class PixelArray {
    private final NdArray values;

    /**
     * @param dtype element type
     * @param shape {@code [frames, rows, columns, samples]}
     * @param data  primitive array of the storage type for {@code dtype}, length = product of shape
     */
    public PixelArray(DType dtype, int[] shape, Object data) {
        if (shape.length != 4) {
            throw new IllegalArgumentException("shape must have 4 axes [frames, rows, columns, samples], was "
                    + Arrays.toString(shape));
        }
        this.values = new NdArray(dtype, shape, data);
    }

    /** A zero-filled array. */
    public static PixelArray allocate(DType dtype, int[] shape) {
        return new PixelArray(dtype, shape, NdArray.newStorage(dtype, (int) checkedSize(shape)));
    }

    /** See {@link NdArray#checkedSize(int[])}. */
    public static long checkedSize(int[] shape) {
        return NdArray.checkedSize(shape);
    }

    /** The values as a general n-d array (shared, not copied). */
    public NdArray values() {
        return values;
    }

    public DType dtype() {
        return values.dtype();
    }

    /** {@code [frames, rows, columns, samples]}. */
    public int[] shape() {
        return values.shape();
    }

    public int frames() {
        return values.shape(0);
    }

    public int rows() {
        return values.shape(1);
    }

    public int columns() {
        return values.shape(2);
    }

    public int samples() {
        return values.shape(3);
    }

    /** Total number of values. */
    public int size() {
        return values.size();
    }

    /** Values per frame: rows x columns x samples. */
    public int frameLength() {
        return rows() * columns() * samples();
    }

    /** The backing primitive array (not a copy). */
    public Object data() {
        return values.data();
    }

    /** The value at a flat C-order index, unsigned types read as unsigned. */
    public double getDouble(int i) {
        return values.getDouble(i);
    }

    /** The value at {@code [frame, row, column, sample]}. */
    public double get(int frame, int row, int column, int sample) {
        return getDouble(((frame * rows() + row) * columns() + column) * samples() + sample);
    }

    /** One frame as a new single-frame array (a copy). */
    public PixelArray frame(int i) {
        if (i < 0 || i >= frames()) {
            throw new IndexOutOfBoundsException("frame " + i + " of " + frames());
        }
        int len = frameLength();
        Object d = NdArray.newStorage(dtype(), len);
        System.arraycopy(data(), i * len, d, 0, len);
        return new PixelArray(dtype(), new int[] {1, rows(), columns(), samples()}, d);
    }

    /** The values as little-endian bytes of the dtype, in C order (numpy's {@code astype('<'+dtype).tobytes()}). */
    public byte[] toLittleEndianBytes() {
        return values.toLittleEndianBytes();
    }

    /** Lower-case hex SHA-256 of {@link #toLittleEndianBytes()}. */
    public String sha256() {
        return values.sha256();
    }

    /** Minimum, maximum, mean and the mean of each sample (channel), in one pass; NaN skipped. */
    public NdArray.Stats stats() {
        return values.stats(samples());
    }

    @Override
    public String toString() {
        return "PixelArray[" + dtype().numpyName() + " " + Arrays.toString(shape()) + "]";
    }
}
