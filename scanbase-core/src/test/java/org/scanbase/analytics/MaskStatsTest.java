// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.volume.Geometry;

/** Statistics of boxes on anisotropic, rotated grids, where every figure is known exactly. */
class MaskStatsTest {
  // voxel axes: i along LPS y, j along -x, k along z; spacing 0.7, 0.9, 2.5 mm
  private static final Geometry GRID = new Geometry(new int[] {40, 30, 20}, new double[] {0.7, 0.9, 2.5},
      new double[] {-100, 50, 20}, new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1});

  @Test
  void aBoxHasItsExactVolumeBoundsAndCentroidInLps() {
    short[] l = new short[(int) GRID.voxelCount()];
    Shapes.box(l, GRID, new int[] {5, 6, 2}, new int[] {14, 25, 6}, 4);
    MaskStats.Result r = MaskStats.compute(new LabelVolume(l, GRID, false), null);

    LabelStats s = r.labels().get(4);
    long voxels = 10 * 20 * 5;
    assertThat(s.voxels()).isEqualTo(voxels);
    assertThat(s.volumeMl()).isCloseTo(voxels * 0.7 * 0.9 * 2.5 / 1000, within(1e-12));
    assertThat(s.slices()).isEqualTo(5);
    assertThat(s.bboxMin()).containsExactly(5, 6, 2);
    assertThat(s.bboxMax()).containsExactly(14, 25, 6);
    // centre voxel (9.5, 15.5, 4): x = -100 - 0.9 * 15.5, y = 50 + 0.7 * 9.5, z = 20 + 2.5 * 4
    assertThat(s.centroidMm()[0]).isCloseTo(-100 - 0.9 * 15.5, within(1e-9));
    assertThat(s.centroidMm()[1]).isCloseTo(50 + 0.7 * 9.5, within(1e-9));
    assertThat(s.centroidMm()[2]).isCloseTo(20 + 2.5 * 4, within(1e-9));
    assertThat(s.mean()).isNull();
    assertThat(r.slices().get(1)).isEmpty();
    assertThat(r.slices().get(2).get(4).voxels()).isEqualTo(200);
    assertThat(r.slices().get(2).get(4).centroidMm()[2]).isCloseTo(20 + 2.5 * 2, within(1e-9));
  }

  @Test
  void intensitiesUnderTheMaskAreRescaledToRealValues() {
    short[] l = new short[(int) GRID.voxelCount()];
    Shapes.box(l, GRID, new int[] {0, 0, 0}, new int[] {9, 0, 0}, 1);
    NdArray img = NdArray.allocate(DType.INT16, new int[] {20, 30, 40});
    short[] px = (short[]) img.data();
    for (int i = 0; i < 10; i++) {
      px[i] = (short) (i * 100); // stored 0, 100, ... 900 -> real 2x - 1024
    }
    LabelStats s = MaskStats.compute(new LabelVolume(l, GRID, false), new ImageValues(img, 2, -1024)).labels().get(1);
    // real values -1024, -824, ..., 776: mean -124, population std 2 * 100 * sqrt(8.25)
    assertThat(s.mean()).isCloseTo(-124, within(1e-9));
    assertThat(s.std()).isCloseTo(200 * Math.sqrt(8.25), within(1e-9));
    assertThat(s.min()).isEqualTo(-1024.0);
    assertThat(s.max()).isEqualTo(776.0);
    // numpy percentile 50 of ten evenly spaced values: halfway between the 5th and 6th
    assertThat(s.percentiles()[2]).isCloseTo(-124, within(1e-9));
    // p5: rank 0.45 -> -1024 + 0.45 * 200
    assertThat(s.percentiles()[0]).isCloseTo(-1024 + 0.45 * 200, within(1e-9));
  }
}
