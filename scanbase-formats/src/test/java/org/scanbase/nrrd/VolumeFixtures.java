// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nrrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

/** Test volumes with oblique, anisotropic geometry and random values; comparison helpers. Shared with MetaImage tests. */
public final class VolumeFixtures {
    private VolumeFixtures() {
    }

    /** A rotation by 20° about z then 10° about x, spacing 0.7 x 0.9 x 2.5 mm. */
    public static Geometry oblique(int nx, int ny, int nz) {
        double a = Math.toRadians(20);
        double b = Math.toRadians(10);
        double[][] rz = {{Math.cos(a), -Math.sin(a), 0}, {Math.sin(a), Math.cos(a), 0}, {0, 0, 1}};
        double[][] rx = {{1, 0, 0}, {0, Math.cos(b), -Math.sin(b)}, {0, Math.sin(b), Math.cos(b)}};
        double[] dir = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < 3; k++) {
                    dir[r * 3 + c] += rx[r][k] * rz[k][c];
                }
            }
        }
        return new Geometry(new int[] {nx, ny, nz}, new double[] {0.7, 0.9, 2.5}, new double[] {-120.5, 33.25, 71}, dir);
    }

    /** Random values over the type's range (floats: normal * 1000). */
    public static NdArray values(DType dtype, int[] shape, long seed) {
        NdArray arr = NdArray.allocate(dtype, shape);
        Random r = new Random(seed);
        for (int i = 0; i < arr.size(); i++) {
            Object d = arr.data();
            switch (dtype) {
                case UINT8, INT8 -> ((byte[]) d)[i] = (byte) r.nextInt();
                case UINT16, INT16 -> ((short[]) d)[i] = (short) r.nextInt();
                case UINT32, INT32 -> ((int[]) d)[i] = r.nextInt();
                case INT64, UINT64 -> ((long[]) d)[i] = r.nextLong();
                case FLOAT32 -> ((float[]) d)[i] = (float) (r.nextGaussian() * 1000);
                case FLOAT64 -> ((double[]) d)[i] = r.nextGaussian() * 1000;
            }
        }
        return arr;
    }

    /** An oblique volume of nx x ny x nz (x nt) voxels of {@code components} values. */
    public static Volume volume(DType dtype, int nx, int ny, int nz, int nt, int components) {
        int[] shape = nt > 1 ? new int[] {nt, nz, ny, nx} : new int[] {nz, ny, nx};
        if (components > 1) {
            shape = Arrays.copyOf(shape, shape.length + 1);
            shape[shape.length - 1] = components;
        }
        return new Volume(values(dtype, shape, 7 + dtype.ordinal()), oblique(nx, ny, nz), nt, components, 1, 0, List.of());
    }

    /** Asserts equal values (bit for bit), layout and geometry (within 1e-9 mm). */
    public static void assertSameVolume(Volume actual, Volume expected) {
        assertThat(actual.voxels().dtype()).isEqualTo(expected.voxels().dtype());
        assertThat(actual.voxels().shape()).containsExactly(expected.voxels().shape());
        assertThat(actual.voxels().sha256()).isEqualTo(expected.voxels().sha256());
        assertThat(actual.components()).isEqualTo(expected.components());
        assertThat(actual.timepoints()).isEqualTo(expected.timepoints());
        assertThat(actual.slope()).isEqualTo(expected.slope());
        assertThat(actual.intercept()).isEqualTo(expected.intercept());
        assertSameGeometry(actual.geometry(), expected.geometry(), 1e-9);
    }

    public static void assertSameGeometry(Geometry actual, Geometry expected, double tol) {
        assertThat(actual.size()).containsExactly(expected.size());
        assertThat(actual.spacing()).containsExactly(expected.spacing(), within(tol));
        assertThat(actual.origin()).containsExactly(expected.origin(), within(tol));
        assertThat(actual.direction()).containsExactly(expected.direction(), within(tol));
    }

    /** Text header (ISO-8859-1) followed by the bytes. */
    public static byte[] concat(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = Arrays.copyOf(h, h.length + data.length);
        System.arraycopy(data, 0, out, h.length, data.length);
        return out;
    }

    /** 16-bit values in the given byte order. */
    public static byte[] shorts(ByteOrder order, int... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(order);
        for (int x : v) {
            b.putShort((short) x);
        }
        return b.array();
    }

    public static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
