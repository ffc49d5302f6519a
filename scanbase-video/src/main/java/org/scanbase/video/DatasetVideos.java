// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.scanbase.core.Progress;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.Sample;
import org.scanbase.dataset.View;

/**
 * MP4s of a dataset's samples: one per volume sample, one per series of slice samples. Used by
 * {@code scanbase export --format mp4} and by the previews the App plays. A unit that cannot be
 * read or encoded is skipped with its reason; the others go on.
 */
public final class DatasetVideos {

    /**
     * A video written.
     *
     * @param sampleIds the samples it shows (one volume, or the slices of a series in order)
     * @param volumeId  the series of a slice group, null for a volume sample
     * @param video     the file and its metadata
     */
    public record Written(List<String> sampleIds, String volumeId, VideoInfo video) {
    }

    /** A unit left out and why (the message names the file at fault). */
    public record Skipped(String path, String reason) {
    }

    /** What a run did. */
    public record Report(List<Written> written, List<Skipped> skipped) {
    }

    private DatasetVideos() {
    }

    /**
     * Writes {@code out/<stem>.mp4} for each unit of {@code view}: a volume sample's file stem,
     * or a series' {@code volume_id}; when two units share a name, the later gets
     * {@code <stem>-<sample id>.mp4}.
     *
     * @param overlays Segmentation fields to burn in (empty: the plain video)
     */
    public static Report export(View view, Path out, VideoOptions options, List<String> overlays, Progress progress)
            throws IOException {
        Files.createDirectories(out);
        return run(view, options, overlays, progress, namer(out), false);
    }

    /**
     * Writes a plain or overlaid preview of each unit under {@code mediaDir/previews/} and sets
     * the field {@code preview} of its samples to the MP4's absolute path, plus
     * {@code preview_metadata} ({@link VideoInfo#toMetadata()}). A video sample is re-encoded
     * ({@link VideoReencoder}, the original copied beside it as {@code <name>-original.<ext>})
     * and its {@code metadata} takes the new frames, fps, width, height and duration.
     */
    public static Report attachPreviews(View view, Path mediaDir, VideoOptions options, List<String> overlays,
                                        Progress progress) throws IOException {
        Path dir = mediaDir.resolve("previews");
        Files.createDirectories(dir);
        return run(view, options, overlays, progress, namer(dir), true);
    }

    /** {@code dir/<stem>.mp4}, or {@code dir/<stem>-<first sample id>.mp4} when the name is taken. */
    private static Namer namer(Path dir) {
        Set<String> taken = new HashSet<>();
        return unit -> {
            String name = unit.stem() + ".mp4";
            if (!taken.add(name)) {
                name = unit.stem() + "-" + unit.slices().get(0).id() + ".mp4";
                taken.add(name);
            }
            return dir.resolve(name).toAbsolutePath();
        };
    }

    private interface Namer {
        Path target(VideoUnit unit);
    }

    private static Report run(View view, VideoOptions options, List<String> overlays, Progress progress, Namer namer,
                              boolean attach) {
        Dataset ds = view.dataset();
        List<VideoUnit> units = VideoUnit.of(view, ds.mediaType(), overlays);
        List<Written> written = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        progress.start("encoding videos", units.size());
        for (VideoUnit unit : units) {
            String where = unit.isSliceGroup() ? unit.volumeId() : unit.slices().get(0).filepath();
            try {
                VideoInfo info;
                if (unit.userVideo()) {
                    info = VideoReencoder.reencodeTo(Path.of(where), namer.target(unit)).video();
                } else {
                    UnitLoader.Loaded loaded = UnitLoader.load(unit, overlays);
                    VideoOptions o = overlays.isEmpty() ? options : options.withMasks(loaded.masks(), options.opacity());
                    info = VolumeVideo.encode(loaded.source(), o, namer.target(unit));
                }
                List<String> ids = unit.slices().stream().map(VideoUnit.Member::id).toList();
                if (attach) {
                    for (String id : ids) {
                        Sample s = ds.sample(id).orElseThrow();
                        s.set("preview", info.path().toString()).set("preview_metadata", info.toMetadata());
                        if (unit.userVideo()) {
                            // the browser-safe file's metadata replace the source's, as FiftyOne does
                            java.util.Map<String, Object> meta = new java.util.LinkedHashMap<>(s.metadata());
                            meta.putAll(info.toMetadata());
                            s.set("metadata", meta);
                        }
                        s.save();
                    }
                }
                written.add(new Written(ids, unit.volumeId(), info));
            } catch (IOException | RuntimeException e) {
                String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                skipped.add(new Skipped(where, m.contains(where) ? m : where + ": " + m));
            }
            progress.advance(1);
        }
        progress.finish();
        return new Report(written, skipped);
    }
}
