// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesStackTest {
    @TempDir
    Path tmp;

    @Test
    void listsTheSopInstancesOfShuffledReversedSlicesInVolumeOrder() throws IOException {
        TestSeries s = new TestSeries().oblique();
        s.step = StackGeometry.scale(s.step, -1);    // written slice 0 is the last along the normal
        s.write(tmp);
        SeriesStack stack = SeriesStack.find(tmp, null);

        List<String> expected = new ArrayList<>();
        for (int w = s.nz - 1; w >= 0; w--) {
            expected.add(s.seriesUid + "." + (w + 1));
        }
        assertThat(stack.sopInstanceUids()).containsExactlyElementsOf(expected);
        assertThat(stack.size()).isEqualTo(s.nz);
        assertThat(stack.frames()).containsOnly(0);
        assertThat(stack.description()).isEqualTo(s.description);
        assertThat(stack.modality()).isEqualTo("CT");
        assertThat(stack.splitReason()).isEmpty();
        assertThat(stack.warnings()).isEmpty();
        for (int k = 0; k < s.nz; k++) {
            assertThat(stack.positions().get(k)).containsExactly(s.position(s.nz - 1 - k), within(1e-9));
            assertThat(stack.files().get(k).getFileName().toString())
                    .isEqualTo(stack.slices().get(k).path().getFileName().toString());
        }
    }

    @Test
    void hasExactlyTheGridOfTheAssembledVolumeEvenUnderGantryTilt() throws IOException {
        TestSeries s = new TestSeries().oblique();
        double[] sideways = StackGeometry.scale(s.row, 2.5 * Math.tan(Math.toRadians(12)));
        s.step = new double[] {s.step[0] + sideways[0], s.step[1] + sideways[1], s.step[2] + sideways[2]};
        s.write(tmp);
        SeriesStack stack = SeriesStack.find(tmp, null);
        Volume v = SeriesAssembler.assemble(stack.toSliceStack(), SeriesAssembler.Options.LENIENT);

        assertThat(stack.geometry()).isEqualTo(v.geometry());
        assertThat(stack.warnings()).anySatisfy(w -> assertThat(w).contains("gantry tilt").contains("12.000 degrees"));
        SeriesAssemblerTest.assertVoxels(v, s, SeriesAssemblerTest.identity(s.nz));
        for (int k = 0; k < s.nz; k++) {
            assertThat(stack.geometry().voxelToLps(0, 0, k)).containsExactly(s.position(k), within(1e-6));
        }
    }

    @Test
    void givesEachFrameOfAnEnhancedFileItsPlaceAndFrameNumber() throws IOException {
        TestSeries s = new TestSeries().oblique();
        List<Integer> frameToW = s.writeEnhanced(tmp.resolve("enhanced.dcm"));
        SeriesStack stack = SeriesStack.find(tmp, null);

        assertThat(stack.sopInstanceUids()).containsOnly(s.seriesUid + ".1");
        for (int k = 0; k < s.nz; k++) {
            assertThat(frameToW.get(stack.frames().get(k))).as("written slice of frame at k = %d", k).isEqualTo(k);
        }
    }

    @Test
    void separatesEchoesIntoStacksNamedByWhatSplitThem() throws IOException {
        TestSeries e1 = new TestSeries();
        e1.echo = 1;
        e1.write(tmp);
        TestSeries e2 = new TestSeries();
        e2.echo = 2;
        e2.sopSuffix = ".2";
        e2.seed = 7;
        e2.write(tmp.resolve("echo2"));
        DicomSeries series = SeriesScanner.scan(tmp).series().get(0);

        List<SeriesStack> stacks = SeriesStack.of(series);
        assertThat(stacks).hasSize(2);
        assertThat(stacks).extracting(SeriesStack::splitReason).allSatisfy(r -> assertThat(r).contains("echo"));
        assertThat(stacks.get(0).summary()).contains(e1.seriesUid).contains("(6 images)");
        assertThatThrownBy(() -> SeriesStack.find(tmp, null)).isInstanceOf(SeriesException.class)
                .hasMessageContaining("2 stacks");
    }
}
