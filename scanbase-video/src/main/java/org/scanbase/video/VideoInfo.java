// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a written video holds: the sample metadata FiftyOne keeps for videos.
 *
 * @param path            the MP4 file
 * @param frames          number of frames
 * @param fps             frames per second
 * @param width           frame width in pixels (even: padded, never cropped)
 * @param height          frame height in pixels (even)
 * @param durationSeconds frames / fps
 * @param codec           the encoder that wrote it, e.g. {@code libopenh264}
 */
public record VideoInfo(Path path, int frames, double fps, int width, int height, double durationSeconds,
                        String codec) {

    /** The sample metadata form: {@code frames, fps, width, height, duration, codec, mime_type}. */
    public Map<String, Object> toMetadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frames", frames);
        m.put("fps", fps);
        m.put("width", width);
        m.put("height", height);
        m.put("duration", durationSeconds);
        m.put("codec", codec);
        m.put("mime_type", "video/mp4");
        return m;
    }
}
