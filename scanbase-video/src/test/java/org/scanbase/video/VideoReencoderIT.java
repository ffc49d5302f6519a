// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-encoding videos ffmpeg makes at test time (mpeg4 in MP4 and AVI) into browser-safe H.264. */
class VideoReencoderIT {
    @TempDir
    Path dir;

    // testsrc2 rounds sizes down to even ones; testsrc keeps odd sizes
    private Path mpeg4(String name, int w, int h, int frames, int fps) throws Exception {
        Path out = dir.resolve("in").resolve(name);
        Files.createDirectories(out.getParent());
        VideoTools.run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", (w % 2 == 1 || h % 2 == 1 ? "testsrc=size=" : "testsrc2=size=") + w + "x" + h + ":rate=" + fps,
                "-frames:v", Integer.toString(frames), "-c:v", "mpeg4", "-q:v", "2", "-pix_fmt", "yuv420p",
                out.toString());
        return out;
    }

    @Test
    void anMpeg4FileBecomesH264Yuv420pWithTheOriginalKeptBesideIt() throws Exception {
        Path source = mpeg4("clip.mp4", 160, 120, 40, 25);
        byte[] before = Files.readAllBytes(source);
        JsonNode in = VideoTools.probe(source);
        assertThat(in.get("codec_name").asText()).isEqualTo("mpeg4");

        VideoReencoder.Result r = VideoReencoder.reencode(source, dir.resolve("out"));

        assertThat(r.video().path()).isEqualTo(dir.resolve("out/clip.mp4").toAbsolutePath());
        assertThat(r.original()).isEqualTo(dir.resolve("out/clip-original.mp4").toAbsolutePath());
        assertThat(Files.readAllBytes(r.original())).isEqualTo(before);
        assertThat(Files.readAllBytes(source)).as("the source is never modified").isEqualTo(before);
        JsonNode s = VideoTools.probe(r.video().path());
        assertThat(s.get("codec_name").asText()).isEqualTo("h264");
        assertThat(s.get("pix_fmt").asText()).isEqualTo("yuv420p");
        assertThat(s.get("nb_read_frames").asInt()).isEqualTo(in.get("nb_read_frames").asInt()).isEqualTo(40);
        assertThat(s.get("duration").asDouble()).isCloseTo(40 / 25.0, Offset.offset(1e-3));
        assertThat(r.video().frames()).isEqualTo(40);
        assertThat(r.video().fps()).isEqualTo(25);
        assertThat(r.video().width()).isEqualTo(160);
        assertThat(r.video().height()).isEqualTo(120);
        assertThat(r.video().durationSeconds()).isCloseTo(1.6, Offset.offset(1e-9));
        List<String> boxes = VideoTools.topLevelBoxes(r.video().path());
        assertThat(boxes.indexOf("moov")).isLessThan(boxes.indexOf("mdat"));
        byte[][] want = VideoTools.decodeGrey(source, 160, 120, 160, 120);
        byte[][] got = VideoTools.decodeGrey(r.video().path(), 160, 120, 160, 120);
        double psnr = VideoTools.psnr(got, want);
        System.out.printf("re-encoded clip: PSNR %.1f dB against the mpeg4 original%n", psnr);
        assertThat(psnr).isGreaterThanOrEqualTo(38);
    }

    @Test
    void anOddSizedAviIsPaddedAndAFileReencodedInPlaceMovesItsOriginalAside() throws Exception {
        Path avi = mpeg4("odd.avi", 75, 41, 9, 10);
        VideoReencoder.Result fromAvi = VideoReencoder.reencode(avi, avi.getParent());
        assertThat(fromAvi.video().width()).isEqualTo(76);
        assertThat(fromAvi.video().height()).isEqualTo(42);
        assertThat(VideoTools.probe(fromAvi.video().path()).get("nb_read_frames").asInt()).isEqualTo(9);
        assertThat(fromAvi.original().getFileName().toString()).isEqualTo("odd-original.avi");

        Path mp4 = fromAvi.video().path();
        byte[] h264 = Files.readAllBytes(mp4);
        VideoReencoder.Result again = VideoReencoder.reencode(mp4, mp4.getParent());
        assertThat(again.video().path()).isEqualTo(mp4);
        assertThat(again.original().getFileName().toString()).isEqualTo("odd-original.mp4");
        assertThat(Files.readAllBytes(again.original())).isEqualTo(h264);
        assertThat(VideoTools.probe(mp4).get("codec_name").asText()).isEqualTo("h264");
    }
}
