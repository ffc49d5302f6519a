// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

import org.scanbase.array.NdArray;
import org.scanbase.array.DType;
import java.awt.image.BufferedImage;
import java.util.List;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomFile;

/**
 * One frame as an 8-bit image for display, through the steps of PS3.4 N.2 / PS3.3 C.11:
 * greyscale data goes through the Modality LUT, the VOI LUT (the given window, else the file's
 * first window, else its first VOI LUT, else the frame's own min..max), and MONOCHROME1 is
 * inverted only here, at display (C.7.6.3.1.2); colour data is converted YBR_FULL(_422) to RGB
 * or looked up in its palette, then scaled to 8 bits.
 */
public final class DisplayImage {
    private DisplayImage() {
    }

    /**
     * Renders a frame (0-based).
     *
     * @param window the VOI window to use, in modality units; null for the file's own
     * @return {@code TYPE_BYTE_GRAY} for greyscale, {@code TYPE_INT_RGB} for colour
     */
    public static BufferedImage render(DicomFile f, int frame, VoiWindow window) throws PixelDecodeException {
        PixelArray stored = PixelDecoder.decodeFrame(f, frame);
        ImagePixel ip = PixelDecoder.describe(f.path(), f.dataset());
        String pi = PixelDecoder.decodedPhotometric(ip, f.transferSyntax());
        try {
            if (stored.samples() == 1 && !pi.equals("PALETTE COLOR")) {
                return grey(f.dataset(), stored, frame, window, pi.equals("MONOCHROME1"));
            }
            PixelArray rgb = PaletteColor.apply(f.dataset(), stored, pi);
            int bits = rgb == stored ? ip.bitsStored() : (rgb.dtype() == DType.UINT16 ? 16 : 8);
            rgb = ColorConversion.toRgb(rgb, pi, bits);
            return colour(rgb, bits);
        } catch (IllegalArgumentException e) {
            throw new PixelDecodeException(f.path(), e.getMessage(), e);
        }
    }

    private static BufferedImage grey(Attributes ds, PixelArray stored, int frame, VoiWindow window, boolean invert) {
        PixelArray modality = ModalityLut.apply(ds, stored, frame);
        PixelArray display;
        if (window != null) {
            display = VoiLut.apply(modality, window, 0, 255);
        } else if (!VoiLut.windows(ds, frame).isEmpty()) {
            display = VoiLut.apply(modality, VoiLut.windows(ds, frame).get(0), 0, 255);
        } else {
            List<Lut> luts = VoiLut.luts(ds);
            if (!luts.isEmpty()) {
                Lut lut = luts.get(0);
                display = scale(VoiLut.apply(modality, lut), 0, lut.maxOutput());
            } else {
                NdArray.Stats s = modality.stats();
                display = scale(modality, s.min(), s.max());
            }
        }
        BufferedImage img = new BufferedImage(stored.columns(), stored.rows(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < out.length; i++) {
            int v = (int) Math.round(display.getDouble(i));
            out[i] = (byte) (invert ? 255 - v : v);
        }
        return img;
    }

    /** Values mapped linearly from {@code [lo, hi]} to {@code [0, 255]}. */
    private static PixelArray scale(PixelArray in, double lo, double hi) {
        PixelArray out = PixelArray.allocate(DType.FLOAT64, in.shape());
        double[] d = (double[]) out.data();
        double range = hi > lo ? hi - lo : 1;
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.max(0, Math.min(255, (in.getDouble(i) - lo) * 255 / range));
        }
        return out;
    }

    private static BufferedImage colour(PixelArray rgb, int bits) {
        if (rgb.samples() != 3) {
            throw new IllegalArgumentException("(0028,0002) SamplesPerPixel " + rgb.samples()
                    + " cannot be displayed: only 1 or 3 samples are");
        }
        BufferedImage img = new BufferedImage(rgb.columns(), rgb.rows(), BufferedImage.TYPE_INT_RGB);
        double max = Math.pow(2, bits) - 1;
        int w = rgb.columns();
        for (int p = 0; p < rgb.rows() * w; p++) {
            int r = to8(rgb.getDouble(3 * p), max);
            int g = to8(rgb.getDouble(3 * p + 1), max);
            int b = to8(rgb.getDouble(3 * p + 2), max);
            img.setRGB(p % w, p / w, (r << 16) | (g << 8) | b);
        }
        return img;
    }

    private static int to8(double v, double max) {
        return (int) Math.max(0, Math.min(255, Math.round(v * 255 / max)));
    }
}
