// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nifti;

import java.util.List;
import java.util.Random;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

/** Small volumes with known values and an oblique, anisotropic geometry. */
final class TestVolumes {
    private TestVolumes() {
    }

    /** Direction: a rotation by 20° about z then 10° about x (right-handed), in LPS. */
    static Geometry oblique(int nx, int ny, int nz, boolean rightHanded) {
        double a = Math.toRadians(20);
        double b = Math.toRadians(10);
        double[][] rz = {{Math.cos(a), -Math.sin(a), 0}, {Math.sin(a), Math.cos(a), 0}, {0, 0, 1}};
        double[][] rx = {{1, 0, 0}, {0, Math.cos(b), -Math.sin(b)}, {0, Math.sin(b), Math.cos(b)}};
        double[] dir = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += rx[r][k] * rz[k][c];
                }
                dir[r * 3 + c] = c == 2 && !rightHanded ? -s : s;
            }
        }
        return new Geometry(new int[] {nx, ny, nz}, new double[] {0.7, 0.9, 2.5}, new double[] {-120.5, 33.25, 71}, dir);
    }

    /** Random values over the whole range of {@code dtype} (floats: normal * 1000). */
    static NdArray values(DType dtype, int[] shape, long seed) {
        NdArray a = NdArray.allocate(dtype, shape);
        Random r = new Random(seed);
        Object d = a.data();
        for (int i = 0; i < a.size(); i++) {
            switch (dtype) {
                case UINT8, INT8 -> ((byte[]) d)[i] = (byte) r.nextInt();
                case UINT16, INT16 -> ((short[]) d)[i] = (short) r.nextInt();
                case UINT32, INT32 -> ((int[]) d)[i] = r.nextInt();
                case INT64, UINT64 -> ((long[]) d)[i] = r.nextLong();
                case FLOAT32 -> ((float[]) d)[i] = (float) (r.nextGaussian() * 1000);
                case FLOAT64 -> ((double[]) d)[i] = r.nextGaussian() * 1000;
            }
        }
        return a;
    }

    static Volume volume(DType dtype, int nx, int ny, int nz, int nt, int components, double slope, double inter) {
        int[] shape = nt > 1 ? new int[] {nt, nz, ny, nx} : new int[] {nz, ny, nx};
        if (components > 1) {
            shape = java.util.Arrays.copyOf(shape, shape.length + 1);
            shape[shape.length - 1] = components;
        }
        return new Volume(values(dtype, shape, 42 + dtype.ordinal()), oblique(nx, ny, nz, true), nt, components,
                slope, inter, List.of());
    }
}
