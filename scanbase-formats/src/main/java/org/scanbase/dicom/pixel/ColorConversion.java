// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

/**
 * YCbCr to RGB for YBR_FULL and YBR_FULL_422 data (PS3.3 C.7.6.3.1.2), whose values this class
 * expects at full resolution (as {@link PixelDecoder} gives them). The equations are those of
 * ITU-R BT.601 full range (JFIF), with the chroma offset 2^(bits-1).
 */
public final class ColorConversion {
    private ColorConversion() {
    }

    /**
     * RGB values of the same dtype, rounded and clamped; returns {@code in} itself unless the
     * photometric interpretation is YBR_FULL or YBR_FULL_422 with three samples.
     *
     * @param bitsStored (0028,0101) BitsStored: sets the chroma offset and the clamp range
     */
    public static PixelArray toRgb(PixelArray in, String photometric, int bitsStored) {
        if (in.samples() != 3 || !(photometric.equals("YBR_FULL") || photometric.equals("YBR_FULL_422"))) {
            return in;
        }
        PixelArray out = PixelArray.allocate(in.dtype(), in.shape());
        double half = Math.pow(2, bitsStored - 1);
        double max = Math.pow(2, bitsStored) - 1;
        int n = in.size();
        for (int i = 0; i < n; i += 3) {
            double y = in.getDouble(i);
            double cb = in.getDouble(i + 1) - half;
            double cr = in.getDouble(i + 2) - half;
            set(out, i, clamp(y + 1.402 * cr, max));
            set(out, i + 1, clamp(y - 0.344136 * cb - 0.714136 * cr, max));
            set(out, i + 2, clamp(y + 1.772 * cb, max));
        }
        return out;
    }

    private static long clamp(double v, double max) {
        return (long) Math.max(0, Math.min(max, Math.rint(v)));
    }

    static void set(PixelArray a, int i, long v) {
        Object d = a.data();
        if (d instanceof byte[] b) {
            b[i] = (byte) v;
        } else if (d instanceof short[] s) {
            s[i] = (short) v;
        } else if (d instanceof int[] x) {
            x[i] = (int) v;
        } else {
            throw new IllegalArgumentException("colour conversion needs integer samples, got " + a.dtype().numpyName());
        }
    }
}
