// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.dicom.pixel.VoiWindow;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

class WindowSpecTest {

    private static Volume ramp(DType type, int n, double slope, double intercept) {
        NdArray a = NdArray.allocate(type, new int[] {1, 1, n});
        for (int i = 0; i < n; i++) {
            a.setDouble(i, i);
        }
        return new Volume(a, Geometry.axisAligned(new int[] {n, 1, 1}, new double[] {1, 1, 1}, new double[3]), 1, 1,
                slope, intercept, java.util.List.of());
    }

    @Test
    void presetsAndWidthSlashLevelParseToLinearWindows() {
        assertThat(((WindowSpec.Fixed) WindowSpec.parse("lung")).window()).isEqualTo(VoiWindow.linear(-600, 1500));
        assertThat(((WindowSpec.Fixed) WindowSpec.parse(" Bone ")).window()).isEqualTo(VoiWindow.linear(400, 1800));
        assertThat(((WindowSpec.Fixed) WindowSpec.parse("brain")).window()).isEqualTo(VoiWindow.linear(40, 80));
        assertThat(((WindowSpec.Fixed) WindowSpec.parse("350/50")).window()).isEqualTo(VoiWindow.linear(50, 350));
        assertThat(WindowSpec.parse("p2-p98")).isEqualTo(new WindowSpec.Percentiles(2, 98));
        assertThat(WindowSpec.parse("file")).isInstanceOf(WindowSpec.FromFile.class);
    }

    @Test
    void anUnknownWindowIsAnErrorQuotingIt() {
        assertThatThrownBy(() -> WindowSpec.parse("liver")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'liver'");
        assertThatThrownBy(() -> WindowSpec.parse("0/40")).hasMessageContaining("(0028,1051) WindowWidth");
        assertThatThrownBy(() -> WindowSpec.parse("p90-p10")).hasMessageContaining("low < high");
    }

    @Test
    void autoTakesTheFilesWindowThenSoftTissueForCtThenPercentiles() {
        Volume hu = ramp(DType.INT16, 100, 1, -1024);
        VoiWindow own = VoiWindow.linear(300, 1200);
        WindowSpec auto = new WindowSpec.Auto();
        assertThat(auto.resolve(new VideoSource("a", hu, Optional.of(own), "CT"))).isEqualTo(own);
        assertThat(auto.resolve(new VideoSource("a", hu, Optional.empty(), "CT"))).isEqualTo(WindowSpec.SOFT);
        assertThat(auto.resolve(VideoSource.of("a.nii", hu))).as("HU down to -1024: CT").isEqualTo(WindowSpec.SOFT);
        // values 0..99: numpy's percentile(0.5) = 0.495, percentile(99.5) = 98.505
        VoiWindow mr = auto.resolve(new VideoSource("b", ramp(DType.UINT16, 100, 1, 0), Optional.empty(), "MR"));
        assertThat(mr.center()).isEqualTo(49.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(mr.width()).isEqualTo(98.01, org.assertj.core.data.Offset.offset(1e-9));
        assertThatThrownBy(() -> new WindowSpec.FromFile().resolve(VideoSource.of("c.nii", hu)))
                .hasMessageContaining("c.nii has no (0028,1050) WindowCenter");
    }

    @Test
    void percentilesOfFloatAndRescaledVolumesFollowNumpysLinearRule() {
        // floats 0..999 scaled by -2: real values -1998..0; 10th percentile of those = -1798.2
        double[] p = Percentile.of(ramp(DType.FLOAT32, 1000, -2, 0), 10, 50);
        assertThat(p[0]).isEqualTo(-1798.2, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(p[1]).isEqualTo(-999, org.assertj.core.data.Offset.offset(1e-6));
        double[] q = Percentile.of(ramp(DType.INT16, 11, 1, 0), 25, 75);
        assertThat(q).containsExactly(2.5, 7.5);
    }
}
