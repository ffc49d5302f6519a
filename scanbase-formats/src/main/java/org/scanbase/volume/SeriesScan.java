// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link SeriesScanner} found under a folder: the image series (grouped by
 * SeriesInstanceUID, in order of first appearance), the non-image objects it left aside
 * (RTSTRUCT, SEG, SR, RTPLAN, RTDOSE, presentation states...) and the files it could not read.
 *
 * @param series     image series
 * @param nonImages  DICOM objects that are not images to stack, with what they are
 * @param unreadable files that are not DICOM or are broken (truncated...), with the reader's message
 */
public record SeriesScan(List<DicomSeries> series, List<Skipped> nonImages, List<Skipped> unreadable) {
    public SeriesScan {
        series = List.copyOf(series);
        nonImages = List.copyOf(nonImages);
        unreadable = List.copyOf(unreadable);
    }

    /** A file left out of assembly, and why. */
    public record Skipped(Path path, String reason) {
        @Override
        public String toString() {
            return path + " (" + reason + ")";
        }
    }

    /**
     * The one image series, or the one whose SeriesInstanceUID is {@code uid} when not null.
     *
     * @throws SeriesException when there is none, or several and no uid picks one: the message
     *                         lists each series' UID, description and image count
     */
    public DicomSeries pick(String uid, Path where) throws SeriesException {
        if (uid != null) {
            return series.stream().filter(s -> s.uid().equals(uid)).findFirst().orElseThrow(() ->
                    new SeriesException(where + ": no image series with SeriesInstanceUID " + uid + "; found "
                            + describe()));
        }
        if (series.isEmpty()) {
            String why = unreadable.isEmpty() ? "" : "; unreadable: " + unreadable.get(0)
                    + (unreadable.size() > 1 ? " and " + (unreadable.size() - 1) + " more" : "");
            throw new SeriesException(where + ": no DICOM image series found"
                    + (nonImages.isEmpty() ? "" : " (only non-image objects: " + nonImages.size() + ")") + why);
        }
        if (series.size() > 1) {
            throw new SeriesException(where + ": " + series.size() + " image series; pick one with --series UID: "
                    + describe());
        }
        return series.get(0);
    }

    /** {@code UID "description" (N images)} for each series, comma separated. */
    public String describe() {
        return series.stream().map(DicomSeries::summary).collect(Collectors.joining(", "));
    }
}
