// SPDX-License-Identifier: Apache-2.0
package org.scanbase.label;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reading 2D mask images (PNG, 8- or 16-bit grey, label values in the first band). */
final class MaskImages {
  private MaskImages() {}

  /** The number of non-zero pixels of a mask image. */
  static long countNonZero(Path png) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    if (image == null) {
      throw new IOException(png + ": not an image ImageIO can read");
    }
    Raster r = image.getRaster();
    int[] row = new int[r.getWidth()];
    long n = 0;
    for (int y = 0; y < r.getHeight(); y++) {
      r.getSamples(0, y, r.getWidth(), 1, 0, row);
      for (int v : row) {
        if (v != 0) {
          n++;
        }
      }
    }
    return n;
  }
}
