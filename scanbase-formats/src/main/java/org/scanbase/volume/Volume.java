// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.util.List;
import java.util.Objects;
import org.scanbase.array.NdArray;

/**
 * A 3-D (or 4-D) image on a grid in patient space: the stored voxel values, their geometry, and
 * the linear scaling from stored to real values (HU for CT; NIfTI's scl_slope / scl_inter; DICOM
 * RescaleSlope / RescaleIntercept when all slices share them).
 *
 * <p>Voxels are held in C order with i (column, x) fastest: shape {@code [nz, ny, nx]}, or
 * {@code [nt, nz, ny, nx]} for 4-D, with a trailing axis of {@code components} for vector or RGB
 * voxels. This is the byte order of a NIfTI, NRRD or MetaImage file, so no reordering happens
 * on read or write.
 *
 * @param voxels     the stored values
 * @param geometry   where the grid lies (its size is nx, ny, nz)
 * @param timepoints volumes along the 4th dimension (1 for 3-D)
 * @param components values per voxel (1 scalar, 3 RGB)
 * @param slope      real = stored * slope + intercept
 * @param intercept  see slope
 * @param warnings   problems found while building the volume (spacing, tilt...), for reports
 */
public record Volume(NdArray voxels, Geometry geometry, int timepoints, int components, double slope,
                     double intercept, List<String> warnings) {

    public Volume {
        Objects.requireNonNull(voxels, "voxels");
        Objects.requireNonNull(geometry, "geometry");
        warnings = List.copyOf(warnings);
        long expected = geometry.voxelCount() * timepoints * components;
        if (voxels.size() != expected) {
            throw new IllegalArgumentException("volume of " + geometry.voxelCount() + " voxels x " + timepoints
                    + " timepoints x " + components + " components needs " + expected + " values, has " + voxels.size());
        }
    }

    /** A scalar 3-D volume without scaling or warnings. */
    public static Volume of(NdArray voxels, Geometry geometry) {
        return new Volume(voxels, geometry, 1, 1, 1, 0, List.of());
    }

    public int nx() {
        return geometry.size()[0];
    }

    public int ny() {
        return geometry.size()[1];
    }

    public int nz() {
        return geometry.size()[2];
    }

    /** True when stored values need no scaling to be real values. */
    public boolean unscaled() {
        return slope == 1 && intercept == 0;
    }

    /** Flat index of voxel (i, j, k) at timepoint 0, component 0. */
    public int index(int i, int j, int k) {
        int[] s = geometry.size();
        return ((k * s[1] + j) * s[0] + i) * components;
    }

    /** The stored value of voxel (i, j, k) (timepoint 0, component 0). */
    public double stored(int i, int j, int k) {
        return voxels.getDouble(index(i, j, k));
    }

    /** The real value (stored * slope + intercept) of voxel (i, j, k). */
    public double real(int i, int j, int k) {
        return stored(i, j, k) * slope + intercept;
    }

    /** The same voxels with other geometry, scaling or warnings kept. */
    public Volume withWarnings(List<String> more) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new Volume(voxels, geometry, timepoints, components, slope, intercept, all);
    }
}
