// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.volume.SliceExtractor.DisplaySlice;
import org.scanbase.volume.SliceExtractor.Plane;

class SliceExtractorTest {
    static final int NX = 7;
    static final int NY = 5;
    static final int NZ = 4;

    /** A volume whose voxel (i, j, k) holds 10000 k + 100 j + i. */
    static Volume volume(double[] direction) {
        int[] data = new int[NX * NY * NZ];
        for (int k = 0; k < NZ; k++) {
            for (int j = 0; j < NY; j++) {
                for (int i = 0; i < NX; i++) {
                    data[(k * NY + j) * NX + i] = 10000 * k + 100 * j + i;
                }
            }
        }
        Geometry g = new Geometry(new int[] {NX, NY, NZ}, new double[] {0.7, 1.3, 2.5}, new double[] {1, 2, 3},
                direction);
        return Volume.of(new NdArray(DType.INT32, new int[] {NZ, NY, NX}, data), g);
    }

    /** The LPS position of the voxel whose value a display pixel shows. */
    static double[] lpsOf(Volume v, DisplaySlice s, int r, int c) {
        int value = (int) s.pixels().getDouble(r * s.pixels().shape(1) + c);
        return v.geometry().voxelToLps(value % 100, (value / 100) % 100, value / 10000);
    }

    /**
     * Asserts the display convention from the patient positions of the pixels: moving right goes
     * towards +colLps (L or P), moving down goes towards +rowLps (P) or -rowLps (I).
     */
    static void assertDisplay(Volume v, DisplaySlice s, int colLps, int rowLps, boolean downIsPositive) {
        int rows = s.pixels().shape(0);
        int cols = s.pixels().shape(1);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c + 1 < cols; c++) {
                assertThat(lpsOf(v, s, r, c + 1)[colLps]).isGreaterThan(lpsOf(v, s, r, c)[colLps]);
            }
        }
        for (int r = 0; r + 1 < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double d = lpsOf(v, s, r + 1, c)[rowLps] - lpsOf(v, s, r, c)[rowLps];
                assertThat(downIsPositive ? d : -d).isPositive();
            }
        }
    }

    static final double[] LPS_IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    /** i towards the patient's right, j anterior, k inferior: every axis reversed. */
    static final double[] REVERSED = {-1, 0, 0, 0, -1, 0, 0, 0, -1};
    /** A sagittal acquisition: rows along posterior, columns downwards, slices towards the right. */
    static final double[] SAGITTAL = {0, 0, -1, 1, 0, 0, 0, -1, 0};

    @Test
    void showsAxialSlicesWithAnteriorUpAndPatientRightOnTheLeft() {
        for (double[] dir : new double[][] {LPS_IDENTITY, REVERSED, SAGITTAL}) {
            Volume v = volume(dir);
            DisplaySlice s = SliceExtractor.extract(v, Plane.AXIAL, 1);
            assertThat(new String[] {s.top(), s.bottom(), s.left(), s.right()}).containsExactly("A", "P", "R", "L");
            assertDisplay(v, s, 0, 1, true);
        }
    }

    @Test
    void showsCoronalSlicesWithSuperiorUpAndPatientRightOnTheLeft() {
        for (double[] dir : new double[][] {LPS_IDENTITY, REVERSED, SAGITTAL}) {
            Volume v = volume(dir);
            DisplaySlice s = SliceExtractor.extract(v, Plane.CORONAL, 2);
            assertThat(new String[] {s.top(), s.bottom(), s.left(), s.right()}).containsExactly("S", "I", "R", "L");
            assertDisplay(v, s, 0, 2, false);
        }
    }

    @Test
    void showsSagittalSlicesWithSuperiorUpAndAnteriorOnTheLeft() {
        for (double[] dir : new double[][] {LPS_IDENTITY, REVERSED, SAGITTAL}) {
            Volume v = volume(dir);
            DisplaySlice s = SliceExtractor.extract(v, Plane.SAGITTAL, 0);
            assertThat(new String[] {s.top(), s.bottom(), s.left(), s.right()}).containsExactly("S", "I", "A", "P");
            assertDisplay(v, s, 1, 2, false);
        }
    }

    @Test
    void keepsAnAxialCtSliceAsStoredWithItsSpacing() {
        Volume v = volume(LPS_IDENTITY);
        DisplaySlice s = SliceExtractor.extract(v, Plane.AXIAL, 3);
        assertThat(s.pixels().shape()).containsExactly(NY, NX);
        assertThat(s.pixels().getDouble(0)).isEqualTo(30000);
        assertThat(s.pixels().getDouble(NX + 2)).isEqualTo(30102);
        assertThat(s.rowSpacing()).isEqualTo(1.3);
        assertThat(s.columnSpacing()).isEqualTo(0.7);
        assertThat(SliceExtractor.count(v, Plane.CORONAL)).isEqualTo(NY);
        assertThat(SliceExtractor.axisFor(v, Plane.SAGITTAL)).isZero();
    }

    @Test
    void picksTheClosestAxesOfAnObliqueVolumeAndNamesTheEdgesWithTwoLetters() {
        TestSeries t = new TestSeries().oblique();
        double[] n = t.normal();
        Volume v = volume(new double[] {t.row[0], t.col[0], n[0], t.row[1], t.col[1], n[1], t.row[2], t.col[2], n[2]});
        DisplaySlice s = SliceExtractor.extract(v, Plane.AXIAL, 2);
        assertThat(s.voxelAxis()).isEqualTo(2);
        assertThat(s.left()).startsWith("R").hasSizeGreaterThan(1);
        assertThat(s.top()).startsWith("A");
        assertDisplay(v, s, 0, 1, true);
    }

    @Test
    void slicesAlongAnyVoxelAxisAsStored() {
        Volume v = volume(LPS_IDENTITY);
        DisplaySlice s = SliceExtractor.slice(v, 0, 4);
        assertThat(s.pixels().shape()).containsExactly(NZ, NY);
        assertThat(s.pixels().getDouble(1 * NY + 3)).isEqualTo(10000 + 300 + 4);
        assertThat(new String[] {s.top(), s.bottom(), s.left(), s.right()}).containsExactly("I", "S", "A", "P");
        assertThatThrownBy(() -> SliceExtractor.slice(v, 2, NZ)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
