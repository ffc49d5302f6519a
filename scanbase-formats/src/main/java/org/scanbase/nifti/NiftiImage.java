// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nifti;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

/**
 * A NIfTI image as read: the header, the stored (unscaled) voxel values in file order, and the
 * affine nibabel would give.
 *
 * <p>{@code data} is in C order with x fastest, i.e. shape {@code [dim[n], ..., dim[2], dim[1]]}
 * (the reverse of nibabel's shape) plus a trailing axis of 3 or 4 for RGB24 / RGBA32: exactly
 * the bytes of the file. It is nibabel's {@code img.dataobj.get_unscaled()}; {@link #scaledData()}
 * is {@code img.get_fdata()}.
 *
 * @param path         the file read (the .hdr of a pair)
 * @param header       the header
 * @param data         stored values
 * @param affine       4x4 voxel-to-RAS+ (mm) matrix, nibabel's {@code img.affine}
 * @param affineSource which header fields the affine came from
 */
public record NiftiImage(Path path, NiftiHeader header, NdArray data, double[][] affine,
                         NiftiAffine.Source affineSource) {

    public NiftiImage {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(data, "data");
        affine = copy(affine);
    }

    @Override
    public double[][] affine() {
        return copy(affine);
    }

    /** nibabel's {@code img.shape}: dim[1..dim[0]], x first (without the colour axis). */
    public int[] shape() {
        return Arrays.stream(header.shape()).mapToInt(Math::toIntExact).toArray();
    }

    /** Real values stored * slope + intercept as float64, nibabel's {@code get_fdata()}, in file order. */
    public NdArray scaledData() {
        double[] s = header.scaling();
        double[] out = new double[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.getDouble(i) * s[0] + s[1];
        }
        return new NdArray(DType.FLOAT64, data.shape(), out);
    }

    /**
     * This image as a {@link Volume}: voxels shared (not copied) and reshaped to
     * {@code [nz, ny, nx]} or {@code [nt, nz, ny, nx]} (dimensions 4 to 7 flattened into nt) plus
     * the colour axis; geometry from the affine (RAS to LPS); scaling as {@link NiftiHeader#scaling()}.
     *
     * @throws NiftiFormatException when the affine has a zero or non-finite column
     */
    public Volume toVolume() throws NiftiFormatException {
        long[] dim = header.dim();
        int rank = header.rank();
        int nx = (int) dim[1];
        int ny = rank >= 2 ? (int) dim[2] : 1;
        int nz = rank >= 3 ? (int) dim[3] : 1;
        int nt = 1;
        for (int i = 4; i <= rank; i++) {
            nt *= (int) dim[i];
        }
        int comps = header.dataType().components();
        int[] shape = rank <= 3 ? new int[] {nz, ny, nx} : new int[] {nt, nz, ny, nx};
        if (comps > 1) {
            shape = Arrays.copyOf(shape, shape.length + 1);
            shape[shape.length - 1] = comps;
        }
        Geometry g;
        try {
            g = Geometry.fromRasAffine(new int[] {nx, ny, nz}, affine);
        } catch (IllegalArgumentException e) {
            String field = switch (affineSource) {
                case SFORM -> "srow_x/srow_y/srow_z";
                case QFORM -> "quatern_b/c/d, pixdim";
                case FALLBACK -> "pixdim";
            };
            throw NiftiFormatException.of(path, field, "give no usable geometry: " + e.getMessage());
        }
        double[] s = header.scaling();
        return new Volume(data.reshape(shape), g, nt, comps, s[0], s[1], List.of());
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[4][];
        for (int i = 0; i < 4; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    @Override
    public String toString() {
        return "NiftiImage[" + path + ", " + data + ", affine from " + affineSource + "]";
    }
}
