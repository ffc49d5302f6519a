// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --format mp4}, {@code video preview} and {@code video reencode} on the demo
 * datasets, checked with ffprobe / ffmpeg and against nibabel / pydicom counts.
 */
class Mp4ExportIT {
    @TempDir
    static Path dir;

    static String db;

    static CliRun run(String... args) {
        return CliRun.on(db, args);
    }

    static JsonNode json(CliRun r) throws Exception {
        assertThat(r.exit()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    static String tool(String... cmd) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/" + cmd[0]))) {
            fail("/usr/bin/" + cmd[0] + " is missing: apt-get install "
                    + (cmd[0].startsWith("ff") ? "ffmpeg" : "python3-nibabel python3-pydicom"));
        }
        cmd[0] = "/usr/bin/" + cmd[0];
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
        return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static JsonNode probe(String mp4) throws Exception {
        return new ObjectMapper().readTree(tool("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_streams", "-of", "json", mp4)).path("streams").get(0);
    }

    @BeforeAll
    static void importDemoData() throws Exception {
        db = "sqlite:" + dir.resolve("scanbase.db");
        assertThat(run("demo-data", dir.resolve("ct").toString(), "--kind", "covid-ct", "--patients", "2", "--slices",
                "16", "--size", "64").exit()).isZero();
        assertThat(run("demo-data", dir.resolve("mr").toString(), "--kind", "hippocampus", "--patients", "2",
                "--slices", "12", "--size", "64").exit()).isZero();
        assertThat(run("import", "nifti", dir.resolve("ct").toString(), "--name", "ct", "--layout", "covid19-ct")
                .exit()).isZero();
        assertThat(run("import", "dicom", dir.resolve("mr").toString(), "--name", "mr", "--glob", "MR*.dcm",
                "--rtstruct", "RS*.dcm")
                .exit()).isZero();
    }

    @Test
    void eachCtVolumeBecomesAnH264FileNamedAfterItsStemWithOneFramePerAxialSlice() throws Exception {
        JsonNode r = json(run("export", "ct", "--format", "mp4", "--out", dir.resolve("out-ct").toString(), "--json"));
        assertThat(r.get("exported").asInt()).isEqualTo(2);
        assertThat(r.get("format").asText()).isEqualTo("mp4");
        assertThat(r.get("files").asInt()).isEqualTo(r.get("videos").size()).isEqualTo(2);
        for (JsonNode f : r.get("videos")) {
            String mp4 = f.get("path").asText();
            String stem = Path.of(mp4).getFileName().toString().replace(".mp4", "");
            Path nii = dir.resolve("ct/ct_scans/" + stem + ".nii");
            assertThat(nii).exists();
            // nibabel: the number of slices along the axis closest to superior
            int axial = Integer.parseInt(tool("python3", "-c", "import nibabel as n, sys; i = n.load(sys.argv[1]); "
                    + "c = n.aff2axcodes(i.affine); print(i.shape[[k for k in range(3) if c[k] in 'SI'][0]])",
                    nii.toString()).trim());
            JsonNode s = probe(mp4);
            assertThat(s.get("codec_name").asText()).isEqualTo("h264");
            assertThat(s.get("pix_fmt").asText()).isEqualTo("yuv420p");
            assertThat(s.get("nb_read_frames").asInt()).isEqualTo(axial).isEqualTo(f.get("frames").asInt());
            assertThat(s.get("duration").asDouble()).isCloseTo(axial / 30.0, Offset.offset(1e-3));
        }
    }

    @Test
    void sliceSamplesMakeOneVideoPerSeriesAndOverlaysAddColourOnlyWhereMasksAre() throws Exception {
        JsonNode plain = json(run("export", "mr", "--format", "mp4", "--out", dir.resolve("plain").toString(),
                "--json"));
        JsonNode over = json(run("export", "mr", "--format", "mp4", "--out", dir.resolve("over").toString(),
                "--overlay", "Hippocampus_L,Hippocampus_R", "--opacity", "0.6", "--fps", "10", "--json"));
        assertThat(plain.get("exported").asInt()).isEqualTo(2);
        assertThat(over.get("exported").asInt()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            JsonNode f = over.get("videos").get(i);
            String uid = f.get("volume_id").asText();
            // pydicom: the slices of that series on disk
            int slices = Integer.parseInt(tool("python3", "-c", "import pydicom, glob, sys; print(sum(1 for p in "
                    + "glob.glob(sys.argv[1] + '/**/MR*.dcm', recursive=True) if pydicom.dcmread(p, "
                    + "stop_before_pixels=True).SeriesInstanceUID == sys.argv[2]))", dir.resolve("mr").toString(), uid)
                    .trim());
            assertThat(f.get("samples").size()).isEqualTo(slices);
            assertThat(probe(f.get("path").asText()).get("nb_read_frames").asInt()).isEqualTo(slices);
            assertThat(f.get("duration").asDouble()).isCloseTo(slices / 10.0, Offset.offset(1e-9));
            assertThat(colouredPixels(f.get("path").asText())).as("overlay colours").isGreaterThan(20);
            assertThat(colouredPixels(plain.get("videos").get(i).get("path").asText())).as("plain").isZero();
        }
    }

    /** Pixels whose decoded RGB channels differ by more than 40 levels: mask colour, not grey. */
    private static long colouredPixels(String mp4) throws Exception {
        byte[] rgb = tool("ffmpeg", "-v", "error", "-i", mp4, "-f", "rawvideo", "-pix_fmt", "rgb24", "-")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        long n = 0;
        for (int p = 0; p + 2 < rgb.length; p += 3) {
            int r = rgb[p] & 0xFF;
            int g = rgb[p + 1] & 0xFF;
            int b = rgb[p + 2] & 0xFF;
            if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 40) {
                n++;
            }
        }
        return n;
    }

    @Test
    void matchSelectsTheSamplesAndABadWindowIsBadUsage() throws Exception {
        JsonNode one = json(run("export", "ct", "--format", "mp4", "--out", dir.resolve("one").toString(),
                "--match", "contains(filepath, \"coronacases\")", "--window", "lung", "--json"));
        assertThat(one.get("exported").asInt()).isEqualTo(1);
        assertThat(one.get("videos").get(0).get("path").asText()).endsWith("coronacases_org_001.mp4");
        assertThat(run("export", "ct", "--format", "mp4", "--out", dir.resolve("bad").toString(), "--window", "liver")
                .exit()).isEqualTo(2);
        CliRun missing = run("export", "nope", "--format", "mp4", "--out", dir.resolve("bad").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void previewsAreWrittenIntoTheMediaFolderAndAttachedToEachVolumeSample() throws Exception {
        JsonNode r = json(run("video", "preview", "ct", "--json"));
        assertThat(r.get("exported").asInt()).isEqualTo(2);
        JsonNode q = json(run("query", "ct", "--json"));
        for (JsonNode s : q.get("samples")) {
            String preview = s.get("preview").asText();
            assertThat(Path.of(preview)).exists();
            assertThat(preview).contains("previews");
            assertThat(probe(preview).get("codec_name").asText()).isEqualTo("h264");
            assertThat(s.get("preview_metadata").get("frames").asInt()).isEqualTo(probe(preview)
                    .get("nb_read_frames").asInt());
        }
    }

    @Test
    void importWithPreviewMp4AttachesOnePreviewPerSeriesAndAReimportEncodesNothingAgain() throws Exception {
        CliRun first = run("import", "dicom", dir.resolve("mr").toString(), "--name", "mr-previews", "--glob",
                "MR*.dcm", "--rtstruct", "RS*.dcm", "--preview-mp4", "--json");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.err()).contains("previews: wrote 2 video(s)");
        assertThat(new ObjectMapper().readTree(first.out()).get("imported").asInt()).isEqualTo(24);
        JsonNode q = json(run("query", "mr-previews", "--json"));
        java.util.Set<String> videos = new java.util.HashSet<>();
        for (JsonNode s : q.get("samples")) {
            String preview = s.get("preview").asText();
            videos.add(preview);
            JsonNode probe = probe(preview);
            assertThat(probe.get("codec_name").asText()).isEqualTo("h264");
            assertThat(probe.get("nb_read_frames").asInt()).as("one frame per slice of the series").isEqualTo(12);
        }
        assertThat(videos).as("one video per series, shared by its slices").hasSize(2);
        CliRun again = run("import", "dicom", dir.resolve("mr").toString(), "--name", "mr-previews", "--glob",
                "MR*.dcm", "--rtstruct", "RS*.dcm", "--preview-mp4");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).contains("previews: wrote 0 video(s)");
    }

    @Test
    void aVideoSampleIsReencodedForItsPreviewAndItsMetadataUpdated() throws Exception {
        Path mov = dir.resolve("user/walk.mov");
        Files.createDirectories(mov.getParent());
        tool("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=81x45:rate=15", "-frames:v", "21", "-c:v",
                "mpeg4", mov.toString());
        byte[] before = Files.readAllBytes(mov);
        try (org.scanbase.dataset.Catalog c = new org.scanbase.dataset.Catalog(
                org.scanbase.store.Stores.open(db))) {
            c.create("clips", org.scanbase.dataset.MediaType.VIDEO).addSample(
                    org.scanbase.dataset.Sample.of(mov, org.scanbase.dataset.MediaType.VIDEO));
        }
        JsonNode r = json(run("video", "preview", "clips", "--json"));
        assertThat(r.get("exported").asInt()).isEqualTo(1);
        JsonNode s = json(run("query", "clips", "--json")).get("samples").get(0);
        JsonNode probe = probe(s.get("preview").asText());
        assertThat(probe.get("codec_name").asText()).isEqualTo("h264");
        assertThat(s.get("metadata").get("frames").asInt()).isEqualTo(probe.get("nb_read_frames").asInt())
                .isEqualTo(21);
        assertThat(s.get("metadata").get("fps").asDouble()).isEqualTo(15);
        assertThat(s.get("metadata").get("width").asInt()).isEqualTo(82);
        assertThat(s.get("metadata").get("height").asInt()).isEqualTo(46);
        assertThat(s.get("metadata").get("duration").asDouble()).isCloseTo(1.4, Offset.offset(1e-9));
        assertThat(Path.of(s.get("preview").asText()).resolveSibling("walk-original.mov")).exists();
        assertThat(Files.readAllBytes(mov)).as("the source is never modified").isEqualTo(before);
    }

    @Test
    void reencodeReportsTheNewMetadataAndKeepsTheOriginal() throws Exception {
        Path avi = dir.resolve("clip.avi");
        tool("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=99x57:rate=12", "-frames:v", "18", "-c:v",
                "mpeg4", avi.toString());
        JsonNode r = json(run("video", "reencode", avi.toString(), "--out", dir.resolve("re").toString(), "--json"));
        JsonNode v = r.get(0);
        assertThat(v.get("frames").asInt()).isEqualTo(18);
        assertThat(v.get("fps").asDouble()).isEqualTo(12);
        assertThat(v.get("width").asInt()).isEqualTo(100);
        assertThat(v.get("height").asInt()).isEqualTo(58);
        assertThat(v.get("duration").asDouble()).isCloseTo(1.5, Offset.offset(1e-9));
        assertThat(Path.of(v.get("original").asText()).getFileName().toString()).isEqualTo("clip-original.avi");
        assertThat(probe(v.get("path").asText()).get("codec_name").asText()).isEqualTo("h264");
    }
}
