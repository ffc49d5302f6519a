// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scanbase.dataset.MediaType;
import org.scanbase.dataset.Sample;
import org.scanbase.dataset.View;
import org.scanbase.label.Segmentation;

/**
 * One video a dataset makes: a volume sample, or the slice samples of one series ({@code
 * volume_id}, as the DICOM importer writes it) in {@code slice_index} order. Holds paths and
 * ids only, so planning a million slices stays small.
 *
 * @param stem     the output file name without {@code .mp4}
 * @param volumeId the series for slice groups, null for volume samples
 * @param slices    the samples: one for a volume or video sample, the slices of a series in order
 * @param userVideo true for a video sample (a file the user brought), which is re-encoded
 */
public record VideoUnit(String stem, String volumeId, List<Member> slices, boolean userVideo) {

    /**
     * One sample of a unit.
     *
     * @param id       sample id
     * @param filepath the sample's source file
     * @param files    the DICOM files of a volume sample ({@code metadata.files}), else empty
     * @param masks    overlay field -> mask file (PNG for slices, a label volume for volumes);
     *                 fields without a mask file are absent
     */
    public record Member(String id, String filepath, List<String> files, Map<String, String> masks) {
    }

    public VideoUnit {
        slices = List.copyOf(slices);
    }

    /** True for the slice samples of a series, false for a volume sample. */
    public boolean isSliceGroup() {
        return volumeId != null;
    }

    /**
     * The units of a view: each volume or video sample alone; image samples grouped by {@code volume_id}
     * (samples without one are each their own group) in {@code slice_index} order.
     *
     * @param overlayFields Segmentation fields whose mask files the units should carry
     */
    public static List<VideoUnit> of(View view, MediaType mediaType, List<String> overlayFields) {
        List<VideoUnit> units = new ArrayList<>();
        Map<String, List<Object[]>> groups = new LinkedHashMap<>();
        for (Sample s : view) {
            Member m = member(s, overlayFields);
            if (s.mediaType() == MediaType.VIDEO) {
                String name = Path.of(s.filepath()).getFileName().toString();
                int dot = name.lastIndexOf('.');
                units.add(new VideoUnit(dot > 0 ? name.substring(0, dot) : name, null, List.of(m), true));
                continue;
            }
            if (mediaType == MediaType.VOLUME || s.mediaType() == MediaType.VOLUME) {
                units.add(new VideoUnit(stem(s.filepath()), null, List.of(m), false));
                continue;
            }
            Object vid = s.get("volume_id");
            String key = vid == null ? "sample " + s.id() : vid.toString();
            long index = s.get("slice_index") instanceof Number n ? n.longValue() : 0;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new Object[] {index, m});
        }
        groups.forEach((key, members) -> {
            members.sort(Comparator.comparingLong(o -> (Long) o[0]));
            List<Member> ordered = members.stream().map(o -> (Member) o[1]).toList();
            String stem = key.startsWith("sample ") ? stem(ordered.get(0).filepath()) : safe(key);
            units.add(new VideoUnit(stem, key, ordered, false));
        });
        return units;
    }

    private static Member member(Sample s, List<String> overlayFields) {
        Map<String, String> masks = new LinkedHashMap<>();
        for (String f : overlayFields) {
            Object v = s.get(f);
            if (v instanceof Map<?, ?> doc && "Segmentation".equals(doc.get("_type"))) {
                s.label(f, Segmentation.class).map(Segmentation::maskPath).ifPresent(p -> masks.put(f, p));
            } else if (v != null) {
                throw new IllegalArgumentException("--overlay " + f + " is not a Segmentation field (sample " + s.id()
                        + ")");
            }
        }
        List<String> files = List.of();
        if (s.get("metadata.files") instanceof List<?> l) {
            files = l.stream().map(Object::toString).toList();
        }
        return new Member(s.id(), s.filepath(), files, masks);
    }

    /** A file name without its directory and its image extension(s). */
    static String stem(String filepath) {
        String n = Path.of(filepath).getFileName().toString();
        String lower = n.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".nii.gz", ".nii", ".nrrd", ".nhdr", ".mha", ".mhd", ".dcm", ".hdr", ".img"}) {
            if (lower.endsWith(ext) && lower.length() > ext.length()) {
                return n.substring(0, n.length() - ext.length());
            }
        }
        return n;
    }

    private static String safe(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._-]+", "_");
        return t.isEmpty() ? "video" : t;
    }
}
