// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.array.DType;

class SeriesAssemblerTest {
    @TempDir
    Path tmp;

    /** Asserts every voxel holds the value written for (i, j, written slice kToW[k]) and the grid is analytic. */
    static void assertVoxels(Volume v, TestSeries s, int[] kToW) {
        assertThat(v.voxels().shape()).containsExactly(kToW.length, s.ny, s.nx);
        for (int k = 0; k < kToW.length; k++) {
            for (int j = 0; j < s.ny; j++) {
                for (int i = 0; i < s.nx; i++) {
                    if (v.stored(i, j, k) != TestSeries.value(i, j, kToW[k])) {
                        throw new AssertionError("voxel (" + i + "," + j + "," + k + ") is " + v.stored(i, j, k)
                                + ", expected the value of column " + i + ", row " + j + " of written slice " + kToW[k]);
                    }
                }
            }
        }
    }

    /** Asserts voxel (i, j, k) lies at IPP(w) + i * columnSpacing * row + j * rowSpacing * col. */
    static void assertPlacement(Geometry g, TestSeries s, int[] kToW) {
        for (int k = 0; k < kToW.length; k++) {
            for (int[] ij : new int[][] {{0, 0}, {s.nx - 1, 0}, {0, s.ny - 1}, {17, 29}}) {
                double[] p = s.position(kToW[k]);
                double[] expected = new double[3];
                for (int r = 0; r < 3; r++) {
                    expected[r] = p[r] + ij[0] * s.columnSpacing * s.row[r] + ij[1] * s.rowSpacing * s.col[r];
                }
                double[] actual = g.voxelToLps(ij[0], ij[1], k);
                for (int r = 0; r < 3; r++) {
                    assertThat(actual[r]).as("LPS[%d] of voxel (%d,%d,%d)", r, ij[0], ij[1], k)
                            .isCloseTo(expected[r], within(1e-6));
                }
            }
        }
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    @Test
    void assemblesAnObliqueAnisotropicNonSquareSeriesFromShuffledFiles() throws IOException {
        TestSeries s = new TestSeries().oblique();
        s.write(tmp);
        Volume v = SeriesAssembler.assemble(tmp, null, SeriesAssembler.Options.STRICT);

        assertVoxels(v, s, identity(s.nz));
        assertPlacement(v.geometry(), s, identity(s.nz));
        Geometry g = v.geometry();
        assertThat(g.size()).containsExactly(64, 48, 6);
        assertThat(g.spacing()[0]).as("spacing along i = PixelSpacing[1]").isCloseTo(0.7, within(1e-9));
        assertThat(g.spacing()[1]).as("spacing along j = PixelSpacing[0]").isCloseTo(1.3, within(1e-9));
        assertThat(g.spacing()[2]).isCloseTo(2.5, within(1e-6));
        double[] n = s.normal();
        for (int r = 0; r < 3; r++) {
            assertThat(g.axis(0)[r]).isCloseTo(s.row[r], within(1e-9));
            assertThat(g.axis(1)[r]).isCloseTo(s.col[r], within(1e-9));
            assertThat(g.axis(2)[r]).isCloseTo(n[r], within(1e-9));
        }
        assertThat(v.voxels().dtype()).isEqualTo(DType.UINT16);
        assertThat(v.slope()).isEqualTo(1);
        assertThat(v.intercept()).isEqualTo(-1024);
        assertThat(v.warnings()).isEmpty();
    }

    @Test
    void ordersReversedSlicesAscendingAlongTheNormal() throws IOException {
        TestSeries s = new TestSeries().oblique();
        s.step = StackGeometry.scale(s.step, -1);
        s.write(tmp);
        Volume v = SeriesAssembler.assemble(tmp, null, SeriesAssembler.Options.STRICT);

        int[] kToW = {5, 4, 3, 2, 1, 0};
        assertVoxels(v, s, kToW);
        assertPlacement(v.geometry(), s, kToW);
        assertThat(v.geometry().origin()).containsExactly(s.position(5), within(1e-9));
    }

    @Test
    void reportsAMissingSliceWithItsPlaceAndRefusesItWhenStrict() throws IOException {
        TestSeries s = new TestSeries().oblique();
        s.skip.add(3);
        s.write(tmp);
        Volume v = SeriesAssembler.assemble(tmp, null, SeriesAssembler.Options.LENIENT);

        assertVoxels(v, s, new int[] {0, 1, 2, 4, 5});
        assertThat(v.geometry().spacing()[2]).isCloseTo(2.5, within(1e-6));
        assertThat(v.warnings()).singleElement().asString()
                .contains("missing slices", "gap of 5 mm between slice 2", "and slice 3", "about 1 slice missing");
        assertThatThrownBy(() -> SeriesAssembler.assemble(tmp, null, SeriesAssembler.Options.STRICT))
                .isInstanceOf(SeriesException.class).hasMessageContaining("missing slices");
    }

    @Test
    void doesNotLetAGapInflateTheStepOfAShortSeries() throws IOException {
        TestSeries s = new TestSeries();
        s.nz = 3;
        s.skip.add(1);
        s.write(tmp);
        TestSeries one = new TestSeries();
        one.nz = 4;
        one.skip.addAll(List.of(0, 1, 2));
        one.write(tmp.resolve("fourth"));
        Volume v = SeriesAssembler.assemble(tmp, null, SeriesAssembler.Options.LENIENT);

        // steps 5 and 2.5: a step of 2.5 with one slice missing, not a step of 3.75
        assertThat(v.geometry().spacing()[2]).isCloseTo(2.5, within(1e-6));
        assertThat(v.warnings()).singleElement().asString().contains("gap of 5 mm between slice 0", "about 1 slice");
    }

    @Test
    void reportsNonUniformSpacingWithTheTolerance() throws IOException {
        TestSeries s = new TestSeries();
        s.nudge.put(5, new double[] {0, 0, 0.2});
        s.write(tmp);
        Volume v = SeriesAssembler.assemble(tmp, null, SeriesAssembler.Options.LENIENT);

        assertVoxels(v, s, identity(6));
        assertThat(v.geometry().spacing()[2]).isCloseTo(2.5, within(1e-6));
        assertThat(v.warnings()).singleElement().asString()
                .contains("non-uniform slice spacing", "2.5 to 2.7 mm", "tolerance 0.025 mm");
    }

    @Test
    void placesTiltedGantrySlicesOnAShearedGridAndReportsTheAngle() throws IOException {
        TestSeries s = new TestSeries();
        s.step = new double[] {0, 2.5 * Math.tan(Math.toRadians(15)), 2.5};
        s.write(tmp);
        Volume v = SeriesAssembler.assemble(tmp, null, SeriesAssembler.Options.LENIENT);

        assertVoxels(v, s, identity(6));
        assertPlacement(v.geometry(), s, identity(6));
        assertThat(v.warnings()).singleElement().asString().contains("gantry tilt", "15.000 degrees");
        assertThatThrownBy(() -> SeriesAssembler.assemble(tmp, null, SeriesAssembler.Options.STRICT))
                .isInstanceOf(SeriesException.class).hasMessageContaining("gantry tilt");
    }

    @Test
    void assemblesAnEnhancedMultiFrameFileLikeSingleFrames() throws IOException {
        TestSeries s = new TestSeries().oblique();
        List<Integer> frameToW = s.writeEnhanced(tmp.resolve("enhanced.dcm"));
        assertThat(frameToW).isNotEqualTo(List.of(0, 1, 2, 3, 4, 5));
        Volume v = SeriesAssembler.assemble(tmp, null, SeriesAssembler.Options.STRICT);

        assertVoxels(v, s, identity(6));
        assertPlacement(v.geometry(), s, identity(6));
        assertThat(v.intercept()).isEqualTo(-1024);
    }

    @Test
    void convertsToFloatRealValuesWhenTheRescaleVariesPerSlice() throws IOException {
        TestSeries s = new TestSeries().oblique();
        s.rescale = w -> new double[] {0.5 + 0.25 * w, -100 + w};
        s.write(tmp);
        Volume v = SeriesAssembler.assemble(tmp, null, SeriesAssembler.Options.STRICT);

        assertThat(v.voxels().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(v.unscaled()).isTrue();
        for (int k = 0; k < 6; k++) {
            double expected = TestSeries.value(3, 7, k) * (0.5 + 0.25 * k) + (-100 + k);
            assertThat(v.real(3, 7, k)).isCloseTo(expected, within(1e-3));
        }
        assertThat(v.warnings()).singleElement().asString().contains("RescaleSlope", "float32");
    }

    @Test
    void fallsBackToInstanceNumberWhenPositionsAreMissingAndSaysSo() throws IOException {
        TestSeries s = new TestSeries();
        s.shuffle = false;
        s.writePositions = false;
        s.write(tmp);
        Volume v = SeriesAssembler.assemble(tmp, null, SeriesAssembler.Options.LENIENT);

        assertVoxels(v, s, identity(6));
        assertThat(v.warnings()).singleElement().asString()
                .contains("ImagePositionPatient missing in 6 of 6", "InstanceNumber", "9.75 mm");
    }

    @Test
    void warnsAboutANonOrthonormalOrientation() throws IOException {
        TestSeries s = new TestSeries();
        s.col = new double[] {0.02, 1, 0};
        s.write(tmp);
        Volume v = SeriesAssembler.assemble(tmp, null, SeriesAssembler.Options.LENIENT);

        assertThat(v.warnings()).anySatisfy(w -> assertThat(w).contains("not orthonormal", "88.8"));
    }

    @Test
    void skipsATruncatedFileAndAssemblesTheRest() throws IOException {
        TestSeries s = new TestSeries().oblique();
        List<Path> files = s.write(tmp);
        Path broken = tmp.resolve("broken.dcm");
        byte[] whole = Files.readAllBytes(files.get(0));
        Files.write(broken, java.util.Arrays.copyOf(whole, whole.length - 1000));
        Files.writeString(tmp.resolve("README.txt"), "not DICOM");

        SeriesScan scan = SeriesScanner.scan(tmp);
        assertThat(scan.unreadable()).extracting(SeriesScan.Skipped::path)
                .containsExactlyInAnyOrder(broken, tmp.resolve("README.txt"));
        assertThat(scan.unreadable()).filteredOn(u -> u.path().equals(broken)).singleElement()
                .extracting(SeriesScan.Skipped::reason).asString().contains("PixelData");
        Volume v = SeriesAssembler.assemble(tmp, null, SeriesAssembler.Options.STRICT);
        assertVoxels(v, s, identity(6));
    }

    @Test
    void listsNonImageObjectsAndLeavesThemOut() throws IOException {
        TestSeries s = new TestSeries();
        s.write(tmp);
        s.writeRtstruct(tmp.resolve("RS.dcm"));

        SeriesScan scan = SeriesScanner.scan(tmp);
        assertThat(scan.series()).hasSize(1);
        assertThat(scan.nonImages()).singleElement().satisfies(n -> {
            assertThat(n.path()).isEqualTo(tmp.resolve("RS.dcm"));
            assertThat(n.reason()).isEqualTo("RTSTRUCT");
        });
    }

    @Test
    void refusesTwoSeriesInOneFolderUnlessOneIsPicked() throws IOException {
        TestSeries a = new TestSeries();
        a.write(tmp.resolve("a"));
        TestSeries b = new TestSeries().oblique();
        b.seriesUid = "1.2.826.0.1.3680043.10.543.7.2";
        b.description = "second";
        b.nz = 4;
        b.write(tmp.resolve("b"));

        assertThatThrownBy(() -> SeriesAssembler.assemble(tmp, null, SeriesAssembler.Options.LENIENT))
                .isInstanceOf(SeriesException.class)
                .hasMessageContaining("2 image series")
                .hasMessageContaining(a.seriesUid + " \"test series\" (6 images)")
                .hasMessageContaining(b.seriesUid + " \"second\" (4 images)");
        Volume v = SeriesAssembler.assemble(tmp, b.seriesUid, SeriesAssembler.Options.STRICT);
        assertVoxels(v, b, identity(4));
    }

    @Test
    void splitsMixedSizesAndEchoesIntoStacks() throws IOException {
        TestSeries a = new TestSeries();
        a.write(tmp.resolve("a"));
        TestSeries small = new TestSeries();
        small.nx = 32;
        small.ny = 24;
        small.write(tmp.resolve("small"));
        TestSeries echo2 = new TestSeries();
        echo2.echo = 2;
        echo2.write(tmp.resolve("echo2"));

        DicomSeries series = SeriesScanner.scan(tmp).series().get(0);
        List<SliceStack> stacks = series.stacks();
        assertThat(stacks).extracting(SliceStack::label)
                .containsExactlyInAnyOrder("64x48, orientation 1", "32x24, orientation 1", "64x48, orientation 1, echo 2");
        assertThat(stacks).allSatisfy(st -> assertThat(st.slices()).hasSize(6));
        assertThatThrownBy(() -> SeriesAssembler.onlyStack(series, tmp))
                .isInstanceOf(SeriesException.class).hasMessageContaining("3 stacks");
    }

    @Test
    void splitsRepeatedPositionsByAcquisitionOrRepeat() throws IOException {
        TestSeries a = new TestSeries();
        a.write(tmp.resolve("a"));
        TestSeries again = new TestSeries();
        again.seed = 99;
        again.sopSuffix = ".2";
        again.instanceOffset = 6;
        again.write(tmp.resolve("b"));

        List<SliceStack> stacks = SeriesScanner.scan(tmp).series().get(0).stacks();
        assertThat(stacks).extracting(SliceStack::label)
                .containsExactly("64x48, orientation 1, repeat 1", "64x48, orientation 1, repeat 2");
        Volume v = SeriesAssembler.assemble(stacks.get(1), SeriesAssembler.Options.STRICT);
        assertVoxels(v, a, identity(6));
    }
}
