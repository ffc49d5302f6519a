// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomFile;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.TransferSyntax;
import org.scanbase.volume.DicomSeries;
import org.scanbase.volume.SeriesStack;
import org.scanbase.volume.SliceInfo;
import org.scanbase.volume.SliceStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link ReferencedGrid} from an image series with the series assembly of
 * org.scanbase.volume ({@link SeriesStack}), so that masks rasterised onto it sit voxel for
 * voxel on the volume {@code scanbase convert} writes from the same folder: slices ordered by
 * (0020,0032) ImagePositionPatient along the normal of (0020,0037) ImageOrientationPatient, each
 * keeping its own position; in-plane spacing from (0028,0030) PixelSpacing (row spacing first,
 * PS3.3 C.7.6.2.1.1); slice step the median step between positions; under gantry tilt, axis k
 * follows the positions (a sheared grid). Geometry warnings (uneven spacing, missing slices,
 * tilt) are logged; the grid is built regardless, as for {@code convert} without --strict.
 */
public final class ReferencedGrids {
    private static final Logger LOG = LoggerFactory.getLogger(ReferencedGrids.class);

    private ReferencedGrids() {
    }

    /**
     * The grid of the one image series in a folder (at any depth) or file; other objects
     * (RTSTRUCT, SEG, SR...) and files that are not DICOM are ignored.
     *
     * @throws IOException when no image series is found, several are present, the series splits
     *                     into several stacks (echoes, time points...) or two slices share a position
     */
    public static ReferencedGrid fromFolder(Path dir) throws IOException {
        return fromStack(SeriesStack.find(dir, null));
    }

    /** The grid of an assembled stack: its geometry, and per slice its SOP instance and position. */
    public static ReferencedGrid fromStack(SeriesStack stack) {
        for (String w : stack.warnings()) {
            LOG.warn("{}", w);
        }
        Attributes first = stack.slices().get(0).dataset();
        return new ReferencedGrid(stack.geometry(), stack.sopInstanceUids(),
                first.getString(Tags.SOPClassUID).orElse(""), first.getString(Tags.FrameOfReferenceUID).orElse(""),
                stack.seriesUid(), first.getString(Tags.StudyInstanceUID).orElse(""), stack.positions());
    }

    /**
     * The grid of a series' slice headers (any order, one series, one stack); {@code paths} name
     * them in messages.
     *
     * @throws IOException when the slices do not make one stack or two share a position
     */
    public static ReferencedGrid fromHeaders(List<Attributes> headers, List<Path> paths) throws IOException {
        if (headers.isEmpty() || headers.size() != paths.size()) {
            throw new IllegalArgumentException("needs one path per header and at least one, got " + headers.size()
                    + " headers and " + paths.size() + " paths");
        }
        List<SliceInfo> slices = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            DicomFile f = new DicomFile(paths.get(i), new Attributes(), headers.get(i), TransferSyntax.EXPLICIT_VR_LE,
                    false, List.of());
            slices.addAll(SliceInfo.of(f));
        }
        Attributes first = headers.get(0);
        String uid = first.getString(Tags.SeriesInstanceUID).orElse("");
        DicomSeries series = new DicomSeries(uid, first.getString(Tags.SeriesDescription).orElse(""),
                first.getString(Tags.Modality).orElse(""), slices);
        List<SliceStack> stacks = series.stacks();
        if (stacks.size() > 1) {
            throw new org.scanbase.volume.SeriesException(paths.get(0) + ": series " + uid + " splits into "
                    + stacks.size() + " stacks: " + stacks.stream().map(SliceStack::summary).toList());
        }
        return fromStack(SeriesStack.of(series, stacks.get(0)));
    }
}
