// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scanbase.volume.Geometry;

class ContourRasterizerTest {

    /** A circle of radius r (mm) around in-plane centre (cx, cy) mm of slice k, as LPS points. */
    static double[] circle(ReferencedGrid grid, int k, double cx, double cy, double r, int n) {
        double[] p = grid.slicePosition(k);
        double[] x = grid.geometry().axis(0);
        double[] y = grid.geometry().axis(1);
        double[] out = new double[3 * n];
        for (int q = 0; q < n; q++) {
            double a = 2 * Math.PI * q / n;
            double u = cx + r * Math.cos(a), v = cy + r * Math.sin(a);
            for (int c = 0; c < 3; c++) {
                out[3 * q + c] = p[c] + x[c] * u + y[c] * v;
            }
        }
        return out;
    }

    static double[] rectangle(ReferencedGrid grid, int k, double u0, double v0, double u1, double v1) {
        double[] p = grid.slicePosition(k);
        double[] x = grid.geometry().axis(0);
        double[] y = grid.geometry().axis(1);
        double[][] uv = {{u0, v0}, {u1, v0}, {u1, v1}, {u0, v1}};
        double[] out = new double[12];
        for (int q = 0; q < 4; q++) {
            for (int c = 0; c < 3; c++) {
                out[3 * q + c] = p[c] + x[c] * uv[q][0] + y[c] * uv[q][1];
            }
        }
        return out;
    }

    static Contour closed(ReferencedGrid grid, int k, double[] points) {
        return new Contour(ContourType.CLOSED_PLANAR, points, List.of(grid.sopInstanceUids().get(k)), 0);
    }

    static RtStructureSet set(Roi... rois) {
        return new RtStructureSet("1.2.3", "test", List.of(), List.of(rois));
    }

    static Roi roi(int number, String name, List<Contour> contours) {
        return new Roi(number, name, Grids.FRAME_OF_REFERENCE, "MANUAL", "ORGAN", new int[] {255, 0, 0}, contours);
    }

    static double volumeMl(RoiMasks masks, int roi) {
        return masks.mask(roi).orElseThrow().volumeMl();
    }

    @Test
    void aSphereDrawnAsContoursHasTheAnalyticVolumeWithinTwoPercent() {
        for (Geometry g : List.of(Grids.axial(140, 140, 70, 0.5, 0.5, 1.0), Grids.oblique(130, 150, 35, 0.5, 0.45, 2.0))) {
            ReferencedGrid grid = Grids.grid(g);
            double r = 30, cu = 32, cv = 33, ck = g.size()[2] / 2.0 - 0.3;
            List<Contour> contours = new ArrayList<>();
            for (int k = 0; k < g.size()[2]; k++) {
                double dz = (k - ck) * g.spacing()[2];
                if (Math.abs(dz) < r) {
                    contours.add(closed(grid, k, circle(grid, k, cu, cv, Math.sqrt(r * r - dz * dz), 256)));
                }
            }
            RoiMasks masks = ContourRasterizer.rasterize(set(roi(1, "sphere", contours)), grid);
            double analytic = 4.0 / 3 * Math.PI * r * r * r / 1000;
            assertThat(volumeMl(masks, 1)).as("sphere on %s", g).isCloseTo(analytic, within(0.02 * analytic));
            assertThat(masks.warnings()).isEmpty();
        }
    }

    @Test
    void aBoxDrawnAsContoursHasTheAnalyticVolumeWithinTwoPercent() {
        Geometry g = Grids.axial(100, 90, 30, 0.6, 0.7, 1.5);
        ReferencedGrid grid = Grids.grid(g);
        List<Contour> contours = new ArrayList<>();
        for (int k = 5; k < 25; k++) {     // 20 slices of 1.5 mm: 30 mm
            contours.add(closed(grid, k, rectangle(grid, k, 10.13, 12.71, 50.29, 41.37)));
        }
        RoiMasks masks = ContourRasterizer.rasterize(set(roi(2, "box", contours)), grid);
        double analytic = (50.29 - 10.13) * (41.37 - 12.71) * 30 / 1000;
        assertThat(volumeMl(masks, 2)).isCloseTo(analytic, within(0.02 * analytic));
    }

    @Test
    void eachSliceCountsTheVoxelsItsMaskSliceHoldsAndOnlyContouredSlicesHaveAny() {
        Geometry g = Grids.axial(100, 90, 30, 0.6, 0.7, 1.5);
        ReferencedGrid grid = Grids.grid(g);
        List<Contour> contours = new ArrayList<>();
        for (int k = 5; k < 25; k++) {
            contours.add(closed(grid, k, rectangle(grid, k, 10.13, 12.71, 50.29 - k, 41.37)));
        }
        RoiMasks.RoiMask mask = ContourRasterizer.rasterize(set(roi(2, "box", contours)), grid).mask(2).orElseThrow();
        byte[] data = Grids.data(mask.mask());
        int area = 100 * 90;
        long total = 0;
        for (int k = 0; k < 30; k++) {
            long on = 0;
            for (int i = k * area; i < (k + 1) * area; i++) {
                on += data[i] != 0 ? 1 : 0;
            }
            assertThat(mask.sliceVoxels(k)).as("slice %d", k).isEqualTo(on);
            assertThat(on > 0).as("slice %d has pixels", k).isEqualTo(k >= 5 && k < 25);
            total += on;
        }
        assertThat(mask.sliceVoxels()).hasSize(30);
        assertThat(total).isEqualTo(mask.voxels());
    }

    @Test
    void aTorusDrawnAsOuterAndInnerContoursHasTheAnalyticVolumeWithinTwoPercent() {
        Geometry g = Grids.oblique(160, 160, 40, 0.5, 0.5, 0.75);
        ReferencedGrid grid = Grids.grid(g);
        double big = 25, small = 8, ck = 19.6;
        List<Contour> contours = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            double dz = (k - ck) * 0.75;
            if (Math.abs(dz) < small) {
                double w = Math.sqrt(small * small - dz * dz);
                contours.add(closed(grid, k, circle(grid, k, 40, 40, big + w, 256)));
                contours.add(closed(grid, k, circle(grid, k, 40, 40, big - w, 256)));
            }
        }
        RoiMasks masks = ContourRasterizer.rasterize(set(roi(3, "torus", contours)), grid);
        double analytic = 2 * Math.PI * Math.PI * big * small * small / 1000;
        assertThat(volumeMl(masks, 3)).isCloseTo(analytic, within(0.02 * analytic));
        // the hole of the torus stays empty: the centre voxel of the middle slice
        int k = 20;
        double[] centre = grid.slicePosition(k);
        double[] x = g.axis(0), y = g.axis(1);
        double[] lps = {centre[0] + 40 * x[0] + 40 * y[0], centre[1] + 40 * x[1] + 40 * y[1], centre[2] + 40 * x[2] + 40 * y[2]};
        double[] v = g.lpsToVoxel(lps[0], lps[1], lps[2]);
        var mask = masks.mask(3).orElseThrow().mask();
        assertThat(mask.stored((int) Math.round(v[0]), (int) Math.round(v[1]), k)).isZero();
    }

    @Test
    void contoursWithoutImageReferencesArePlacedByPlaneDistanceWithAWarning() {
        Geometry g = Grids.axial(30, 30, 5, 1, 1, 2);
        ReferencedGrid grid = Grids.grid(g);
        Contour c = new Contour(ContourType.CLOSED_PLANAR, rectangle(grid, 3, 5, 5, 10, 10), List.of(), 1);
        RoiMasks masks = ContourRasterizer.rasterize(set(roi(1, "a", List.of(c))), grid);
        assertThat(masks.mask(1).orElseThrow().voxels()).isEqualTo(36);
        for (int i = 0; i < 30 * 30 * 5; i++) {
            if (Grids.data(masks.mask(1).orElseThrow().mask())[i] != 0) {
                assertThat(i / 900).isEqualTo(3);
            }
        }
        assertThat(masks.warnings()).singleElement().asString().contains("1 closed contour(s) were placed on a slice by plane distance");
    }

    @Test
    void aReferenceToTheWrongSliceIsOverruledByThePointsPosition() {
        ReferencedGrid grid = Grids.grid(Grids.axial(30, 30, 5, 1, 1, 2));
        Contour c = new Contour(ContourType.CLOSED_PLANAR, rectangle(grid, 3, 5, 5, 10, 10),
                List.of(grid.sopInstanceUids().get(1)), 1);
        RoiMasks masks = ContourRasterizer.rasterize(set(roi(1, "a", List.of(c))), grid);
        byte[] d = Grids.data(masks.mask(1).orElseThrow().mask());
        assertThat(d[3 * 900 + 7 * 30 + 7]).isEqualTo((byte) 1);
        assertThat(d[1 * 900 + 7 * 30 + 7]).isZero();
        assertThat(masks.warnings()).singleElement().asString().contains("by plane distance");
    }

    @Test
    void badContoursAreReportedAndNeverLeaveASilentlyEmptyMask() {
        ReferencedGrid grid = Grids.grid(Grids.axial(30, 30, 5, 1, 1, 2));
        double[] far = rectangle(grid, 4, 5, 5, 10, 10);
        for (int q = 2; q < far.length; q += 3) {
            far[q] += 50;   // 50 mm above the last slice
        }
        double[] outside = rectangle(grid, 2, 100, 100, 120, 120);
        Contour twoPoints = new Contour(ContourType.CLOSED_PLANAR, new double[] {0, 0, 0, 1, 1, 0}, List.of(), 0);
        RoiMasks masks = ContourRasterizer.rasterize(set(roi(1, "bad", List.of(
                new Contour(ContourType.CLOSED_PLANAR, far, List.of(), 0),
                closed(grid, 2, outside), twoPoints))), grid);
        assertThat(masks.mask(1).orElseThrow().voxels()).isZero();
        assertThat(String.join("\n", masks.warnings()))
                .contains("1 contour(s) lie farther than half a slice spacing from every slice")
                .contains("1 contour(s) lie entirely outside the image")
                .contains("1 closed contour(s) with fewer than 3 points were skipped")
                .contains("ROI 1 'bad': the mask is empty");
    }

    @Test
    void aContourPartlyOutsideTheImageIsClippedWithAWarning() {
        ReferencedGrid grid = Grids.grid(Grids.axial(30, 30, 1, 1, 1, 2));
        RoiMasks masks = ContourRasterizer.rasterize(set(roi(1, "a", List.of(
                closed(grid, 0, rectangle(grid, 0, -10, -10, 4, 4))))), grid);
        assertThat(masks.mask(1).orElseThrow().voxels()).isEqualTo(25);
        assertThat(masks.warnings()).singleElement().asString().contains("clipped");
    }

    @Test
    void pointsAndOpenContoursAreKeptAsMarksNotFilled() {
        ReferencedGrid grid = Grids.grid(Grids.axial(30, 30, 3, 1, 1, 2));
        double[] p = grid.slicePosition(1);
        Contour point = new Contour(ContourType.POINT, new double[] {p[0] + 3, p[1] + 4, p[2]}, List.of(), 1);
        Contour open = new Contour(ContourType.OPEN_PLANAR, rectangle(grid, 1, 2, 2, 9, 9), List.of(), 2);
        RoiMasks masks = ContourRasterizer.rasterize(set(roi(1, "iso", List.of(point, open))), grid);
        RoiMasks.RoiMask m = masks.mask(1).orElseThrow();
        assertThat(m.voxels()).isZero();
        assertThat(m.marks()).hasSize(2);
        assertThat(m.marks().get(0).voxel()).containsExactly(new double[] {3, 4, 1}, within(1e-9));
        assertThat(m.marks().get(1).type()).isEqualTo(ContourType.OPEN_PLANAR);
        assertThat(masks.warnings()).singleElement().asString().contains("mask is empty").contains("2 point/open");
    }

    @Test
    void anRoiInAnotherFrameOfReferenceIsAnError() {
        ReferencedGrid grid = Grids.grid(Grids.axial(10, 10, 2, 1, 1, 2));
        Roi other = new Roi(4, "liver", "1.2.999", "", "", new int[0], List.of());
        assertThatThrownBy(() -> ContourRasterizer.rasterize(set(other), grid)).isInstanceOf(RtStructException.class)
                .hasMessageContaining("ROI 4 'liver'").hasMessageContaining("(3006,0024)").hasMessageContaining("1.2.999")
                .hasMessageContaining(Grids.FRAME_OF_REFERENCE);
    }

    @Test
    void referencesToImagesNotInTheSeriesAreAWarningOrAnErrorByOption() {
        ReferencedGrid grid = Grids.grid(Grids.axial(20, 20, 3, 1, 1, 2));
        Contour c = new Contour(ContourType.CLOSED_PLANAR, rectangle(grid, 1, 2, 2, 9, 9), List.of("9.9.9"), 1);
        RtStructureSet s = set(roi(1, "a", List.of(c)));
        assertThatThrownBy(() -> ContourRasterizer.rasterize(s, grid, new ContourRasterizer.Options(true)))
                .isInstanceOf(RtStructException.class).hasMessageContaining("9.9.9").hasMessageContaining(Grids.SERIES);
        RoiMasks lenient = ContourRasterizer.rasterize(s, grid);
        assertThat(lenient.mask(1).orElseThrow().voxels()).isEqualTo(64);
        assertThat(lenient.warnings()).anySatisfy(w -> assertThat(w).contains("not in series").contains("9.9.9"));
    }

    @Test
    void theLabelVolumeIsTheUnionOfTheRoiMasksVoxelForVoxel() {
        Geometry g = Grids.oblique(130, 150, 35, 0.5, 0.45, 2.0);
        ReferencedGrid grid = Grids.grid(g);
        List<Contour> sphere = new ArrayList<>();
        List<Contour> box = new ArrayList<>();
        for (int k = 0; k < 35; k++) {
            double dz = (k - 17.2) * 2.0;
            if (Math.abs(dz) < 30) {
                sphere.add(closed(grid, k, circle(grid, k, 32, 33, Math.sqrt(900 - dz * dz), 256)));
            }
            if (k >= 3 && k < 30) {
                box.add(closed(grid, k, rectangle(grid, k, 40.3, 2.1, 64.9, 66.8)));
            }
        }
        RoiMasks masks = ContourRasterizer.rasterize(set(roi(3, "sphere", sphere), roi(7, "box", box)), grid);
        byte[] a = Grids.data(masks.mask(3).orElseThrow().mask());
        byte[] b = Grids.data(masks.mask(7).orElseThrow().mask());
        byte[] labels = Grids.data(masks.labels());
        long both = 0;
        for (int i = 0; i < labels.length; i++) {
            int expected = b[i] != 0 ? 7 : a[i] != 0 ? 3 : 0;
            if (labels[i] != expected) {
                throw new AssertionError("voxel " + i + ": label " + labels[i] + ", masks say " + expected);
            }
            both += a[i] != 0 && b[i] != 0 ? 1 : 0;
        }
        assertThat(both).as("the ROIs overlap").isPositive();
        assertThat(masks.mask(3).orElseThrow().voxels()).isPositive();
    }

    @Test
    void inTheLabelVolumeALaterRoiWinsWhereRoisOverlap() {
        ReferencedGrid grid = Grids.grid(Grids.axial(20, 20, 1, 1, 1, 2));
        RoiMasks masks = ContourRasterizer.rasterize(set(
                roi(5, "first", List.of(closed(grid, 0, rectangle(grid, 0, 0, 0, 9, 9)))),
                roi(2, "second", List.of(closed(grid, 0, rectangle(grid, 0, 5, 5, 14, 14))))), grid);
        var labels = masks.labels();
        assertThat(labels.stored(1, 1, 0)).isEqualTo(5);
        assertThat(labels.stored(7, 7, 0)).isEqualTo(2);
        assertThat(labels.stored(12, 12, 0)).isEqualTo(2);
        assertThat(labels.stored(18, 18, 0)).isZero();
        assertThat(labels.geometry()).isEqualTo(grid.geometry());
        assertThat(masks.maskTargets()).containsEntry(5, "first").containsEntry(2, "second");
    }
}
