// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.codec;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.function.Supplier;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * A {@link FrameDecoder} over a Java ImageIO reader. It reads the raw {@link Raster} rather
 * than a {@code BufferedImage}, so no colour conversion happens: a YBR_FULL_422 JPEG gives its
 * YCbCr values (upsampled to full resolution), as pydicom's Pillow handler does with
 * {@code draft('YCbCr')}, and a JPEG with an Adobe APP14 marker saying "no transform" gives the
 * RGB values it holds.
 */
final class ImageIoDecoder implements FrameDecoder {
    private final String codecName;
    private final Supplier<ImageReader> readers;

    private final boolean codestreamOnly;

    /**
     * @param codestreamOnly for JPEG 2000: strip a JP2 file wrapper and decode the bare
     *                       codestream, so an ICC profile in the wrapper's colour box is not applied
     *                       (DICOM says how to read colour; PS3.5 A.4.4)
     */
    ImageIoDecoder(String codecName, Supplier<ImageReader> readers, boolean codestreamOnly) {
        this.codecName = codecName;
        this.readers = readers;
        this.codestreamOnly = codestreamOnly;
    }

    @Override
    public byte[] decode(byte[] encoded, FrameSpec spec) throws IOException {
        ImageReader reader = readers.get();
        Raster raster;
        byte[] data = codestreamOnly ? Jp2Boxes.codestream(encoded) : encoded;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, true, true);
            raster = reader.readRaster(0, new ImageReadParam());
        } catch (IOException | RuntimeException e) {
            throw new CodecException(codecName + " decoder failed: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
        return toNative(raster, spec, codecName);
    }

    /** The raster's samples as little-endian, sample-interleaved values of BitsAllocated bits. */
    static byte[] toNative(Raster raster, FrameSpec spec, String codecName) throws CodecException {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        if (w != spec.columns() || h != spec.rows() || bands != spec.samplesPerPixel()) {
            throw new CodecException(codecName + " data is " + w + "x" + h + " with " + bands
                    + " samples, but the data set says " + spec.columns() + "x" + spec.rows() + " with "
                    + spec.samplesPerPixel() + " samples");
        }
        int bps = spec.bytesPerSample();
        byte[] out = new byte[spec.frameBytes()];
        int[] row = new int[w * bands];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int v : row) {
                for (int b = 0; b < bps; b++) {
                    out[o++] = (byte) (v >>> (8 * b));
                }
            }
        }
        return out;
    }
}
