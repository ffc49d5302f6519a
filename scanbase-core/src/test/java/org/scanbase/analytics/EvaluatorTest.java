// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.scanbase.volume.Geometry;

/** Overlap and surface metrics against analytic shapes. */
class EvaluatorTest {
  private static final double[] SPACING = {0.8, 1.0, 1.6};
  private static final Geometry GRID = Geometry.axisAligned(new int[] {120, 80, 50}, SPACING, new double[3]);

  private static LabelVolume empty() {
    return new LabelVolume(new short[(int) GRID.voxelCount()], GRID, false);
  }

  @Test
  void twoSpheresAtAKnownOffsetHaveTheAnalyticDiceAndHausdorff() {
    double r = 20;
    double d = 10;
    LabelVolume a = empty();
    LabelVolume b = empty();
    Shapes.sphere(a.labels(), GRID, new double[] {40, 40, 40}, r, 1);
    Shapes.sphere(b.labels(), GRID, new double[] {40 + d, 40, 40}, r, 1);

    LabelMetrics m = Evaluator.evaluate(a, b, new int[] {1}).perLabel().get(1);

    // lens of two equal spheres: V = pi (4r + d)(2r - d)^2 / 12, sphere 4/3 pi r^3
    double lens = Math.PI * (4 * r + d) * Math.pow(2 * r - d, 2) / 12;
    double dice = lens / (4.0 / 3 * Math.PI * r * r * r);
    assertThat(m.dice()).isCloseTo(dice, within(0.01));
    assertThat(m.iou()).isCloseTo(dice / (2 - dice), within(0.01));
    // the surface point of A farthest from B is opposite the offset: (r + d) - r = d
    assertThat(m.hdMm()).isCloseTo(d, within(SPACING[2]));
    assertThat(m.precision()).isCloseTo(m.recall(), within(0.01));
  }

  @Test
  void identicalMasksAgreePerfectly() {
    LabelVolume a = empty();
    Shapes.sphere(a.labels(), GRID, new double[] {50, 40, 40}, 15, 2);
    LabelMetrics m = Evaluator.evaluate(a, a, new int[0]).perLabel().get(2);
    assertThat(m.dice()).isEqualTo(1.0);
    assertThat(m.hdMm()).isZero();
    assertThat(m.assdMm()).isZero();
  }

  @Test
  void boxesShiftedAlongTheCoarseAxisAreAsFarApartAsTheShift() {
    LabelVolume a = empty();
    LabelVolume b = empty();
    Shapes.box(a.labels(), GRID, new int[] {10, 10, 10}, new int[] {29, 29, 19}, 1);
    Shapes.box(b.labels(), GRID, new int[] {10, 10, 13}, new int[] {29, 29, 22}, 1);
    LabelMetrics m = Evaluator.evaluate(a, b, new int[] {1}).perLabel().get(1);
    // 10 slices each, 7 shared
    assertThat(m.dice()).isCloseTo(0.7, within(1e-12));
    assertThat(m.iou()).isCloseTo(7.0 / 13, within(1e-12));
    // the end faces are 3 slices of 1.6 mm apart
    assertThat(m.hdMm()).isCloseTo(3 * 1.6, within(1e-9));
  }

  @Test
  void aLabelMissingFromThePredictionScoresZeroWithoutDistances() {
    LabelVolume a = empty();
    Shapes.box(a.labels(), GRID, new int[] {1, 1, 1}, new int[] {5, 5, 5}, 3);
    Evaluation e = Evaluator.evaluate(a, empty(), new int[] {1, 3});
    assertThat(e.perLabel()).containsOnlyKeys(3);
    LabelMetrics m = e.perLabel().get(3);
    assertThat(m.dice()).isZero();
    assertThat(m.precision()).isNull();
    assertThat(m.recall()).isZero();
    assertThat(m.hdMm()).isNull();
    assertThat(e.dice()).isZero();
  }

  @Test
  void sliceDiceIsGivenOnEverySliceWhereALabelIsPresent() {
    LabelVolume a = empty();
    LabelVolume b = empty();
    Shapes.box(a.labels(), GRID, new int[] {10, 10, 10}, new int[] {19, 19, 11}, 1);
    Shapes.box(b.labels(), GRID, new int[] {10, 10, 11}, new int[] {14, 19, 12}, 1);
    Evaluation e = Evaluator.evaluate(a, b, new int[] {1});
    assertThat(e.sliceDice().get(9)).isEmpty();
    assertThat(e.sliceDice().get(10)).containsEntry(1, 0.0);
    assertThat(e.sliceDice().get(11)).containsEntry(1, 2.0 * 50 / (100 + 50));
    assertThat(e.sliceDice().get(12)).containsEntry(1, 0.0);
  }
}
