// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.util.Arrays;

/**
 * Where a voxel grid lies in patient space: the grid size, the spacing in mm along each voxel
 * axis, the LPS position (mm) of the centre of voxel (0,0,0), and the direction cosines of the
 * three voxel axes in LPS. Voxel axis i runs along image columns, j along rows and k along
 * slices (for DICOM series: ascending position along the slice normal).
 *
 * <p>LPS is DICOM's patient coordinate system (PS3.3 C.7.6.2.1.1: x towards the patient's left,
 * y posterior, z head). NIfTI and nibabel use RAS; {@link #rasAffine()} gives that form.
 *
 * @param size      voxels along i, j, k
 * @param spacing   mm between voxel centres along i, j, k (positive)
 * @param origin    LPS mm of the centre of voxel (0,0,0)
 * @param direction 3x3 row-major: column c is the unit LPS vector of voxel axis c, i.e.
 *                  {@code direction[r * 3 + c]}
 */
public record Geometry(int[] size, double[] spacing, double[] origin, double[] direction) {

    public Geometry {
        if (size.length != 3 || spacing.length != 3 || origin.length != 3 || direction.length != 9) {
            throw new IllegalArgumentException("geometry needs 3 sizes, 3 spacings, 3 origin values and 9 direction"
                    + " cosines, got " + size.length + ", " + spacing.length + ", " + origin.length + ", " + direction.length);
        }
        size = size.clone();
        spacing = spacing.clone();
        origin = origin.clone();
        direction = direction.clone();
    }

    /** An axis-aligned grid (identity direction) in LPS. */
    public static Geometry axisAligned(int[] size, double[] spacing, double[] origin) {
        return new Geometry(size, spacing, origin, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    }

    @Override
    public int[] size() {
        return size.clone();
    }

    @Override
    public double[] spacing() {
        return spacing.clone();
    }

    @Override
    public double[] origin() {
        return origin.clone();
    }

    @Override
    public double[] direction() {
        return direction.clone();
    }

    /** The unit LPS vector of voxel axis {@code axis} (0 = i, 1 = j, 2 = k). */
    public double[] axis(int axis) {
        return new double[] {direction[axis], direction[3 + axis], direction[6 + axis]};
    }

    /** 4x4 matrix taking voxel (i, j, k, 1) to LPS mm. */
    public double[][] lpsAffine() {
        double[][] m = new double[4][4];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                m[r][c] = direction[r * 3 + c] * spacing[c];
            }
            m[r][3] = origin[r];
        }
        m[3][3] = 1;
        return m;
    }

    /** 4x4 matrix taking voxel (i, j, k, 1) to RAS mm: the NIfTI sform / nibabel affine. */
    public double[][] rasAffine() {
        double[][] m = lpsAffine();
        for (int c = 0; c < 4; c++) {
            m[0][c] = -m[0][c];
            m[1][c] = -m[1][c];
        }
        return m;
    }

    /**
     * The geometry of a grid whose voxel-to-RAS affine is given (NIfTI convention): spacing
     * from the column norms, direction from the normalised columns, origin from the translation.
     *
     * @throws IllegalArgumentException when a column of the affine is zero
     */
    public static Geometry fromRasAffine(int[] size, double[][] ras) {
        double[] spacing = new double[3];
        double[] dir = new double[9];
        double[] origin = {-ras[0][3], -ras[1][3], ras[2][3]};
        for (int c = 0; c < 3; c++) {
            double[] col = {-ras[0][c], -ras[1][c], ras[2][c]};
            double n = Math.sqrt(col[0] * col[0] + col[1] * col[1] + col[2] * col[2]);
            if (n == 0 || !Double.isFinite(n)) {
                throw new IllegalArgumentException("affine column " + c + " is zero or not finite: "
                        + Arrays.deepToString(ras));
            }
            spacing[c] = n;
            for (int r = 0; r < 3; r++) {
                dir[r * 3 + c] = col[r] / n;
            }
        }
        return new Geometry(size, spacing, origin, dir);
    }

    /** LPS mm of the centre of voxel (i, j, k); fractional indices allowed. */
    public double[] voxelToLps(double i, double j, double k) {
        double[] p = new double[3];
        for (int r = 0; r < 3; r++) {
            p[r] = origin[r] + direction[r * 3] * spacing[0] * i + direction[r * 3 + 1] * spacing[1] * j
                    + direction[r * 3 + 2] * spacing[2] * k;
        }
        return p;
    }

    /**
     * Continuous voxel index (i, j, k) of an LPS point. Exact for orthonormal directions; for
     * sheared grids (gantry tilt) the inverse of the full 3x3 matrix is used.
     */
    public double[] lpsToVoxel(double x, double y, double z) {
        double[][] a = lpsAffine();
        double[] d = {x - a[0][3], y - a[1][3], z - a[2][3]};
        double[][] inv = invert3(a);
        double[] v = new double[3];
        for (int r = 0; r < 3; r++) {
            v[r] = inv[r][0] * d[0] + inv[r][1] * d[1] + inv[r][2] * d[2];
        }
        return v;
    }

    private static double[][] invert3(double[][] m) {
        double a = m[0][0], b = m[0][1], c = m[0][2];
        double d = m[1][0], e = m[1][1], f = m[1][2];
        double g = m[2][0], h = m[2][1], k = m[2][2];
        double det = a * (e * k - f * h) - b * (d * k - f * g) + c * (d * h - e * g);
        if (det == 0) {
            throw new IllegalArgumentException("voxel-to-patient matrix is singular");
        }
        return new double[][] {
            {(e * k - f * h) / det, (c * h - b * k) / det, (b * f - c * e) / det},
            {(f * g - d * k) / det, (a * k - c * g) / det, (c * d - a * f) / det},
            {(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det}};
    }

    /** Number of voxels in the grid. */
    public long voxelCount() {
        return (long) size[0] * size[1] * size[2];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Geometry g && Arrays.equals(size, g.size) && Arrays.equals(spacing, g.spacing)
                && Arrays.equals(origin, g.origin) && Arrays.equals(direction, g.direction);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(size) * 31 + Arrays.hashCode(origin);
    }

    @Override
    public String toString() {
        return "Geometry[size=" + Arrays.toString(size) + ", spacing=" + Arrays.toString(spacing) + ", origin="
                + Arrays.toString(origin) + ", direction=" + Arrays.toString(direction) + "]";
    }
}
