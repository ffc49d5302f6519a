// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import java.util.Map;
import java.util.Objects;
import org.scanbase.array.NdArray;

/**
 * One label volume burned into a video: integer labels on the image's own voxel grid (same
 * size, same i, j, k order; 0 = background) and a colour per label value.
 *
 * @param name          the field or file it came from, for messages
 * @param labels        the label values, C order with i fastest, as many as the image has voxels
 * @param colors        label value -> 0xRRGGBB, for the labels that have a colour of their own
 * @param paletteOffset where in the default palette this layer's label 1 starts, so two layers
 *                      that both use label 1 still differ
 */
public record MaskLayer(String name, NdArray labels, Map<Integer, Integer> colors, int paletteOffset) {

    private static final int[] PALETTE = {0xFF3030, 0x30D030, 0x3080FF, 0xFFD700, 0xFF40FF, 0x00E5E5, 0xFF8C00,
        0x9370DB, 0xA0522D, 0x7FFF00};

    public MaskLayer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(labels, "labels");
        colors = Map.copyOf(colors);
    }

    /** A layer coloured by the default palette only. */
    public static MaskLayer of(String name, NdArray labels, int paletteOffset) {
        return new MaskLayer(name, labels, Map.of(), paletteOffset);
    }

    /** The colour 0xRRGGBB of {@code label} (non-zero): its own, else the palette's. */
    public int color(int label) {
        Integer c = colors.get(label);
        return c != null ? c : PALETTE[Math.floorMod(label - 1 + paletteOffset, PALETTE.length)];
    }
}
