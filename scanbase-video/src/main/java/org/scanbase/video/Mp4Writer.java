// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes frames to a browser-safe MP4: H.264 (OpenH264, the BSD-licensed encoder in the LGPL
 * FFmpeg build), yuv420p in the video (16..235) range with BT.601 matrix, even dimensions (the
 * picture padded with black on the right and bottom, never cropped), and "faststart" (the moov
 * atom before the media data) so a browser can play it while it downloads.
 *
 * <p>The file appears atomically: frames go to a temporary file next to it, renamed on
 * {@link #finish()}; {@link #close()} without finish removes the temporary file.
 */
public final class Mp4Writer implements AutoCloseable {
    /** The encoder used: FFmpeg's wrapper of Cisco's OpenH264. */
    public static final String CODEC = "libopenh264";
    /** Target bits per pixel per frame of the rate control. */
    static final double BITS_PER_PIXEL = 1.5;
    /** The lowest target bit rate, bits/s. */
    static final int MIN_BITRATE = 1_000_000;
    /** H.264 quantiser bounds (0..51; lower is finer). */
    static final int QP_MIN = 10;
    static final int QP_MAX = 14;

    static {
        FfmpegSetup.init();
    }

    private final Path target;
    private final Path temp;
    private final int width;
    private final int height;
    private final int paddedWidth;
    private final int paddedHeight;
    private final double fps;
    private final FFmpegFrameRecorder recorder;
    private final byte[] yuv;
    private int frames;
    private boolean finished;

    private Mp4Writer(Path target, int width, int height, double fps) throws IOException {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("video frames need at least 1x1 pixels, got " + width + "x" + height);
        }
        if (!(fps > 0 && fps <= 240)) {
            throw new IllegalArgumentException("fps must be within (0, 240], was " + fps);
        }
        this.target = target.toAbsolutePath();
        this.width = width;
        this.height = height;
        this.paddedWidth = width + (width & 1);
        this.paddedHeight = height + (height & 1);
        this.fps = fps;
        Path dir = this.target.getParent();
        Files.createDirectories(dir);
        this.temp = Files.createTempFile(dir, "." + this.target.getFileName(), ".part");
        this.yuv = new byte[paddedWidth * paddedHeight * 3 / 2];
        Arrays.fill(yuv, 0, paddedWidth * paddedHeight, (byte) 16);
        Arrays.fill(yuv, paddedWidth * paddedHeight, yuv.length, (byte) 128);
        recorder = new FFmpegFrameRecorder(temp.toString(), paddedWidth, paddedHeight, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName(CODEC);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        // OpenH264's quality mode spends up to the target bit rate and never quantises coarser
        // than QP_MAX. Measured on the noisy 512x512x300 CT of bench/video.sh (soft-tissue window)
        // and a sharp-edged single 64x64 slice (lung window): QP_MAX 20 gave 15 MB at 44 dB but
        // 38.8 dB on the slice; QP_MAX 14 gives 19 MB at 48 dB and 46 dB on the slice. The rate
        // floor of 1 Mbit/s only matters for small frames
        recorder.setVideoBitrate((int) Math.max(MIN_BITRATE, Math.min(Integer.MAX_VALUE,
                BITS_PER_PIXEL * paddedWidth * paddedHeight * fps)));
        recorder.setVideoOption("rc_mode", "quality");
        recorder.setVideoOption("qmin", Integer.toString(QP_MIN));
        recorder.setVideoOption("qmax", Integer.toString(QP_MAX));
        recorder.setVideoOption("allow_skip_frames", "0");
        recorder.setGopSize((int) Math.max(1, Math.round(fps * 2)));
        recorder.setOption("movflags", "+faststart");
        recorder.setMetadata("encoder", "scanbase");
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            Files.deleteIfExists(temp);
            throw new IOException("cannot start the " + CODEC + " encoder for " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a writer for frames of {@code width x height} pixels at {@code fps} frames per
     * second into {@code target} (written when {@link #finish()} is called).
     */
    public static Mp4Writer open(Path target, int width, int height, double fps) throws IOException {
        return new Mp4Writer(target, width, height, fps);
    }

    /** Appends a frame of grey levels 0..255, {@code width * height} bytes row by row. */
    public void writeGrey(byte[] grey) throws IOException {
        checkLength(grey.length, width * height, "grey");
        for (int r = 0; r < height; r++) {
            int in = r * width;
            int out = r * paddedWidth;
            for (int c = 0; c < width; c++) {
                yuv[out + c] = (byte) (16 + (((grey[in + c] & 0xFF) * 219 + 127) / 255));
            }
        }
        // chroma stays neutral (128): a grey picture
        record();
    }

    /** Appends a frame of RGB pixels, 3 bytes per pixel row by row (BT.601, video range). */
    public void writeRgb(byte[] rgb) throws IOException {
        checkLength(rgb.length, width * height * 3, "RGB");
        int lumaSize = paddedWidth * paddedHeight;
        int chromaWidth = paddedWidth / 2;
        int chromaSize = chromaWidth * (paddedHeight / 2);
        for (int r = 0; r < paddedHeight; r += 2) {
            for (int c = 0; c < paddedWidth; c += 2) {
                double su = 0;
                double sv = 0;
                for (int dr = 0; dr < 2; dr++) {
                    for (int dc = 0; dc < 2; dc++) {
                        int y = Math.min(r + dr, height - 1);
                        int x = Math.min(c + dc, width - 1);
                        boolean pad = r + dr >= height || c + dc >= width;
                        int p = 3 * (y * width + x);
                        double red = pad ? 0 : rgb[p] & 0xFF;
                        double green = pad ? 0 : rgb[p + 1] & 0xFF;
                        double blue = pad ? 0 : rgb[p + 2] & 0xFF;
                        double luma = 16 + (65.481 * red + 128.553 * green + 24.966 * blue) / 255;
                        yuv[(r + dr) * paddedWidth + c + dc] = (byte) Math.round(luma);
                        su += 128 + (-37.797 * red - 74.203 * green + 112.0 * blue) / 255;
                        sv += 128 + (112.0 * red - 93.786 * green - 18.214 * blue) / 255;
                    }
                }
                int ci = (r / 2) * chromaWidth + c / 2;
                yuv[lumaSize + ci] = (byte) Math.round(su / 4);
                yuv[lumaSize + chromaSize + ci] = (byte) Math.round(sv / 4);
            }
        }
        record();
    }

    private void record() throws IOException {
        try {
            recorder.recordImage(paddedWidth, paddedHeight, Frame.DEPTH_UBYTE, 1, paddedWidth,
                    avutil.AV_PIX_FMT_YUV420P, ByteBuffer.wrap(yuv));
        } catch (FrameRecorder.Exception e) {
            throw new IOException("encoding frame " + frames + " of " + target + " failed: " + e.getMessage(), e);
        }
        frames++;
    }

    private void checkLength(int actual, int expected, String what) {
        if (actual != expected) {
            throw new IllegalArgumentException(what + " frame of " + width + "x" + height + " needs " + expected
                    + " bytes, got " + actual);
        }
    }

    /** Flushes the encoder, writes the moov atom first and moves the file into place. */
    public VideoInfo finish() throws IOException {
        if (frames == 0) {
            throw new IllegalStateException("a video needs at least one frame: " + target);
        }
        try {
            recorder.stop();
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("finishing " + target + " failed: " + e.getMessage(), e);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        finished = true;
        return new VideoInfo(target, frames, fps, paddedWidth, paddedHeight, frames / fps, CODEC);
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            try {
                recorder.release();
            } catch (FrameRecorder.Exception e) {
                // the temporary file goes anyway
            }
            Files.deleteIfExists(temp);
        }
    }
}
