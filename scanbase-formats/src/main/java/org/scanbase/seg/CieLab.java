// SPDX-License-Identifier: Apache-2.0
package org.scanbase.seg;

/**
 * Conversion between sRGB (0-255) and the DICOM encoding of CIELab (PS3.3 C.10.7.1.1): L* 0..100
 * scaled to 0..0xFFFF, a* and b* -128..127 scaled to 0..0xFFFF, with the D65 white point the
 * standard names for (0062,000D) RecommendedDisplayCIELabValue.
 */
final class CieLab {
    // the white point is the XYZ of sRGB white under the matrix below, so that grey has a* = b* = 0
    private static final double XN = 0.4124564 + 0.3575761 + 0.1804375;
    private static final double YN = 0.2126729 + 0.7151522 + 0.0721750;
    private static final double ZN = 0.0193339 + 0.1191920 + 0.9503041;

    private CieLab() {
    }

    /** sRGB 0-255 to DICOM-encoded Lab (three values 0..65535). */
    static int[] fromRgb(int[] rgb) {
        double r = linear(rgb[0] / 255.0), g = linear(rgb[1] / 255.0), b = linear(rgb[2] / 255.0);
        double x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
        double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        double z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
        double fx = f(x / XN), fy = f(y / YN), fz = f(z / ZN);
        double l = 116 * fy - 16, a = 500 * (fx - fy), bb = 200 * (fy - fz);
        return new int[] {clamp(l / 100 * 0xFFFF), clamp((a + 128) / 255 * 0xFFFF), clamp((bb + 128) / 255 * 0xFFFF)};
    }

    /** DICOM-encoded Lab (three values 0..65535) to sRGB 0-255. */
    static int[] toRgb(int[] lab) {
        double l = lab[0] / 65535.0 * 100, a = lab[1] / 65535.0 * 255 - 128, b = lab[2] / 65535.0 * 255 - 128;
        double fy = (l + 16) / 116, fx = fy + a / 500, fz = fy - b / 200;
        double x = XN * finv(fx), y = YN * finv(fy), z = ZN * finv(fz);
        double r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
        double g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
        double bl = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
        return new int[] {byteOf(gamma(r)), byteOf(gamma(g)), byteOf(gamma(bl))};
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double gamma(double c) {
        return c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }

    private static double finv(double t) {
        return t * t * t > 216.0 / 24389 ? t * t * t : (116 * t - 16) * 27 / 24389.0;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(0xFFFF, Math.round(v)));
    }

    private static int byteOf(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v * 255)));
    }
}
