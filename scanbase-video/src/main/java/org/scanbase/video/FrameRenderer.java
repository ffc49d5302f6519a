// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import java.util.List;
import org.scanbase.array.NdArray;
import org.scanbase.dicom.pixel.VoiWindow;
import org.scanbase.volume.Volume;

/**
 * Turns frame {@code f} of a {@link SliceLayout} into display pixels: real values through the
 * VOI window to grey levels 0..255 (8- and 16-bit volumes through a lookup table of every stored
 * value), optionally with mask layers blended on top.
 */
final class FrameRenderer {
    private final Volume volume;
    private final VoiWindow window;
    private final SliceLayout layout;
    private final List<MaskLayer> masks;
    private final double opacity;
    private final byte[] lut;
    private final int lutOffset;

    FrameRenderer(Volume volume, VoiWindow window, SliceLayout layout, List<MaskLayer> masks, double opacity) {
        if (volume.components() != 1) {
            throw new IllegalArgumentException("only scalar volumes make videos, this one has " + volume.components()
                    + " components per voxel");
        }
        long voxels = (long) volume.nx() * volume.ny() * volume.nz();
        for (MaskLayer m : masks) {
            if (m.labels().size() != voxels) {
                throw new IllegalArgumentException("mask " + m.name() + " has " + m.labels().size()
                        + " voxels, the image " + voxels);
            }
        }
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("overlay opacity must be within 0..1, was " + opacity);
        }
        this.volume = volume;
        this.window = window;
        this.layout = layout;
        this.masks = List.copyOf(masks);
        this.opacity = opacity;
        NdArray v = volume.voxels();
        switch (v.dtype()) {
            case UINT8, INT8, UINT16, INT16 -> {
                lutOffset = v.dtype().signed() ? -(1 << (v.dtype().bytes() * 8 - 1)) : 0;
                lut = new byte[1 << (v.dtype().bytes() * 8)];
                for (int i = 0; i < lut.length; i++) {
                    lut[i] = (byte) grey(i + lutOffset);
                }
            }
            default -> {
                lut = null;
                lutOffset = 0;
            }
        }
    }

    int width() {
        return layout.width();
    }

    int height() {
        return layout.height();
    }

    int frames() {
        return layout.frames();
    }

    boolean hasMasks() {
        return !masks.isEmpty();
    }

    /** The grey level 0..255 of a stored value: rescaled to real units, then windowed. */
    private int grey(double stored) {
        double real = stored * volume.slope() + volume.intercept();
        if (Double.isNaN(real)) {
            return 0;
        }
        return (int) Math.round(window.apply(real, 0, 255));
    }

    /** Frame {@code f} as grey levels, row by row, {@code width * height} bytes. */
    void grey(int f, byte[] out) {
        int[] walk = layout.walk(f);
        int w = layout.width();
        int h = layout.height();
        NdArray v = volume.voxels();
        Object data = v.data();
        int o = 0;
        for (int r = 0; r < h; r++) {
            int at = walk[0] + r * walk[2];
            if (data instanceof short[] s) {
                boolean signed = v.dtype().signed();
                for (int c = 0; c < w; c++, at += walk[1]) {
                    out[o++] = lut[(signed ? s[at] : s[at] & 0xFFFF) - lutOffset];
                }
            } else if (data instanceof byte[] b) {
                boolean signed = v.dtype().signed();
                for (int c = 0; c < w; c++, at += walk[1]) {
                    out[o++] = lut[(signed ? b[at] : b[at] & 0xFF) - lutOffset];
                }
            } else {
                for (int c = 0; c < w; c++, at += walk[1]) {
                    out[o++] = (byte) grey(v.getDouble(at));
                }
            }
        }
    }

    /**
     * Frame {@code f} as RGB, 3 bytes per pixel row by row: the grey image with every non-zero
     * mask voxel blended as {@code (1 - opacity) * grey + opacity * colour}; later layers on top.
     */
    void rgb(int f, byte[] greyScratch, byte[] out) {
        grey(f, greyScratch);
        int n = layout.width() * layout.height();
        for (int p = 0; p < n; p++) {
            byte g = greyScratch[p];
            out[3 * p] = g;
            out[3 * p + 1] = g;
            out[3 * p + 2] = g;
        }
        int[] walk = layout.walk(f);
        for (MaskLayer m : masks) {
            NdArray labels = m.labels();
            int p = 0;
            for (int r = 0; r < layout.height(); r++) {
                int at = walk[0] + r * walk[2];
                for (int c = 0; c < layout.width(); c++, at += walk[1], p++) {
                    int label = (int) labels.getDouble(at);
                    if (label != 0) {
                        int rgb = m.color(label);
                        blend(out, 3 * p, (rgb >> 16) & 0xFF);
                        blend(out, 3 * p + 1, (rgb >> 8) & 0xFF);
                        blend(out, 3 * p + 2, rgb & 0xFF);
                    }
                }
            }
        }
    }

    private void blend(byte[] out, int i, int colour) {
        out[i] = (byte) Math.round((1 - opacity) * (out[i] & 0xFF) + opacity * colour);
    }
}
