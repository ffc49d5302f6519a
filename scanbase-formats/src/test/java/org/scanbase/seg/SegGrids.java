// SPDX-License-Identifier: Apache-2.0
package org.scanbase.seg;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.scanbase.rt.Grids;
import org.scanbase.rt.MaskRoi;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

/** Test grids (axial, oblique, anisotropic, odd sizes) and masks for the segmentation tests. */
final class SegGrids {
    static final String CT_IMAGE_STORAGE = Grids.CT_IMAGE_STORAGE;
    static final String FRAME_OF_REFERENCE = Grids.FRAME_OF_REFERENCE;
    static final String STUDY = Grids.STUDY;
    static final String SERIES = Grids.SERIES;

    private SegGrids() {
    }

    static ReferencedGrid grid(Geometry g) {
        return Grids.grid(g);
    }

    static Geometry axial(int nx, int ny, int nz, double sx, double sy, double sz) {
        return Grids.axial(nx, ny, nz, sx, sy, sz);
    }

    static Geometry oblique(int nx, int ny, int nz, double sx, double sy, double sz) {
        return Grids.oblique(nx, ny, nz, sx, sy, sz);
    }

    static Volume empty(Geometry g) {
        return Grids.emptyMask(g);
    }

    static byte[] data(Volume v) {
        return Grids.data(v);
    }

    /**
     * Three overlapping segments: a disk that moves with k (empty on the last slice when there is
     * more than one), random noise on every slice, and a single voxel in the corner of slice 0.
     */
    static List<MaskRoi> masks(Geometry g, long seed) {
        int[] s = g.size();
        int nx = s[0], ny = s[1], nz = s[2];
        Volume disk = empty(g), noise = empty(g), dot = empty(g);
        Random rnd = new Random(seed);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int idx = (k * ny + j) * nx + i;
                    if ((nz == 1 || k < nz - 1) && Math.hypot(i - nx * 0.4 - k, j - ny * 0.5) < Math.min(nx, ny) * 0.3) {
                        data(disk)[idx] = 1;
                    }
                    if (rnd.nextInt(5) == 0) {
                        data(noise)[idx] = (byte) (1 + rnd.nextInt(200));   // any non-zero value means inside
                    }
                }
            }
        }
        data(dot)[nx - 1] = 1;
        return List.of(new MaskRoi(1, "disk", disk, new int[] {220, 40, 30}, ""), MaskRoi.of(2, "noise", noise),
                MaskRoi.of(3, "dot", dot));
    }

    static void writeSeries(ReferencedGrid grid, java.nio.file.Path dir) throws java.io.IOException {
        Grids.writeSeries(grid, dir);
    }

    /** The mask as 0/1 bytes. */
    static byte[] binary(Volume v) {
        byte[] d = data(v);
        byte[] b = new byte[d.length];
        for (int i = 0; i < d.length; i++) {
            b[i] = d[i] != 0 ? (byte) 1 : 0;
        }
        return b;
    }
}
