// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.scanbase.volume.Geometry;

/**
 * The image series a structure set is rasterised onto or traced from: the voxel grid, and for
 * each slice k (ascending along the slice normal) its SOP instance and its own position.
 * Contours are mapped with each slice's own (0020,0032) ImagePositionPatient, so unevenly spaced
 * or tilted series rasterise correctly.
 *
 * @param geometry            the grid (size nx = columns, ny = rows, nz = slices; LPS)
 * @param sopInstanceUids     (0008,0018) of slice k at index k ("" when unknown)
 * @param sopClassUid         (0008,0016) of the slices (CT Image Storage...)
 * @param frameOfReferenceUid (0020,0052) of the series ("" when unknown)
 * @param seriesInstanceUid   (0020,000E) of the series ("" when unknown)
 * @param studyInstanceUid    (0020,000D) of the series ("" when unknown)
 * @param slicePositions      LPS mm of voxel (0, 0, k), i.e. slice k's ImagePositionPatient
 */
public record ReferencedGrid(Geometry geometry, List<String> sopInstanceUids, String sopClassUid,
                             String frameOfReferenceUid, String seriesInstanceUid, String studyInstanceUid,
                             List<double[]> slicePositions) {

    public ReferencedGrid {
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(frameOfReferenceUid, "frameOfReferenceUid");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        int nz = geometry.size()[2];
        if (sopInstanceUids.size() != nz || slicePositions.size() != nz) {
            throw new IllegalArgumentException("a grid of " + nz + " slices needs " + nz + " SOP instance UIDs and "
                    + nz + " slice positions, got " + sopInstanceUids.size() + " and " + slicePositions.size());
        }
        List<double[]> copy = new ArrayList<>(nz);
        for (double[] p : slicePositions) {
            if (p.length != 3) {
                throw new IllegalArgumentException("a slice position needs x, y, z, got " + p.length + " values");
            }
            copy.add(p.clone());
        }
        sopInstanceUids = List.copyOf(sopInstanceUids);
        slicePositions = List.copyOf(copy);
    }

    /**
     * A grid whose slice positions follow from the geometry (evenly spaced along axis k).
     *
     * @param sopInstanceUids one per slice, ascending k
     */
    public static ReferencedGrid regular(Geometry geometry, List<String> sopInstanceUids, String sopClassUid,
                                         String frameOfReferenceUid, String seriesInstanceUid, String studyInstanceUid) {
        List<double[]> pos = new ArrayList<>();
        for (int k = 0; k < geometry.size()[2]; k++) {
            pos.add(geometry.voxelToLps(0, 0, k));
        }
        return new ReferencedGrid(geometry, sopInstanceUids, sopClassUid, frameOfReferenceUid, seriesInstanceUid,
                studyInstanceUid, pos);
    }

    @Override
    public List<double[]> slicePositions() {
        return slicePositions.stream().map(double[]::clone).toList();
    }

    /** LPS mm of slice k's ImagePositionPatient (a copy). */
    public double[] slicePosition(int k) {
        return slicePositions.get(k).clone();
    }

    /** Unit LPS normal of the slices: row direction x column direction (PS3.3 C.7.6.2.1.1). */
    public double[] normal() {
        double[] x = geometry.axis(0);
        double[] y = geometry.axis(1);
        double[] n = {x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]};
        double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        return new double[] {n[0] / len, n[1] / len, n[2] / len};
    }
}
