// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scanbase.dataset.Catalog;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.dataset.View;
import org.scanbase.video.DatasetVideos;
import org.scanbase.video.Plane;
import org.scanbase.video.VideoOptions;
import org.scanbase.video.WindowSpec;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code scanbase export NAME --format mp4 --out DIR [--match EXPR] [--window W] [--fps N]
 * [--overlay FIELD,...] [--opacity A] [--plane P] [--json]}, and the previews of
 * {@code scanbase video preview}: one H.264 MP4 per volume sample (or per series of slice
 * samples), named {@code <file stem>.mp4} ({@code <volume_id>.mp4} for a series), the sample id
 * appended on a clash. Frame i is the i-th axial slice from inferior to superior.
 *
 * <p>The human summary goes to stderr; {@code --json} prints the shape of every export report,
 * {@code {"format": "mp4", "dataset", "out", "exported", "files": n, "videos": [{"path", "samples",
 * "volume_id", "frames", "fps", "width", "height", "duration"}], "skipped": [{"path", "reason"}],
 * "warnings": []}} on stdout ({@code out} absent for previews). Exit 1 when nothing could be written.
 */
public final class Mp4Export {

    /** The options of the mp4 format (a picocli mixin of {@code export} and {@code video preview}). */
    public static final class Options {
        @Option(names = "--window", paramLabel = "W",
                description = "lung, soft, bone, brain, W/L (e.g. 400/40), file, pLOW-pHIGH (e.g. p1-p99) or auto"
                        + " (default: the file's DICOM window, else soft tissue for CT, else p0.5-p99.5).")
        String window = "auto";

        @Option(names = "--fps", paramLabel = "N", description = "Frames per second (default 30).")
        double fps = 30;

        @Option(names = "--overlay", paramLabel = "FIELD", split = ",",
                description = "Burn these Segmentation fields into the frames, one colour per label.")
        List<String> overlay = new ArrayList<>();

        @Option(names = "--opacity", paramLabel = "A", description = "Overlay opacity 0..1 (default 0.4).")
        double opacity = 0.4;

        @Option(names = "--plane", paramLabel = "P", description = "axial (default), coronal or sagittal.")
        String plane = "axial";

        /** The video options these flags ask for; a bad value is bad usage (exit 2). */
        VideoOptions toVideoOptions(CommandSpec spec) {
            try {
                return new VideoOptions(Plane.fromCode(plane), WindowSpec.parse(window), fps, List.of(), opacity);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    private Mp4Export() {
    }

    /** {@code export --format mp4}: writes the videos of dataset {@code name} into {@code out}. */
    static int export(CommandSpec spec, DatasetArgs dataset, String match, Path out, Options options,
                      boolean json) {
        VideoOptions video = options.toVideoOptions(spec);
        return run(spec, dataset, match, json, out.toAbsolutePath().toString(), (catalog, ds, view) ->
                DatasetVideos.export(view, out, video, options.overlay, ProgressBars.forTerminal()));
    }

    /**
     * {@code import ... --preview-mp4}: previews (default options) for the samples that have none yet, so a
     * re-import encodes only what it added; one summary line on stderr, the import's JSON unchanged.
     */
    static void attachMissingPreviews(CommandSpec spec, Dataset ds, MediaFiles media) throws java.io.IOException {
        DatasetVideos.Report r = DatasetVideos.attachPreviews(ds.match("not exists(preview)"), media.root(),
                VideoOptions.DEFAULT, List.of(), ProgressBars.forTerminal());
        PrintWriter err = spec.commandLine().getErr();
        err.println("previews: wrote " + r.written().size() + " video(s)"
                + (r.skipped().isEmpty() ? "" : ", skipped " + r.skipped().size() + " (first: "
                + r.skipped().get(0).reason() + ")"));
        err.flush();
    }

    /** {@code video preview}: writes each unit's preview into the dataset's media and sets {@code preview}. */
    static int preview(CommandSpec spec, DatasetArgs dataset, String match, Options options, boolean json) {
        VideoOptions video = options.toVideoOptions(spec);
        return run(spec, dataset, match, json, null, (catalog, ds, view) -> {
            MediaFiles media = MediaFiles.of(catalog.store(), ds.name());
            return DatasetVideos.attachPreviews(view, media.root(), video, options.overlay, ProgressBars.forTerminal());
        });
    }

    private interface Job {
        DatasetVideos.Report run(Catalog catalog, Dataset ds, View view) throws java.io.IOException;
    }

    private static int run(CommandSpec spec, DatasetArgs dataset, String match, boolean json, String out, Job job) {
        return dataset.run(spec, (catalog, ds, o) -> {
            DatasetVideos.Report report = job.run(catalog, ds, DatasetViews.view(ds, match));
            print(spec, ds.name(), out, report, json);
            if (report.written().isEmpty() && !report.skipped().isEmpty()) {
                return Main.userError(spec, new IllegalArgumentException("no video written; first problem: "
                        + report.skipped().get(0).reason()));
            }
            return 0;
        });
    }

    private static void print(CommandSpec spec, String dataset, String out, DatasetVideos.Report r, boolean json) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("wrote " + r.written().size() + " video(s)" + (out == null ? "" : " to " + out)
                + (r.skipped().isEmpty() ? "" : ", skipped " + r.skipped().size() + ":"));
        r.skipped().forEach(s -> err.println("  " + s.reason()));
        err.flush();
        if (!json) {
            PrintWriter o = spec.commandLine().getOut();
            r.written().forEach(w -> o.println(w.video().path()));
            o.flush();
            return;
        }
        List<Map<String, Object>> videos = new ArrayList<>();
        for (DatasetVideos.Written w : r.written()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("path", w.video().path().toString());
            f.put("samples", w.sampleIds());
            f.put("volume_id", w.volumeId());
            f.put("frames", w.video().frames());
            f.put("fps", w.video().fps());
            f.put("width", w.video().width());
            f.put("height", w.video().height());
            f.put("duration", w.video().durationSeconds());
            videos.add(f);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", "mp4");
        doc.put("dataset", dataset);
        if (out != null) {
            doc.put("out", out);
        }
        doc.put("exported", r.written().size());
        doc.put("files", videos.size());
        doc.put("videos", videos);
        doc.put("skipped", r.skipped().stream().map(s -> Map.of("path", s.path(), "reason", s.reason())).toList());
        doc.put("warnings", List.of());
        PrintWriter o = spec.commandLine().getOut();
        o.println(Json.write(doc));
        o.flush();
    }
}
