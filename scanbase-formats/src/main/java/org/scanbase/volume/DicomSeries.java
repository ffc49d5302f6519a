// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.util.List;
import org.scanbase.dicom.Tags;

/**
 * The images sharing one (0020,000E) SeriesInstanceUID, in the order they were found. A series
 * may hold several stacks (echoes, time points, sizes...): {@link #stacks()} separates them.
 *
 * @param uid         SeriesInstanceUID ("" when the files have none)
 * @param description (0008,103E) SeriesDescription of the first image, "" when absent
 * @param modality    (0008,0060) Modality of the first image
 * @param slices      every image (a frame of a multi-frame file counts as one)
 */
public record DicomSeries(String uid, String description, String modality, List<SliceInfo> slices) {
    public DicomSeries {
        slices = List.copyOf(slices);
    }

    static DicomSeries of(String uid, List<SliceInfo> slices) {
        var ds = slices.get(0).dataset();
        return new DicomSeries(uid, ds.getString(Tags.SeriesDescription).orElse(""),
                ds.getString(Tags.Modality).orElse(""), slices);
    }

    /** The stacks of images that each make one volume; see {@link SeriesSplitter}. */
    public List<SliceStack> stacks() {
        return SeriesSplitter.split(this);
    }

    /** {@code UID "description" (N images)}. */
    public String summary() {
        return uid + " \"" + description + "\" (" + slices.size() + " image" + (slices.size() == 1 ? "" : "s") + ")";
    }
}
