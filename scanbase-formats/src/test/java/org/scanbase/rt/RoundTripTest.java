// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomReader;
import org.scanbase.dicom.Tags;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

/** Mask -> RTSTRUCT file -> mask must give the same voxels (IoU 1.0) on every kind of grid. */
class RoundTripTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> grids() {
        return Stream.of(
                Arguments.of("axial", Grids.axial(40, 40, 6, 0.9765625, 0.9765625, 2.5)),
                Arguments.of("oblique", Grids.oblique(36, 36, 5, 0.8, 0.8, 1.7)),
                Arguments.of("anisotropic", Grids.axial(32, 32, 5, 0.5, 1.25, 5.0)),
                Arguments.of("non-square", Grids.axial(48, 27, 4, 0.7, 0.7, 3.0)),
                Arguments.of("non-square oblique anisotropic", Grids.oblique(45, 29, 3, 0.6, 1.1, 2.0)),
                Arguments.of("one slice", Grids.axial(33, 30, 1, 1.0, 1.0, 3.0)));
    }

    /** Rings with holes and islands in the holes, diagonal touches, and random noise. */
    static Volume shapes(Geometry g, long seed) {
        Volume v = Grids.emptyMask(g);
        byte[] d = Grids.data(v);
        int[] s = g.size();
        int nx = s[0], ny = s[1];
        Random rnd = new Random(seed);
        for (int k = 0; k < s[2]; k++) {
            double cx = nx * 0.4 + k, cy = ny * 0.5;
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double r = Math.hypot(i - cx, j - cy);
                    boolean ring = r <= Math.min(nx, ny) * 0.35 && r >= Math.min(nx, ny) * 0.2;
                    boolean island = r <= Math.min(nx, ny) * 0.1;
                    boolean checker = i >= nx - 8 && j < 6 && (i + j) % 2 == 0;   // touching only at corners
                    boolean noise = i < 8 && j >= ny - 8 && rnd.nextBoolean();
                    if (ring || island || checker || noise) {
                        d[(k * ny + j) * nx + i] = 1;
                    }
                }
            }
        }
        // a one-voxel island and a one-voxel hole
        d[(ny / 2) * nx + 1] = 1;
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grids")
    void masksComeBackIdenticalAfterWritingAndReadingAnRtStruct(String name, Geometry g) throws Exception {
        ReferencedGrid grid = Grids.grid(g);
        Volume a = shapes(g, 1);
        Volume b = Grids.emptyMask(g);
        byte[] bd = Grids.data(b);
        for (int i = 0; i < bd.length; i += 3) {
            bd[i] = 1;   // stripes: every third voxel, many tiny contours
        }
        Path file = tmp.resolve("rs.dcm");
        RtStructWriter.write(file, grid, List.of(MaskRoi.of(3, "shapes", a), MaskRoi.of(7, "stripes", b)),
                new Attributes());

        RtStructReader.Result read = RtStructReader.read(file);
        assertThat(read.warnings()).isEmpty();
        RoiMasks masks = ContourRasterizer.rasterize(read.structureSet(), grid,
                new ContourRasterizer.Options(true));

        assertThat(masks.warnings()).isEmpty();
        assertThat(Grids.data(masks.mask(3).orElseThrow().mask())).isEqualTo(Grids.data(a));
        assertThat(Grids.data(masks.mask("stripes").orElseThrow().mask())).isEqualTo(bd);
        assertThat(masks.maskTargets()).containsExactly(java.util.Map.entry(3, "shapes"), java.util.Map.entry(7, "stripes"));
    }

    @Test
    void writesAValidStructureSetThatReferencesTheSeries() throws Exception {
        Geometry g = Grids.axial(20, 20, 3, 1, 1, 2);
        ReferencedGrid grid = Grids.grid(g);
        Path file = tmp.resolve("rs.dcm");
        RtStructWriter.write(file, grid, List.of(MaskRoi.of(1, "a", shapes(g, 2))), new Attributes());

        var dcm = DicomReader.read(file);
        assertThat(dcm.fileMeta().getString(Tags.MediaStorageSOPClassUID)).contains("1.2.840.10008.5.1.4.1.1.481.3");
        assertThat(dcm.fileMeta().getString(Tags.MediaStorageSOPInstanceUID))
                .isEqualTo(dcm.dataset().getString(Tags.SOPInstanceUID));
        assertThat(dcm.dataset().getString(Tags.SOPInstanceUID).orElseThrow()).startsWith("2.25.");
        RtStructureSet set = RtStructReader.read(file).structureSet();
        assertThat(set.framesOfReference()).singleElement().satisfies(f -> {
            assertThat(f.frameOfReferenceUid()).isEqualTo(Grids.FRAME_OF_REFERENCE);
            assertThat(f.seriesInstanceUids()).containsExactly(Grids.SERIES);
            assertThat(f.sopInstanceUids()).isEqualTo(grid.sopInstanceUids());
        });
        Roi roi = set.rois().get(0);
        assertThat(roi.frameOfReferenceUid()).isEqualTo(Grids.FRAME_OF_REFERENCE);
        assertThat(roi.contours()).allSatisfy(c -> {
            assertThat(c.type()).isEqualTo(ContourType.CLOSED_PLANAR);
            assertThat(c.referencedSopInstanceUids()).hasSize(1);
            assertThat(grid.sopInstanceUids()).contains(c.referencedSopInstanceUids().get(0));
        });
        // every DS value within 16 characters
        for (Attributes item : dcm.dataset().getSequence(Tags.ROIContourSequence)) {
            for (Attributes c : item.getSequence(Tags.ContourSequence)) {
                assertThat(c.getStrings(Tags.ContourData)).allSatisfy(v -> assertThat(v.length()).isLessThanOrEqualTo(16));
            }
        }
    }

    @Test
    void splitsAContourTooLongForOneDecimalStringValueAndStillRoundTrips() throws Exception {
        Geometry g = Grids.oblique(420, 420, 1, 0.7, 0.7, 1);
        ReferencedGrid grid = Grids.grid(g);
        Volume m = Grids.emptyMask(g);
        byte[] d = Grids.data(m);
        for (int j = 0; j < 420; j++) {
            for (int i = 0; i < 420; i++) {
                // a disk with a staircase edge: thousands of corners on one boundary
                if (Math.hypot(i - 210, j - 210) < 200 + 3 * Math.sin(i * 0.9) + 2 * Math.cos(j * 1.3)) {
                    d[j * 420 + i] = 1;
                }
            }
        }
        Path file = tmp.resolve("big.dcm");
        RtStructWriter.write(file, grid, List.of(MaskRoi.of(1, "body", m)), new Attributes());
        RtStructureSet set = RtStructReader.read(file).structureSet();
        assertThat(set.rois().get(0).contours()).hasSizeGreaterThan(1);
        RoiMasks back = ContourRasterizer.rasterize(set, grid);
        assertThat(Grids.data(back.masks().get(0).mask())).isEqualTo(d);
    }
}
