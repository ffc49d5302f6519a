// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scanbase.video.VideoReencoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scanbase video preview NAME [--match EXPR] [mp4 options] [--json]} attaches an MP4 preview
 * to each volume sample (and to each slice of a series) as the field {@code preview};
 * {@code scanbase video reencode FILE... --out DIR [--json]} makes user videos browser-safe.
 */
@Command(name = "video", mixinStandardHelpOptions = true,
        description = "Browser-playable H.264 MP4 previews and re-encoding.",
        subcommands = {VideoCommand.Preview.class, VideoCommand.Reencode.class})
public final class VideoCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing a command: preview or reencode");
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Write an MP4 per volume (or series of slices) into the dataset's media and set its"
                    + " 'preview' field.")
    static final class Preview implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DatasetArgs dataset;

        @Mixin
        MatchOption match;

        @Option(names = "--json", description = "Print the report as JSON on stdout.")
        boolean json;

        @Mixin
        Mp4Export.Options mp4;

        @Override
        public Integer call() {
            return Mp4Export.preview(spec, dataset, match.match, mp4, json);
        }
    }

    @Command(name = "reencode", mixinStandardHelpOptions = true,
            description = "Re-encode videos to H.264 yuv420p faststart MP4, keeping each original as"
                    + " <name>-original.<ext> in --out.")
    static final class Reencode implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Video files (AVI, MOV, MKV, MP4...).")
        List<Path> files;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
        Path out;

        @Option(names = "--json", description = "Print [{path, original, frames, fps, width, height, duration}].")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<Map<String, Object>> done = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (Path f : files) {
                try {
                    VideoReencoder.Result r = VideoReencoder.reencode(f, out);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("path", r.video().path().toString());
                    m.put("original", r.original().toString());
                    m.putAll(r.video().toMetadata());
                    done.add(m);
                    if (!json) {
                        o.println(r.video().path() + "  " + r.video().frames() + " frames, " + r.video().width() + "x"
                                + r.video().height() + " @ " + r.video().fps() + " fps");
                    }
                } catch (IOException | RuntimeException e) {
                    failed.add(e.getMessage() == null ? f + ": " + e.getClass().getSimpleName() : e.getMessage());
                }
            }
            if (json) {
                o.println(Json.write(done));
            }
            o.flush();
            failed.forEach(m -> err.println("skipped: " + m.replaceAll("\\s*[\\r\\n]+\\s*", " ")));
            err.flush();
            if (done.isEmpty()) {
                return Main.userError(spec, new IOException("no video re-encoded; first problem: " + failed.get(0)));
            }
            return 0;
        }
    }
}
