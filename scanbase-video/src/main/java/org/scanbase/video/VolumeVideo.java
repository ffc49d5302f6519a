// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import java.io.IOException;
import java.nio.file.Path;
import org.scanbase.dicom.pixel.VoiWindow;

/**
 * The front door: a volume to a browser-playable MP4, one frame per slice.
 *
 * <pre>{@code
 * VideoSource ct = VideoSources.read(Path.of("ct.nii.gz"));
 * VideoInfo info = VolumeVideo.encode(ct, VideoOptions.DEFAULT.withWindow(WindowSpec.parse("lung")),
 *         Path.of("ct.mp4"));
 * }</pre>
 *
 * Frame i is the i-th slice along the plane's frame direction (axial: inferior to superior),
 * shown upright in the radiological convention whatever the order of the file's axes, because
 * the layout comes from the volume's direction cosines ({@link SliceLayout}).
 */
public final class VolumeVideo {

    private VolumeVideo() {
    }

    /**
     * Encodes {@code source} into {@code out} (written atomically).
     *
     * @return the written video's frames, fps, size and duration
     * @throws IOException              when the file cannot be written or the encoder fails
     * @throws IllegalArgumentException when the window cannot be resolved or a mask does not fit
     */
    public static VideoInfo encode(VideoSource source, VideoOptions options, Path out) throws IOException {
        SliceLayout layout = SliceLayout.of(source.volume().geometry(), options.plane());
        VoiWindow window = options.window().resolve(source);
        FrameRenderer renderer = new FrameRenderer(source.volume(), window, layout, options.masks(), options.opacity());
        try (Mp4Writer writer = Mp4Writer.open(out, renderer.width(), renderer.height(), options.fps())) {
            byte[] grey = new byte[renderer.width() * renderer.height()];
            byte[] rgb = renderer.hasMasks() ? new byte[grey.length * 3] : null;
            for (int f = 0; f < renderer.frames(); f++) {
                if (rgb == null) {
                    renderer.grey(f, grey);
                    writer.writeGrey(grey);
                } else {
                    renderer.rgb(f, grey, rgb);
                    writer.writeRgb(rgb);
                }
            }
            return writer.finish();
        }
    }
}
