// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nifti;

/**
 * The voxel-to-world (RAS+, mm) affine of a NIfTI header, chosen as nibabel 5.0's
 * {@code img.affine} ({@code get_best_affine}) chooses it, and the quaternion form a writer needs.
 *
 * <p>Rules (nifti1.h "3D IMAGE (VOLUME) ORIENTATION AND LOCATION IN SPACE", with nibabel's
 * load-time fixes): an xform code outside 0..5 counts as 0; then the sform rows when
 * sform_code &gt; 0, else the quaternion form when qform_code &gt; 0, else nibabel's fallback
 * ({@code get_base_affine}: -pixdim[1], pixdim[2], pixdim[3] on the diagonal, the image centre
 * at the origin). For the quaternion form a = sqrt(1 - b² - c² - d²), pixdim[1..3] zero become
 * 1 and negative their absolute value, and qfac is pixdim[0] when it is -1 or 1, else 1.
 */
public final class NiftiAffine {
    /** Where an affine came from. */
    public enum Source {
        /** srow_x, srow_y, srow_z (sform_code &gt; 0). */
        SFORM,
        /** quatern_b/c/d, qoffset_x/y/z, pixdim, qfac (qform_code &gt; 0). */
        QFORM,
        /** No usable code: nibabel's {@code get_base_affine} from shape and pixdim. */
        FALLBACK
    }

    private NiftiAffine() {
    }

    /** A code nibabel keeps: 0..5 (unknown, scanner, aligned, talairach, mni, template), else 0. */
    static int effectiveCode(int code) {
        return code >= 0 && code <= 5 ? code : 0;
    }

    /** The source nibabel uses for {@code img.affine}. */
    public static Source sourceOf(NiftiHeader h) {
        if (effectiveCode(h.sformCode) != 0) {
            return Source.SFORM;
        }
        if (effectiveCode(h.qformCode) != 0) {
            return Source.QFORM;
        }
        return Source.FALLBACK;
    }

    /** The 4x4 affine from the source {@link #sourceOf} picks. */
    public static double[][] best(NiftiHeader h) {
        return switch (sourceOf(h)) {
            case SFORM -> sform(h);
            case QFORM -> qform(h);
            case FALLBACK -> fallback(h);
        };
    }

    /** The sform rows as a 4x4 matrix, whatever sform_code says. */
    public static double[][] sform(NiftiHeader h) {
        return new double[][] {h.srowX.clone(), h.srowY.clone(), h.srowZ.clone(), {0, 0, 0, 1}};
    }

    /** The quaternion form as a 4x4 matrix, whatever qform_code says. */
    public static double[][] qform(NiftiHeader h) {
        double b = h.quaternB;
        double c = h.quaternC;
        double d = h.quaternD;
        double w2 = 1.0 - (b * b + c * c + d * d);
        // float32 rounding can make w² slightly negative for a 180° rotation: nibabel takes 0 there
        double a = w2 > 0 ? Math.sqrt(w2) : 0;
        double[][] r = rotation(a, b, c, d);
        double[] vox = spatialPixdims(h);
        vox[2] *= h.effectiveQfac();
        double[][] m = new double[4][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[i][j] = r[i][j] * vox[j];
            }
        }
        m[0][3] = h.qoffsetX;
        m[1][3] = h.qoffsetY;
        m[2][3] = h.qoffsetZ;
        m[3][3] = 1;
        return m;
    }

    /** nibabel's {@code get_base_affine}: zooms on the diagonal (x flipped), centred on the image. */
    public static double[][] fallback(NiftiHeader h) {
        double[] shape = {1, 1, 1};
        double[] zooms = {1, 1, 1};
        double[] vox = spatialPixdims(h);
        int n = Math.min(3, h.rank());
        for (int i = 0; i < n; i++) {
            shape[i] = h.dim[i + 1];
            zooms[i] = vox[i];
        }
        zooms[0] = -zooms[0];
        double[][] m = new double[4][4];
        for (int i = 0; i < 3; i++) {
            m[i][i] = zooms[i];
            m[i][3] = -((shape[i] - 1) / 2.0) * zooms[i] + 0.0;
        }
        m[3][3] = 1;
        return m;
    }

    /** pixdim[1..3] after nibabel's fixes: 0 becomes 1, negative becomes its absolute value. */
    private static double[] spatialPixdims(NiftiHeader h) {
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            double p = h.pixdim[i + 1];
            v[i] = p == 0 ? 1 : Math.abs(p);
        }
        return v;
    }

    /** The rotation matrix of unit quaternion (a, b, c, d), a the real part. */
    static double[][] rotation(double a, double b, double c, double d) {
        double n = a * a + b * b + c * c + d * d;
        if (n < 1e-15) {
            return new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        }
        double s = 2.0 / n;
        double x = b * s;
        double y = c * s;
        double z = d * s;
        return new double[][] {
            {1.0 - (c * y + d * z), b * y - a * z, b * z + a * y},
            {b * y + a * z, 1.0 - (b * x + d * z), c * z - a * x},
            {b * z - a * y, c * z + a * x, 1.0 - (b * x + c * y)}};
    }

    /**
     * The quaternion form of a voxel-to-RAS affine, for writing a qform: {b, c, d, qfac} with
     * a &gt;= 0 implied. Zooms are the column norms; a matrix with shear (a tilted gantry) is
     * replaced by its nearest rotation (polar decomposition), as nibabel's {@code set_qform}
     * strips shears. A left-handed matrix gets qfac -1 and its third column negated.
     */
    static double[] quaternion(double[][] affine) {
        double[][] r = new double[3][3];
        for (int j = 0; j < 3; j++) {
            double norm = Math.sqrt(affine[0][j] * affine[0][j] + affine[1][j] * affine[1][j]
                    + affine[2][j] * affine[2][j]);
            for (int i = 0; i < 3; i++) {
                r[i][j] = norm == 0 ? (i == j ? 1 : 0) : affine[i][j] / norm;
            }
        }
        double qfac = 1;
        if (det(r) < 0) {
            qfac = -1;
            for (int i = 0; i < 3; i++) {
                r[i][2] = -r[i][2];
            }
        }
        r = nearestRotation(r);
        double a;
        double b;
        double c;
        double d;
        double trace = r[0][0] + r[1][1] + r[2][2];
        if (trace > 0) {
            double s = 2 * Math.sqrt(1 + trace);
            a = s / 4;
            b = (r[2][1] - r[1][2]) / s;
            c = (r[0][2] - r[2][0]) / s;
            d = (r[1][0] - r[0][1]) / s;
        } else if (r[0][0] > r[1][1] && r[0][0] > r[2][2]) {
            double s = 2 * Math.sqrt(1 + r[0][0] - r[1][1] - r[2][2]);
            a = (r[2][1] - r[1][2]) / s;
            b = s / 4;
            c = (r[0][1] + r[1][0]) / s;
            d = (r[0][2] + r[2][0]) / s;
        } else if (r[1][1] > r[2][2]) {
            double s = 2 * Math.sqrt(1 + r[1][1] - r[0][0] - r[2][2]);
            a = (r[0][2] - r[2][0]) / s;
            b = (r[0][1] + r[1][0]) / s;
            c = s / 4;
            d = (r[1][2] + r[2][1]) / s;
        } else {
            double s = 2 * Math.sqrt(1 + r[2][2] - r[0][0] - r[1][1]);
            a = (r[1][0] - r[0][1]) / s;
            b = (r[0][2] + r[2][0]) / s;
            c = (r[1][2] + r[2][1]) / s;
            d = s / 4;
        }
        if (a < 0) {
            b = -b;
            c = -c;
            d = -d;
        }
        return new double[] {b, c, d, qfac};
    }

    /** Polar decomposition by Newton iteration X <- (X + X^-T) / 2; a no-op for a rotation. */
    private static double[][] nearestRotation(double[][] m) {
        double[][] x = m;
        for (int it = 0; it < 50; it++) {
            double[][] invT = transpose(invert(x));
            double[][] next = new double[3][3];
            double change = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    next[i][j] = (x[i][j] + invT[i][j]) / 2;
                    change = Math.max(change, Math.abs(next[i][j] - x[i][j]));
                }
            }
            x = next;
            if (change < 1e-15) {
                break;
            }
        }
        return x;
    }

    static double det(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    private static double[][] invert(double[][] m) {
        double dt = det(m);
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int i1 = (j + 1) % 3;
                int i2 = (j + 2) % 3;
                int j1 = (i + 1) % 3;
                int j2 = (i + 2) % 3;
                r[i][j] = (m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1]) / dt;
            }
        }
        return r;
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                t[i][j] = m[j][i];
            }
        }
        return t;
    }
}
