// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomReader;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.SeriesAssembler;
import org.scanbase.volume.SeriesException;
import org.scanbase.volume.Volume;

/** The RT grid is the grid of {@code scanbase convert}: masks land on the converted volume's voxels. */
class ReferencedGridsAssemblyTest {
    @TempDir
    Path tmp;

    /** An oblique grid whose slice axis leans 15 degrees from the normal along the row direction (gantry tilt). */
    static Geometry tilted() {
        Geometry g = Grids.oblique(12, 9, 5, 0.6, 1.1, 2.0);
        double[] x = g.axis(0);
        double[] y = g.axis(1);
        double[] n = {x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]};
        double t = Math.tan(Math.toRadians(15));
        double[] k = {n[0] + t * x[0], n[1] + t * x[1], n[2] + t * x[2]};
        double len = Math.sqrt(k[0] * k[0] + k[1] * k[1] + k[2] * k[2]);
        double[] d = {x[0], y[0], k[0] / len, x[1], y[1], k[1] / len, x[2], y[2], k[2] / len};
        // a step of 2 mm along the normal is 2 / cos(15 degrees) along the leaning axis
        return new Geometry(g.size(), new double[] {0.6, 1.1, 2.0 * len}, g.origin(), d);
    }

    @Test
    void rebuildsTheConvertGridOfATiltedObliqueSeriesWithItsSlicesInVolumeOrder() throws Exception {
        Geometry g = tilted();
        ReferencedGrid written = Grids.grid(g);
        Path dir = tmp.resolve("ct");
        Grids.writeSeries(written, dir);
        Files.move(dir.resolve("CT0001.dcm"), dir.resolve("ZZ.dcm"));   // file order is not slice order
        Files.writeString(dir.resolve("notes.txt"), "not DICOM");          // ignored, not fatal

        ReferencedGrid read = ReferencedGrids.fromFolder(dir);
        Volume converted = SeriesAssembler.assemble(dir, null, SeriesAssembler.Options.LENIENT);

        assertThat(read.geometry()).isEqualTo(converted.geometry());
        assertThat(read.sopInstanceUids()).isEqualTo(written.sopInstanceUids());
        assertThat(read.geometry().direction()).containsExactly(g.direction(), within(1e-6));
        assertThat(read.geometry().spacing()).containsExactly(g.spacing(), within(1e-6));
        for (int k = 0; k < 5; k++) {
            assertThat(read.slicePosition(k)).containsExactly(written.slicePosition(k), within(1e-6));
            for (int[] ij : new int[][] {{0, 0}, {11, 0}, {0, 8}, {7, 3}}) {
                assertThat(read.geometry().voxelToLps(ij[0], ij[1], k))
                        .containsExactly(g.voxelToLps(ij[0], ij[1], k), within(1e-6));
            }
        }
        assertThat(converted.warnings()).anySatisfy(w -> assertThat(w).contains("gantry tilt").contains("15.000"));
    }

    @Test
    void buildsTheSameGridFromHeadersAsFromTheFolder() throws Exception {
        Geometry g = Grids.oblique(12, 9, 4, 0.6, 1.1, 2.0);
        Path dir = tmp.resolve("ct");
        Grids.writeSeries(Grids.grid(g), dir);
        List<Attributes> headers = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (int k = 4; k >= 1; k--) {
            Path f = dir.resolve(String.format("CT%04d.dcm", k));
            headers.add(DicomReader.readHeader(f).dataset());
            paths.add(f);
        }

        ReferencedGrid fromHeaders = ReferencedGrids.fromHeaders(headers, paths);
        ReferencedGrid fromFolder = ReferencedGrids.fromFolder(dir);
        assertThat(fromHeaders.geometry()).isEqualTo(fromFolder.geometry());
        assertThat(fromHeaders.sopInstanceUids()).isEqualTo(fromFolder.sopInstanceUids());
    }

    @Test
    void refusesAFolderOfTwoSeriesNamingBoth() throws Exception {
        Grids.writeSeries(Grids.grid(Grids.axial(8, 6, 3, 1, 1, 2)), tmp.resolve("a"));
        ReferencedGrid other = ReferencedGrid.regular(Grids.axial(8, 6, 3, 1, 1, 2), List.of("9.1", "9.2", "9.3"),
                Grids.CT_IMAGE_STORAGE, Grids.FRAME_OF_REFERENCE, "9.9.9", Grids.STUDY);
        Grids.writeSeries(other, tmp.resolve("b"));

        assertThatThrownBy(() -> ReferencedGrids.fromFolder(tmp)).isInstanceOf(SeriesException.class)
                .hasMessageContaining(Grids.SERIES).hasMessageContaining("9.9.9").hasMessageContaining("--series");
    }
}
