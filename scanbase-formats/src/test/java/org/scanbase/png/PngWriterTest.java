// SPDX-License-Identifier: Apache-2.0
package org.scanbase.png;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** PNGs written by {@link PngWriter}, decoded by the JDK's own PNG reader (ImageIO). */
class PngWriterTest {

    private static Raster decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("ImageIO decodes the file").isNotNull();
        return image.getRaster();
    }

    @Test
    void aMaskSliceDecodesToTheSameBytesAtItsOffset() throws Exception {
        int w = 37;
        int h = 23;
        byte[] volume = new byte[3 * w * h];
        // slice 1: a filled disc of radius 9 around (18, 11)
        long set = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if ((x - 18) * (x - 18) + (y - 11) * (y - 11) <= 81) {
                    volume[w * h + y * w + x] = 1;
                    set++;
                }
            }
        }
        Raster r = decode(PngWriter.grey8(volume, w * h, w, h));
        assertThat(r.getWidth()).isEqualTo(w);
        assertThat(r.getHeight()).isEqualTo(h);
        assertThat(r.getNumBands()).isEqualTo(1);
        assertThat(r.getSampleModel().getSampleSize(0)).isEqualTo(8);
        long decodedSet = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int expected = (x - 18) * (x - 18) + (y - 11) * (y - 11) <= 81 ? 1 : 0;
                assertThat(r.getSample(x, y, 0)).as("pixel (%d, %d)", x, y).isEqualTo(expected);
                decodedSet += r.getSample(x, y, 0);
            }
        }
        assertThat(decodedSet).isEqualTo(set).isEqualTo(253);
    }

    @Test
    void randomEightAndSixteenBitValuesRoundTrip() throws Exception {
        Random random = new Random(7);
        int w = 64;
        int h = 41;
        for (int bits : new int[] {8, 16}) {
            int[] values = new int[w * h];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextInt(1 << bits);
            }
            Raster r = decode(PngWriter.grey(values, w, h, bits));
            assertThat(r.getSampleModel().getSampleSize(0)).isEqualTo(bits);
            int[] back = r.getSamples(0, 0, w, h, 0, new int[w * h]);
            assertThat(back).as("%d-bit", bits).isEqualTo(values);
        }
    }

    @Test
    void rejectsBadSizesShortArraysAndValuesThatDoNotFit() {
        assertThatThrownBy(() -> PngWriter.grey8(new byte[10], 0, 0, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 x 5");
        assertThatThrownBy(() -> PngWriter.grey8(new byte[10], 4, 3, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 9 values, only 6 given");
        assertThatThrownBy(() -> PngWriter.grey(new int[] {0, 256}, 2, 1, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pixel (1, 0) = 256");
        assertThatThrownBy(() -> PngWriter.grey(new int[] {0}, 1, 1, 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bit depth");
    }
}
