// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomFile;
import org.scanbase.dicom.DicomReader;
import org.scanbase.dicom.Tags;

/**
 * Finds the DICOM image series under a folder (at any depth) or in one file. Each file's header
 * is read without its pixel data ({@link DicomReader#readHeader}); objects that are not images to
 * stack are listed and left aside: RT Structure Set, RT Plan, RT Dose (a dose grid with its own
 * geometry rules, PS3.3 C.8.8.3, not a slice series), Segmentation, Structured Reports,
 * Presentation States, Key Objects, Registrations, DICOMDIR, encapsulated documents, and
 * anything without Pixel Data. Files that are not DICOM or are broken (e.g. truncated: their
 * Pixel Data does not fit in the file) are reported and skipped; the rest is still grouped.
 * Headers are read on a few threads; the scan (the order of series, images and skipped files)
 * is the same as a serial one in file order.
 */
public final class SeriesScanner {
    /** SOP Class UID prefixes (PS3.4 annex B) of objects that are not image slices. */
    private static final Map<String, String> NON_IMAGE_CLASSES = Map.ofEntries(
            Map.entry("1.2.840.10008.5.1.4.1.1.481.3", "RTSTRUCT"),
            Map.entry("1.2.840.10008.5.1.4.1.1.481.2", "RTDOSE"),
            Map.entry("1.2.840.10008.5.1.4.1.1.481.5", "RTPLAN"),
            Map.entry("1.2.840.10008.5.1.4.1.1.481.8", "RTPLAN"),
            Map.entry("1.2.840.10008.5.1.4.1.1.481.4", "RTRECORD"),
            Map.entry("1.2.840.10008.5.1.4.1.1.66.4", "SEG"),
            Map.entry("1.2.840.10008.5.1.4.1.1.66.1", "REG"),
            Map.entry("1.2.840.10008.5.1.4.1.1.66.3", "REG"),
            Map.entry("1.2.840.10008.5.1.4.1.1.88.", "SR"),
            Map.entry("1.2.840.10008.5.1.4.1.1.11.", "PR"),
            Map.entry("1.2.840.10008.5.1.4.1.1.104.", "DOC"),
            Map.entry("1.2.840.10008.1.3.10", "DICOMDIR"));
    /** Modalities (0008,0060) that are never image slices. */
    private static final List<String> NON_IMAGE_MODALITIES = List.of("RTSTRUCT", "RTDOSE", "RTPLAN", "RTRECORD",
            "SEG", "SR", "PR", "KO", "REG", "DOC", "PLAN", "RWV");

    private SeriesScanner() {
    }

    /**
     * Scans a folder recursively (files in path order), or one file.
     *
     * @throws NoSuchFileException when {@code input} does not exist
     * @throws IOException         when the folder cannot be listed
     */
    public static SeriesScan scan(Path input) throws IOException {
        return scan(files(input));
    }

    /** Scans the given files, reading their headers on {@code min(4, available processors)} threads. */
    public static SeriesScan scan(List<Path> files) {
        return scan(files, Workers.defaultThreads());
    }

    /**
     * Scans the given files, reading their headers on {@code threads} threads; the result (the
     * order of series, images and skipped files) is that of a serial scan in file order.
     */
    static SeriesScan scan(List<Path> files, int threads) {
        Scanned[] scanned = new Scanned[files.size()];
        try {
            Workers.run(files.size(), threads, i -> scanned[i] = scanOne(files.get(i)));
        } catch (IOException e) {
            throw new AssertionError("scanOne reports problems as skipped files", e);
        }
        Map<String, List<SliceInfo>> bySeries = new LinkedHashMap<>();
        List<SeriesScan.Skipped> nonImages = new ArrayList<>();
        List<SeriesScan.Skipped> unreadable = new ArrayList<>();
        for (Scanned s : scanned) {
            if (s.unreadable() != null) {
                unreadable.add(s.unreadable());
            } else if (s.nonImage() != null) {
                nonImages.add(s.nonImage());
            } else {
                bySeries.computeIfAbsent(s.seriesUid(), k -> new ArrayList<>()).addAll(s.images());
            }
        }
        List<DicomSeries> series = new ArrayList<>();
        bySeries.forEach((uid, slices) -> series.add(DicomSeries.of(uid, slices)));
        return new SeriesScan(series, nonImages, unreadable);
    }

    /** The files a scan of {@code input} reads: the regular files under a folder in path order, or the file. */
    static List<Path> files(Path input) throws IOException {
        if (!Files.exists(input)) {
            throw new NoSuchFileException(input.toString());
        }
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        try (Stream<Path> s = Files.walk(input)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** What one file holds: images of a series, or why it is left out (exactly one of the three). */
    private record Scanned(String seriesUid, List<SliceInfo> images, SeriesScan.Skipped nonImage,
                           SeriesScan.Skipped unreadable) {
    }

    private static Scanned scanOne(Path f) {
        DicomFile dcm;
        try {
            dcm = DicomReader.readHeader(f);
        } catch (IOException | RuntimeException e) {
            return new Scanned(null, null, null, new SeriesScan.Skipped(f, message(e)));
        }
        String kind = nonImageKind(dcm.dataset());
        if (kind != null) {
            return new Scanned(null, null, new SeriesScan.Skipped(f, kind), null);
        }
        List<SliceInfo> images;
        try {
            images = SliceInfo.of(dcm);
        } catch (RuntimeException e) {
            return new Scanned(null, null, null, new SeriesScan.Skipped(f, message(e)));
        }
        if (images.get(0).rows() <= 0 || images.get(0).columns() <= 0) {
            return new Scanned(null, null, null,
                    new SeriesScan.Skipped(f, "(0028,0010) Rows / (0028,0011) Columns missing or 0"));
        }
        return new Scanned(dcm.dataset().getString(Tags.SeriesInstanceUID).orElse(""), images, null, null);
    }

    /** What a non-image object is ("RTSTRUCT", "SEG", "no Pixel Data"...), or null for an image. */
    static String nonImageKind(Attributes ds) {
        String sopClass = ds.getString(Tags.SOPClassUID).orElse("");
        for (Map.Entry<String, String> e : NON_IMAGE_CLASSES.entrySet()) {
            String k = e.getKey();
            if (k.endsWith(".") ? sopClass.startsWith(k) : sopClass.equals(k)) {
                return e.getValue();
            }
        }
        String modality = ds.getString(Tags.Modality).orElse("");
        if (NON_IMAGE_MODALITIES.contains(modality)) {
            return modality;
        }
        if (!ds.contains(Tags.PixelData) && !ds.contains(Tags.FloatPixelData) && !ds.contains(Tags.DoubleFloatPixelData)) {
            return (modality.isEmpty() ? "" : modality + ", ") + "no (7FE0,0010) PixelData";
        }
        return null;
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
