// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.dicom.DicomReader;

/** {@link DisplayImage} against DCMTK's dcmj2pnm rendering the same files at test time. */
class DisplayImageIT {
    @TempDir
    Path dir;

    @Test
    void aWindowedCtSliceMatchesDcmtkWithinOneGreyLevel() throws Exception {
        Path file = PydicomPixelsIT.TEST_FILES.resolve("CT_small.dcm");
        BufferedImage img = DisplayImage.render(DicomReader.read(file), 0, VoiWindow.linear(40, 400));
        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        int[] expected = dcmj2pnm(file, "+Ww", "40", "400");
        int[] got = img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
        assertMaxDifference(got, expected, 1);
    }

    @Test
    void anRgbImageMatchesDcmtkExactly() throws Exception {
        Path file = PydicomPixelsIT.TEST_FILES.resolve("SC_rgb_rle.dcm");
        BufferedImage img = DisplayImage.render(DicomReader.read(file), 0, null);
        int[] expected = dcmj2pnm(file);
        int[] got = new int[img.getWidth() * img.getHeight() * 3];
        for (int p = 0; p < got.length / 3; p++) {
            int rgb = img.getRGB(p % img.getWidth(), p / img.getWidth());
            got[3 * p] = rgb >> 16 & 0xFF;
            got[3 * p + 1] = rgb >> 8 & 0xFF;
            got[3 * p + 2] = rgb & 0xFF;
        }
        assertMaxDifference(got, expected, 0);
    }

    @Test
    void ybrFullJpegIsConvertedToRgbLikeDcmtk() throws Exception {
        Path file = PydicomPixelsIT.TEST_FILES.resolve("SC_rgb_jpeg_dcmtk.dcm");
        BufferedImage img = DisplayImage.render(DicomReader.read(file), 0, null);
        int[] expected = dcmj2pnm(file);
        int[] got = new int[img.getWidth() * img.getHeight() * 3];
        for (int p = 0; p < got.length / 3; p++) {
            int rgb = img.getRGB(p % img.getWidth(), p / img.getWidth());
            got[3 * p] = rgb >> 16 & 0xFF;
            got[3 * p + 1] = rgb >> 8 & 0xFF;
            got[3 * p + 2] = rgb & 0xFF;
        }
        // different IDCTs and colour rounding: a few grey levels
        assertMaxDifference(got, expected, 3);
    }

    private static void assertMaxDifference(int[] got, int[] expected, int tolerance) {
        assertThat(got).hasSameSizeAs(expected);
        int worst = 0;
        for (int i = 0; i < got.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - expected[i]));
        }
        assertThat(worst).as("largest difference from dcmj2pnm").isLessThanOrEqualTo(tolerance);
    }

    /** The samples of the PGM/PPM (maxval 255) dcmj2pnm writes. */
    private int[] dcmj2pnm(Path file, String... options) throws Exception {
        Path out = dir.resolve("out.pnm");
        List<String> cmd = new ArrayList<>(List.of("dcmj2pnm"));
        cmd.addAll(List.of(options));
        cmd.add(file.toString());
        cmd.add(out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + log).isZero();
        byte[] b = Files.readAllBytes(out);
        int fields = 0;
        int i = 0;
        while (fields < 4) { // magic, width, height, maxval, each ended by whitespace
            while (Character.isWhitespace(b[i])) {
                i++;
            }
            while (!Character.isWhitespace(b[i])) {
                i++;
            }
            fields++;
        }
        i++;
        int[] v = new int[b.length - i];
        for (int k = 0; k < v.length; k++) {
            v[k] = b[i + k] & 0xFF;
        }
        return v;
    }
}
