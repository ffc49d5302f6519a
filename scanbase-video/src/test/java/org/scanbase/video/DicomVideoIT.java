// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DICOM series written by pydicom with shuffled file names, windowed by its own window. */
class DicomVideoIT {
    @TempDir
    Path dir;

    @Test
    void aShuffledCtSeriesPlaysInferiorToSuperiorThroughItsOwnWindow() throws Exception {
        Path series = dir.resolve("series");
        VideoTools.makeDicomSeries(dir, series);
        VideoSource source = VideoSources.read(series);
        assertThat(source.modality()).isEqualTo("CT");
        assertThat(source.fileWindow()).isPresent();

        VideoInfo info = VolumeVideo.encode(source, VideoOptions.DEFAULT, dir.resolve("ct.mp4"));
        VideoTools.Expected want = VideoTools.expectedDicom(dir, series);

        assertThat(info.frames()).isEqualTo(9).isEqualTo(want.frames().length);
        assertThat(info.width()).isEqualTo(42);
        assertThat(info.height()).isEqualTo(34);
        List<String> boxes = VideoTools.topLevelBoxes(info.path());
        assertThat(boxes.indexOf("moov")).isLessThan(boxes.indexOf("mdat"));
        byte[][] got = VideoTools.decodeGrey(info.path(), info.width(), info.height(), want.width(), want.height());
        double psnr = VideoTools.psnr(got, want.frames());
        System.out.printf("DICOM series: PSNR %.1f dB%n", psnr);
        assertThat(psnr).isGreaterThanOrEqualTo(40);
        // the block pydicom put in the most inferior slice is in frame 0, top left
        assertThat(got[0][2 * 41 + 3] & 0xFF).isGreaterThan(245);
        assertThat(got[1][2 * 41 + 3] & 0xFF).isLessThan(10);
    }

    @Test
    void askingForTheFilesWindowOfANiftiIsAnErrorNamingIt() throws Exception {
        VideoTools.makeVolumes(dir);
        VideoSource nii = VideoSources.read(dir.resolve("single.nii.gz"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VolumeVideo.encode(nii,
                VideoOptions.DEFAULT.withWindow(WindowSpec.parse("file")), dir.resolve("x.mp4")))
                .hasMessageContaining("single.nii.gz has no (0028,1050) WindowCenter");
    }
}
