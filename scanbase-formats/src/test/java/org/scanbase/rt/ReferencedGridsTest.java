// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.volume.Geometry;

class ReferencedGridsTest {
    @TempDir
    Path tmp;

    @Test
    void rebuildsTheGridOfAnObliqueNonSquareSeriesFromItsFilesInAnyOrder() throws Exception {
        Geometry g = Grids.oblique(12, 9, 4, 0.6, 1.1, 2.0);
        ReferencedGrid written = Grids.grid(g);
        Path dir = tmp.resolve("ct");
        Grids.writeSeries(written, dir);
        Files.move(dir.resolve("CT0001.dcm"), dir.resolve("ZZ.dcm"));   // file order is not slice order
        ReferencedGrid read = ReferencedGrids.fromFolder(dir);
        assertThat(read.sopInstanceUids()).isEqualTo(written.sopInstanceUids());
        assertThat(read.geometry().size()).containsExactly(12, 9, 4);
        assertThat(read.geometry().spacing()).containsExactly(new double[] {0.6, 1.1, 2.0}, within(1e-9));
        assertThat(read.geometry().direction()).containsExactly(g.direction(), within(1e-9));
        for (int k = 0; k < 4; k++) {
            assertThat(read.slicePosition(k)).containsExactly(written.slicePosition(k), within(1e-9));
        }
        assertThat(read.frameOfReferenceUid()).isEqualTo(Grids.FRAME_OF_REFERENCE);
        assertThat(read.seriesInstanceUid()).isEqualTo(Grids.SERIES);
    }
}
