// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.scanbase.volume.Geometry;

class SliceLayoutTest {
    private static final int[] SIZE = {4, 5, 6};

    @Test
    void anAxialDicomSeriesIsShownAsStored() {
        // DICOM axial: i towards the patient's left (+x LPS), j posterior (+y), k head (+z)
        SliceLayout l = SliceLayout.of(Geometry.axisAligned(SIZE, new double[] {1, 1, 1}, new double[3]), Plane.AXIAL);
        assertThat(l.width()).isEqualTo(4);
        assertThat(l.height()).isEqualTo(5);
        assertThat(l.frames()).isEqualTo(6);
        assertThat(l.voxel(0, 0, 0)).containsExactly(0, 0, 0);
        assertThat(l.voxel(3, 4, 5)).containsExactly(3, 4, 5);
    }

    @Test
    void aNiftiInRasWithSlicesHeadToFeetIsFlippedInEveryAxis() {
        // i towards the patient's right (-x LPS), j anterior (-y), k feet (-z)
        Geometry g = new Geometry(SIZE, new double[] {1, 1, 1}, new double[3], new double[] {-1, 0, 0, 0, -1, 0, 0, 0, -1});
        SliceLayout l = SliceLayout.of(g, Plane.AXIAL);
        assertThat(l.voxel(0, 0, 0)).containsExactly(3, 4, 5);
        assertThat(l.voxel(1, 0, 2)).containsExactly(2, 4, 3);
    }

    @Test
    void aSagittallyStoredVolumeIsResliced() {
        // i runs posterior (+y), j feet (-z), k towards the left (+x): sagittal slices
        Geometry g = new Geometry(SIZE, new double[] {1, 1, 1}, new double[3], new double[] {0, 0, 1, 1, 0, 0, 0, -1, 0});
        SliceLayout axial = SliceLayout.of(g, Plane.AXIAL);
        assertThat(axial.width()).isEqualTo(6);   // columns along k (left)
        assertThat(axial.height()).isEqualTo(4);  // rows along i (posterior)
        assertThat(axial.frames()).isEqualTo(5);  // frames along j reversed (feet to head)
        assertThat(axial.voxel(0, 0, 0)).containsExactly(0, 4, 0);
        SliceLayout sagittal = SliceLayout.of(g, Plane.SAGITTAL);
        assertThat(sagittal.width()).isEqualTo(4);
        assertThat(sagittal.height()).isEqualTo(5);
        assertThat(sagittal.voxel(2, 3, 1)).containsExactly(2, 3, 1);
    }

    @Test
    void aSlightlyObliqueVolumeTakesTheClosestAxes() {
        double c = Math.cos(0.2);
        double s = Math.sin(0.2);
        Geometry g = new Geometry(SIZE, new double[] {1, 1, 1}, new double[3], new double[] {c, -s, 0, s, c, 0, 0, 0, 1});
        assertThat(SliceLayout.of(g, Plane.AXIAL).voxel(1, 2, 3)).containsExactly(1, 2, 3);
    }
}
