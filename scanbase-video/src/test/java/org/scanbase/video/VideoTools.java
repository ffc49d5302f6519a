// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The independent tools the video tests check against: Debian's ffprobe and ffmpeg, nibabel's
 * reference frames, and a reading of MP4 box order that does not go through FFmpeg.
 * A missing tool fails the test with the package to install.
 */
final class VideoTools {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private VideoTools() {
    }

    /** Runs a command, failing the test on a missing binary, non-zero exit or time-out; stdout. */
    static byte[] run(String... cmd) throws IOException, InterruptedException {
        Path exe = Path.of(cmd[0]);
        if (!cmd[0].contains("/")) {
            exe = Arrays.stream(System.getenv("PATH").split(":")).map(d -> Path.of(d, cmd[0]))
                    .filter(Files::isExecutable).findFirst().orElse(null);
        }
        if (exe == null || !Files.isExecutable(exe)) {
            fail(cmd[0] + " is missing: apt-get install " + (cmd[0].startsWith("ff") ? "ffmpeg"
                    : "python3-nibabel python3-numpy"));
        }
        Path err = Files.createTempFile("video-tool", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
            }
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(String.join(" ", cmd) + " did not finish in 5 minutes");
            }
            if (p.exitValue() != 0) {
                fail(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "):\n" + Files.readString(err));
            }
            return out.toByteArray();
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** ffprobe's view of the first video stream, frames counted by decoding. */
    static JsonNode probe(Path mp4) throws IOException, InterruptedException {
        byte[] json = run("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_streams",
                "-show_format", "-of", "json", mp4.toString());
        JsonNode root = new ObjectMapper().readTree(json);
        return root.path("streams").get(0);
    }

    /** Every frame decoded by ffmpeg to 8-bit grey (full range), cropped to {@code w x h}. */
    static byte[][] decodeGrey(Path mp4, int paddedW, int paddedH, int w, int h) throws IOException,
            InterruptedException {
        byte[] raw = run("ffmpeg", "-v", "error", "-i", mp4.toString(), "-f", "rawvideo", "-pix_fmt", "gray", "-");
        int n = raw.length / (paddedW * paddedH);
        byte[][] frames = new byte[n][w * h];
        for (int f = 0; f < n; f++) {
            for (int r = 0; r < h; r++) {
                System.arraycopy(raw, f * paddedW * paddedH + r * paddedW, frames[f], r * w, w);
            }
        }
        return frames;
    }

    /** The frames nibabel + numpy say the video must show, and their size {@code [frames, h, w]}. */
    record Expected(byte[][] frames, int width, int height) {
    }

    static Expected expected(Path dir, Path volume, String kind, double a, double b) throws IOException,
            InterruptedException {
        Path raw = Files.createTempFile(dir, "expected", ".raw");
        byte[] json = run(PYTHON.toString(), script(dir).toString(), "frames", volume.toString(), raw.toString(), kind,
                Double.toString(a), Double.toString(b));
        return readExpected(json, raw);
    }

    /** The frames pydicom + numpy say a video of the series in {@code series} must show. */
    static Expected expectedDicom(Path dir, Path series) throws IOException, InterruptedException {
        Path raw = Files.createTempFile(dir, "expected", ".raw");
        byte[] json = run(PYTHON.toString(), script(dir).toString(), "dicomframes", series.toString(), raw.toString());
        return readExpected(json, raw);
    }

    /** Writes the pydicom CT series (shuffled names, window 300/1200) into {@code series}. */
    static void makeDicomSeries(Path dir, Path series) throws IOException, InterruptedException {
        Files.createDirectories(series);
        run(PYTHON.toString(), script(dir).toString(), "dicom", series.toString());
    }

    private static Expected readExpected(byte[] json, Path raw) throws IOException {
        JsonNode n = new ObjectMapper().readTree(json);
        int frames = n.get("frames").asInt();
        int w = n.get("width").asInt();
        int h = n.get("height").asInt();
        byte[] all = Files.readAllBytes(raw);
        byte[][] out = new byte[frames][];
        for (int f = 0; f < frames; f++) {
            out[f] = Arrays.copyOfRange(all, f * w * h, (f + 1) * w * h);
        }
        return new Expected(out, w, h);
    }

    /** Writes the test volumes with nibabel into {@code dir}. */
    static void makeVolumes(Path dir) throws IOException, InterruptedException {
        run(PYTHON.toString(), script(dir).toString(), "make", dir.toString());
    }

    private static Path script(Path dir) throws IOException {
        Path s = dir.resolve("video_reference.py");
        if (!Files.exists(s)) {
            try (InputStream in = VideoTools.class.getResourceAsStream("video_reference.py")) {
                Files.copy(in, s);
            }
        }
        return s;
    }

    /** PSNR in dB of two equally long 8-bit sequences (infinite when equal). */
    static double psnr(byte[][] a, byte[][] b) {
        double se = 0;
        long n = 0;
        for (int f = 0; f < a.length; f++) {
            for (int i = 0; i < a[f].length; i++) {
                double d = (a[f][i] & 0xFF) - (b[f][i] & 0xFF);
                se += d * d;
                n++;
            }
        }
        return se == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / (se / n));
    }

    /** The four-character types of the top-level boxes of an ISO BMFF (MP4) file, in file order. */
    static List<String> topLevelBoxes(Path mp4) throws IOException {
        List<String> types = new ArrayList<>();
        try (RandomAccessFile f = new RandomAccessFile(mp4.toFile(), "r")) {
            long at = 0;
            long end = f.length();
            while (at + 8 <= end) {
                f.seek(at);
                long size = f.readInt() & 0xFFFFFFFFL;
                byte[] type = new byte[4];
                f.readFully(type);
                if (size == 1) {
                    size = f.readLong();
                } else if (size == 0) {
                    size = end - at;
                }
                types.add(new String(type, StandardCharsets.US_ASCII));
                if (size < 8) {
                    break;
                }
                at += size;
            }
        }
        return types;
    }
}
