// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.dicom.pixel.VoiWindow;
import org.scanbase.volume.VolumeFiles;

/**
 * Videos of volumes written by nibabel, checked with ffprobe / ffmpeg (codec, pixel format,
 * frame count, duration, box order, decoded pixels) against frames nibabel + numpy compute.
 */
class VolumeVideoIT {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeVolumes() throws Exception {
        VideoTools.makeVolumes(dir);
    }

    private static VideoSource nifti(String name) throws Exception {
        return VideoSource.of(name, VolumeFiles.read(dir.resolve(name)));
    }

    private static void assertBrowserSafe(VideoInfo info, int frames, double fps) throws Exception {
        JsonNode s = VideoTools.probe(info.path());
        assertThat(s.get("codec_name").asText()).isEqualTo("h264");
        assertThat(s.get("pix_fmt").asText()).isEqualTo("yuv420p");
        assertThat(s.get("nb_read_frames").asInt()).isEqualTo(frames);
        assertThat(s.get("width").asInt() % 2).isZero();
        assertThat(s.get("height").asInt() % 2).isZero();
        assertThat(s.get("duration").asDouble()).isCloseTo(frames / fps, org.assertj.core.data.Offset.offset(1e-3));
        List<String> boxes = VideoTools.topLevelBoxes(info.path());
        assertThat(boxes).contains("moov", "mdat");
        assertThat(boxes.indexOf("moov")).as("moov before mdat (faststart) in %s", boxes)
                .isLessThan(boxes.indexOf("mdat"));
        assertThat(info.frames()).isEqualTo(frames);
        assertThat(info.width()).isEqualTo(s.get("width").asInt());
        assertThat(info.height()).isEqualTo(s.get("height").asInt());
    }

    @Test
    void oddSizedCtStoredWithPermutedAxesPlaysAxialUprightAndMatchesNibabelAbove40dB() throws Exception {
        VideoInfo info = VolumeVideo.encode(nifti("ct_odd.nii.gz"),
                VideoOptions.DEFAULT.withWindow(new WindowSpec.Fixed(VoiWindow.linear(40, 400))),
                dir.resolve("ct_odd.mp4"));
        VideoTools.Expected want = VideoTools.expected(dir, dir.resolve("ct_odd.nii.gz"), "linear", 40, 400);

        assertThat(want.frames().length).isEqualTo(21);
        assertThat(info.width()).isEqualTo(64); // 63 padded, never cropped
        assertThat(info.height()).isEqualTo(48);
        assertBrowserSafe(info, 21, 30);
        byte[][] got = VideoTools.decodeGrey(info.path(), info.width(), info.height(), want.width(), want.height());
        assertThat(got.length).isEqualTo(21);
        double psnr = VideoTools.psnr(got, want.frames());
        System.out.printf("%s: PSNR %.1f dB%n", info.path().getFileName(), psnr);
        assertThat(psnr).isGreaterThanOrEqualTo(40);
    }

    @Test
    void theCtSoftTissueWindowIsTheDefaultForAVolumeInHounsfieldUnits() throws Exception {
        VideoInfo info = VolumeVideo.encode(nifti("ct_odd.nii.gz"), VideoOptions.DEFAULT.withFps(12),
                dir.resolve("ct_auto.mp4"));
        VideoTools.Expected want = VideoTools.expected(dir, dir.resolve("ct_odd.nii.gz"), "linear", 40, 400);
        assertBrowserSafe(info, 21, 12);
        byte[][] got = VideoTools.decodeGrey(info.path(), info.width(), info.height(), want.width(), want.height());
        double psnr = VideoTools.psnr(got, want.frames());
        System.out.printf("%s: PSNR %.1f dB%n", info.path().getFileName(), psnr);
        assertThat(psnr).isGreaterThanOrEqualTo(40);
    }

    @Test
    void aSingleSliceMakesAOneFrameVideo() throws Exception {
        VideoInfo info = VolumeVideo.encode(nifti("single.nii.gz"),
                VideoOptions.DEFAULT.withWindow(WindowSpec.parse("lung")), dir.resolve("single.mp4"));
        VideoTools.Expected want = VideoTools.expected(dir, dir.resolve("single.nii.gz"), "linear", -600, 1500);
        assertBrowserSafe(info, 1, 30);
        byte[][] got = VideoTools.decodeGrey(info.path(), info.width(), info.height(), want.width(), want.height());
        double psnr = VideoTools.psnr(got, want.frames());
        System.out.printf("%s: PSNR %.1f dB%n", info.path().getFileName(), psnr);
        assertThat(psnr).isGreaterThanOrEqualTo(40);
    }

    @Test
    void aSixteenBitMrIsWindowedByItsPercentilesLikeNumpy() throws Exception {
        VideoInfo info = VolumeVideo.encode(nifti("mr16.nii.gz"), VideoOptions.DEFAULT, dir.resolve("mr16.mp4"));
        VideoTools.Expected want = VideoTools.expected(dir, dir.resolve("mr16.nii.gz"), "percentiles", 0.5, 99.5);
        assertBrowserSafe(info, 24, 30);
        byte[][] got = VideoTools.decodeGrey(info.path(), info.width(), info.height(), want.width(), want.height());
        double psnr = VideoTools.psnr(got, want.frames());
        System.out.printf("%s: PSNR %.1f dB%n", info.path().getFileName(), psnr);
        assertThat(psnr).isGreaterThanOrEqualTo(40);
    }

    @Test
    void aMarkerSliceStoredSecondFromTheHeadIsTheSecondLastFrameInTheTopLeftCorner() throws Exception {
        // the file runs head to feet (k towards inferior): stored slice 1 of 12 is frame 10 when
        // frames run feet to head; the marker fills the patient's right-anterior quarter, which
        // radiological display puts top left
        VideoInfo info = VolumeVideo.encode(nifti("marker.nii.gz"),
                VideoOptions.DEFAULT.withWindow(WindowSpec.parse("1000/500")), dir.resolve("marker.mp4"));
        assertBrowserSafe(info, 12, 30);
        byte[][] got = VideoTools.decodeGrey(info.path(), info.width(), info.height(), 40, 30);
        int brightest = -1;
        double best = -1;
        for (int f = 0; f < got.length; f++) {
            double m = mean(got[f], 0, 40, 0, 30);
            if (m > best) {
                best = m;
                brightest = f;
            }
        }
        assertThat(brightest).isEqualTo(10);
        assertThat(mean(got[10], 0, 20, 0, 15)).isGreaterThan(250);   // top left: the marker
        assertThat(mean(got[10], 20, 40, 0, 30)).isLessThan(5);        // the patient's left half: dark
        assertThat(mean(got[10], 0, 20, 15, 30)).isLessThan(5);        // posterior (bottom): dark
        assertThat(mean(got[9], 0, 40, 0, 30)).isLessThan(5);
    }

    @Test
    void aBurnedInMaskBlendsItsLabelColourAtTheChosenOpacity() throws Exception {
        VideoSource marker = nifti("marker.nii.gz");
        NdArray stored = marker.volume().voxels();
        NdArray labels = NdArray.allocate(DType.UINT8, new int[] {12, 30, 40});
        for (int i = 0; i < stored.size(); i++) {
            labels.setDouble(i, stored.getDouble(i) > 0 ? 2 : 0);
        }
        MaskLayer layer = new MaskLayer("marker", labels, java.util.Map.of(2, 0x0000FF), 0);
        VideoInfo info = VolumeVideo.encode(marker, VideoOptions.DEFAULT.withWindow(WindowSpec.parse("1000/500"))
                .withMasks(List.of(layer), 0.5), dir.resolve("overlay.mp4"));
        assertBrowserSafe(info, 12, 30);
        byte[] raw = VideoTools.run("ffmpeg", "-v", "error", "-i", info.path().toString(), "-f", "rawvideo",
                "-pix_fmt", "rgb24", "-");
        int frameBytes = info.width() * info.height() * 3;
        // frame 10, well inside the marker (row 7, column 10) and well outside it (row 22, column 30)
        int inside = 10 * frameBytes + (7 * info.width() + 10) * 3;
        int outside = 10 * frameBytes + (22 * info.width() + 30) * 3;
        // white under 50 % blue: (128, 128, 255); black stays black
        assertThat(raw[inside] & 0xFF).isCloseTo(128, org.assertj.core.data.Offset.offset(8));
        assertThat(raw[inside + 1] & 0xFF).isCloseTo(128, org.assertj.core.data.Offset.offset(8));
        assertThat(raw[inside + 2] & 0xFF).isGreaterThan(240);
        assertThat(raw[outside] & 0xFF).isLessThan(8);
        assertThat(raw[outside + 2] & 0xFF).isLessThan(8);
    }

    private static double mean(byte[] frame, int c0, int c1, int r0, int r1) {
        double s = 0;
        for (int r = r0; r < r1; r++) {
            for (int c = c0; c < c1; c++) {
                s += frame[r * 40 + c] & 0xFF;
            }
        }
        return s / ((c1 - c0) * (r1 - r0));
    }
}
