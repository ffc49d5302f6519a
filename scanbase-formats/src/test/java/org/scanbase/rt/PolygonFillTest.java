// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PolygonFillTest {

    static byte[] fill(int nx, int ny, double[]... polygons) {
        byte[] img = new byte[nx * ny];
        PolygonFill.fill(List.of(polygons), nx, ny, img, 0);
        return img;
    }

    static String picture(byte[] img, int nx) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < img.length; i++) {
            sb.append(img[i] != 0 ? '#' : '.');
            if ((i + 1) % nx == 0) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void aSquareWhoseEdgesPassThroughPixelCentresIncludesThoseEdgePixels() {
        byte[] img = fill(6, 5, new double[] {1, 1, 4, 1, 4, 3, 1, 3});
        assertThat(picture(img, 6)).isEqualTo(
                "......\n"
              + ".####.\n"
              + ".####.\n"
              + ".####.\n"
              + "......\n");
    }

    @Test
    void aSquareBetweenPixelCentresIncludesOnlyTheCentresInside() {
        byte[] img = fill(6, 5, new double[] {0.5, 0.5, 3.5, 0.5, 3.5, 2.5, 0.5, 2.5});
        assertThat(picture(img, 6)).isEqualTo(
                "......\n"
              + ".###..\n"
              + ".###..\n"
              + "......\n"
              + "......\n");
    }

    @Test
    void aTriangleIncludesCentresOnItsSlantedEdgeAndItsApex() {
        // Right triangle (0,0) (4,0) (0,4): centres with i + j <= 4 are inside or on the hypotenuse.
        byte[] img = fill(6, 6, new double[] {0, 0, 4, 0, 0, 4});
        for (int j = 0; j < 6; j++) {
            for (int i = 0; i < 6; i++) {
                assertThat(img[j * 6 + i] != 0).as("pixel %d,%d", i, j).isEqualTo(i + j <= 4);
            }
        }
    }

    @Test
    void aContourInsideAnotherIsAHoleAndOneInsideTheHoleIsAnIsland() {
        double[] outer = {0.5, 0.5, 8.5, 0.5, 8.5, 8.5, 0.5, 8.5};
        double[] hole = {2.5, 2.5, 6.5, 2.5, 6.5, 6.5, 2.5, 6.5};
        double[] island = {3.5, 3.5, 5.5, 3.5, 5.5, 5.5, 3.5, 5.5};
        byte[] img = fill(10, 10, outer, hole, island);
        assertThat(picture(img, 10)).isEqualTo(
                "..........\n"
              + ".########.\n"
              + ".########.\n"
              + ".##....##.\n"
              + ".##.##.##.\n"
              + ".##.##.##.\n"
              + ".##....##.\n"
              + ".########.\n"
              + ".########.\n"
              + "..........\n");
    }

    @Test
    void aPolygonReachingOutsideTheImageIsClipped() {
        byte[] img = fill(4, 3, new double[] {-10, -10, 2, -10, 2, 20, -10, 20});
        assertThat(picture(img, 4)).isEqualTo("###.\n###.\n###.\n");
    }

    @Test
    void agreesWithABruteForcePointInPolygonTestOnRandomPolygons() {
        Random rnd = new Random(42);
        int nx = 23, ny = 19;
        for (int trial = 0; trial < 400; trial++) {
            List<double[]> polys = new ArrayList<>();
            int count = 1 + rnd.nextInt(3);
            for (int p = 0; p < count; p++) {
                int n = 3 + rnd.nextInt(8);
                double[] poly = new double[2 * n];
                for (int q = 0; q < n; q++) {
                    // on a half-pixel lattice so that many centres fall exactly on edges and vertices
                    poly[2 * q] = (rnd.nextInt(2 * nx + 8) - 4) / 2.0;
                    poly[2 * q + 1] = (rnd.nextInt(2 * ny + 8) - 4) / 2.0;
                }
                polys.add(poly);
            }
            byte[] img = new byte[nx * ny];
            PolygonFill.fill(polys, nx, ny, img, 0);
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    assertThat(img[j * nx + i] != 0).as("trial %d pixel %d,%d", trial, i, j)
                            .isEqualTo(bruteForce(polys, i, j));
                }
            }
        }
    }

    /** Even-odd by a ray towards +x with the half-open vertex rule, or on an edge. */
    static boolean bruteForce(List<double[]> polys, double px, double py) {
        boolean inside = false;
        for (double[] p : polys) {
            int n = p.length / 2;
            for (int a = 0; a < n; a++) {
                int b = (a + 1) % n;
                double ax = p[2 * a], ay = p[2 * a + 1], bx = p[2 * b], by = p[2 * b + 1];
                double cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
                boolean within = Math.min(ax, bx) <= px && px <= Math.max(ax, bx)
                        && Math.min(ay, by) <= py && py <= Math.max(ay, by);
                if (Math.abs(cross) < 1e-12 && within) {
                    return true;
                }
                if ((ay <= py) != (by <= py)) {
                    double x = ax + (py - ay) * (bx - ax) / (by - ay);
                    if (x > px) {
                        inside = !inside;
                    }
                }
            }
        }
        return inside;
    }
}
