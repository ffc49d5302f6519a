// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomParseException;
import org.scanbase.dicom.DicomReader;
import org.scanbase.dicom.Tags;
import org.scanbase.volume.Geometry;

/**
 * Builds a {@link ReferencedGrid} from the headers of an image series: slices ordered by position
 * along the normal of (0020,0037) ImageOrientationPatient, each with its own (0020,0032)
 * ImagePositionPatient, the in-plane spacing from (0028,0030) PixelSpacing (row spacing first,
 * PS3.3 C.7.6.2.1.1), the slice spacing from the median gap (SliceThickness, else 1 mm, for one
 * slice). A stand-in until the series assembly of org.scanbase.volume is used; it does no more
 * than the rasteriser needs.
 */
public final class ReferencedGrids {
    private ReferencedGrids() {
    }

    /**
     * Reads the headers of every file in a folder (not recursing) that is an image of the one
     * series with pixel data; other objects (RTSTRUCT, SEG...) are ignored.
     *
     * @throws IOException when no image is found, several series are present or headers disagree
     */
    public static ReferencedGrid fromFolder(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<Attributes> headers = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (Path f : files) {
            Attributes a;
            try {
                a = DicomReader.readHeader(f).dataset();
            } catch (IOException e) {
                continue;
            }
            if (a.contains(Tags.ImagePositionPatient) && a.contains(Tags.Rows)) {
                headers.add(a);
                paths.add(f);
            }
        }
        if (headers.isEmpty()) {
            throw new DicomParseException(dir, -1, Tags.ImagePositionPatient, "no image slices in the folder");
        }
        String series = headers.get(0).getString(Tags.SeriesInstanceUID).orElse("");
        for (int i = 1; i < headers.size(); i++) {
            String other = headers.get(i).getString(Tags.SeriesInstanceUID).orElse("");
            if (!other.equals(series)) {
                throw new DicomParseException(paths.get(i), -1, Tags.SeriesInstanceUID, "series " + other
                        + " differs from series " + series + " of " + paths.get(0) + "; the folder must hold one series");
            }
        }
        return fromHeaders(headers, paths);
    }

    /** The grid of a series' slice headers (any order); {@code paths} name them in messages. */
    public static ReferencedGrid fromHeaders(List<Attributes> headers, List<Path> paths) throws DicomParseException {
        Attributes first = headers.get(0);
        double[] iop = first.getDoubles(Tags.ImageOrientationPatient);
        double[] ps = first.getDoubles(Tags.PixelSpacing);
        if (iop.length != 6) {
            throw new DicomParseException(paths.get(0), -1, Tags.ImageOrientationPatient, "needs 6 values, has " + iop.length);
        }
        if (ps.length != 2) {
            throw new DicomParseException(paths.get(0), -1, Tags.PixelSpacing, "needs 2 values, has " + ps.length);
        }
        double[] n = {iop[1] * iop[5] - iop[2] * iop[4], iop[2] * iop[3] - iop[0] * iop[5], iop[0] * iop[4] - iop[1] * iop[3]};
        List<Integer> order = new ArrayList<>();
        double[] along = new double[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            double[] p = headers.get(i).getDoubles(Tags.ImagePositionPatient);
            if (p.length != 3) {
                throw new DicomParseException(paths.get(i), -1, Tags.ImagePositionPatient, "needs 3 values, has " + p.length);
            }
            double[] o = headers.get(i).getDoubles(Tags.ImageOrientationPatient);
            for (int c = 0; c < 6; c++) {
                if (o.length != 6 || Math.abs(o[c] - iop[c]) > 1e-4) {
                    throw new DicomParseException(paths.get(i), -1, Tags.ImageOrientationPatient,
                            "differs from that of " + paths.get(0));
                }
            }
            along[i] = p[0] * n[0] + p[1] * n[1] + p[2] * n[2];
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> along[i]));
        List<String> uids = new ArrayList<>();
        List<double[]> positions = new ArrayList<>();
        double[] gaps = new double[Math.max(0, order.size() - 1)];
        for (int q = 0; q < order.size(); q++) {
            Attributes h = headers.get(order.get(q));
            uids.add(h.getString(Tags.SOPInstanceUID).orElse(""));
            positions.add(h.getDoubles(Tags.ImagePositionPatient));
            if (q > 0) {
                gaps[q - 1] = along[order.get(q)] - along[order.get(q - 1)];
            }
        }
        double dz;
        if (gaps.length > 0) {
            double[] sorted = gaps.clone();
            java.util.Arrays.sort(sorted);
            dz = sorted[sorted.length / 2];
            if (dz <= 0) {
                throw new DicomParseException(paths.get(0), -1, Tags.ImagePositionPatient,
                        "several slices share one position");
            }
        } else {
            dz = first.getDouble(Tags.SliceThickness).orElse(1.0);
        }
        double[] dir = {iop[0], iop[3], n[0], iop[1], iop[4], n[1], iop[2], iop[5], n[2]};
        int[] size = {first.getInt(Tags.Columns, 0), first.getInt(Tags.Rows, 0), headers.size()};
        Geometry g = new Geometry(size, new double[] {ps[1], ps[0], dz}, positions.get(0), dir);
        return new ReferencedGrid(g, uids, first.getString(Tags.SOPClassUID).orElse(""),
                first.getString(Tags.FrameOfReferenceUID).orElse(""), first.getString(Tags.SeriesInstanceUID).orElse(""),
                first.getString(Tags.StudyInstanceUID).orElse(""), positions);
    }
}
