// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import java.util.List;
import java.util.Objects;

/**
 * How to turn a volume into a video.
 *
 * @param plane   which slices become frames (axial by default: frame i = i-th slice from
 *                inferior to superior)
 * @param window  how real values become grey levels
 * @param fps     frames per second (30 by default, as FiftyOne's dynamic groups play)
 * @param masks   label volumes to burn in; empty for the plain mode the App uses (it draws masks
 *                itself)
 * @param opacity how strongly mask colours cover the image, 0..1
 */
public record VideoOptions(Plane plane, WindowSpec window, double fps, List<MaskLayer> masks, double opacity) {

    /** Axial, automatic window, 30 fps, no masks. */
    public static final VideoOptions DEFAULT = new VideoOptions(Plane.AXIAL, new WindowSpec.Auto(), 30, List.of(), 0.4);

    public VideoOptions {
        Objects.requireNonNull(plane, "plane");
        Objects.requireNonNull(window, "window");
        masks = List.copyOf(masks);
        if (!(fps > 0 && fps <= 240)) {
            throw new IllegalArgumentException("fps must be within (0, 240], was " + fps);
        }
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("opacity must be within 0..1, was " + opacity);
        }
    }

    public VideoOptions withPlane(Plane p) {
        return new VideoOptions(p, window, fps, masks, opacity);
    }

    public VideoOptions withWindow(WindowSpec w) {
        return new VideoOptions(plane, w, fps, masks, opacity);
    }

    public VideoOptions withFps(double f) {
        return new VideoOptions(plane, window, f, masks, opacity);
    }

    public VideoOptions withMasks(List<MaskLayer> m, double alpha) {
        return new VideoOptions(plane, window, fps, m, alpha);
    }
}
