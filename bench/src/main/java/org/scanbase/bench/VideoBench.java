// SPDX-License-Identifier: Apache-2.0
package org.scanbase.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.scanbase.video.VideoInfo;
import org.scanbase.video.VideoOptions;
import org.scanbase.video.VideoSource;
import org.scanbase.video.VolumeVideo;
import org.scanbase.video.WindowSpec;
import org.scanbase.volume.VolumeFiles;

/**
 * scanbase side of {@code bench/video.sh}: read a volume file and encode it to MP4, end to end.
 * The first pass is the one-shot job a user runs (fresh JVM, natives loaded on first use); the
 * best of two more passes is the steady state. Prints one JSON line.
 *
 * <p>usage: {@code java -cp scanbase-bench.jar org.scanbase.bench.VideoBench VOLUME OUT.mp4 [WINDOW]}
 */
public final class VideoBench {

    private VideoBench() {
    }

    public static void main(String[] args) throws IOException {
        Path volume = Path.of(args[0]);
        Path out = Path.of(args[1]);
        VideoOptions options = VideoOptions.DEFAULT.withWindow(WindowSpec.parse(args.length > 2 ? args[2] : "soft"));
        long t = System.nanoTime();
        VideoInfo info = pass(volume, out, options);
        double first = (System.nanoTime() - t) / 1e9;
        double best = Double.MAX_VALUE;
        double readBest = Double.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            long r = System.nanoTime();
            VideoSource src = VideoSource.of(volume.getFileName().toString(), VolumeFiles.read(volume));
            double read = (System.nanoTime() - r) / 1e9;
            VolumeVideo.encode(src, options, out);
            best = Math.min(best, (System.nanoTime() - r) / 1e9);
            readBest = Math.min(readBest, read);
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"tool\": \"scanbase\", \"first_pass_s\": %.3f, \"steady_s\": %.3f, \"read_s\": %.3f,"
                        + " \"frames\": %d, \"width\": %d, \"height\": %d, \"bytes\": %d}",
                first, best, readBest, info.frames(), info.width(), info.height(), Files.size(out)));
    }

    private static VideoInfo pass(Path volume, Path out, VideoOptions options) throws IOException {
        return VolumeVideo.encode(VideoSource.of(volume.getFileName().toString(), VolumeFiles.read(volume)), options,
                out);
    }
}
