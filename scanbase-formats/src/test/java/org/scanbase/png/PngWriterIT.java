// SPDX-License-Identifier: Apache-2.0
package org.scanbase.png;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
  * PNGs written by {@link PngWriter}, checked by Pillow (Debian python3-pil): mode, size and the
  * sum and weighted checksum of the pixel values, computed by Python from the decoded image.
  */
class PngWriterIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String SCRIPT = String.join("\n",
            "import sys",
            "from PIL import Image",
            "im = Image.open(sys.argv[1]); im.load()",
            "px = list(im.getdata())",
            "print(im.mode, im.size[0], im.size[1], sum(px), sum((i % 251) * v for i, v in enumerate(px)))");

    @TempDir
    Path dir;

    private String pillow(Path png) throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            fail("/usr/bin/python3 is missing: apt-get install python3-pil");
        }
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", SCRIPT, png.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("Pillow could not read " + png + " (is python3-pil installed?): " + out);
        }
        return out;
    }

    private static String expected(String mode, int w, int h, int[] values) {
        long sum = 0;
        long weighted = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            weighted += (long) (i % 251) * values[i];
        }
        return mode + " " + w + " " + h + " " + sum + " " + weighted;
    }

    @Test
    void pillowReadsTheEightBitMaskAndSixteenBitImage() throws Exception {
        int w = 128;
        int h = 96;
        byte[] mask = new byte[w * h];
        int[] maskValues = new int[w * h];
        for (int y = 20; y < 70; y++) {
            for (int x = 30 + y / 4; x < 90; x++) {
                mask[y * w + x] = 1;
                maskValues[y * w + x] = 1;
            }
        }
        Path m = dir.resolve("mask.png");
        Files.write(m, PngWriter.grey8(mask, 0, w, h));
        assertThat(pillow(m)).isEqualTo(expected("L", w, h, maskValues));

        int[] values = new int[w * h];
        Random random = new Random(11);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(65536);
        }
        Path s = dir.resolve("sixteen.png");
        Files.write(s, PngWriter.grey(values, w, h, 16));
        // Pillow opens 16-bit grey PNGs as mode "I;16" (older releases "I"): compare the values
        String[] got = pillow(s).split(" ", 2);
        assertThat(got[0]).isIn("I;16", "I");
        assertThat(got[1]).isEqualTo(expected("", w, h, values).substring(1));
    }
}
