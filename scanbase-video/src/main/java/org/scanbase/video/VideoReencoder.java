// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Re-encodes any video FFmpeg can read (AVI, MOV, MKV, mpeg4, MJPEG...) into the same
 * browser-safe form as {@link VolumeVideo}: H.264 yuv420p, even size, faststart. As FiftyOne
 * does, the original is kept beside the new file as {@code <name>-original.<ext>}.
 *
 * <p>Frames are taken in decode order at the stream's average frame rate; a variable frame rate
 * becomes a constant one. Audio is dropped (scanbase videos are image sequences).
 */
public final class VideoReencoder {

    /**
     * The result of a re-encode.
     *
     * @param video    the new MP4 and its metadata
     * @param original where the untouched original now is
     */
    public record Result(VideoInfo video, Path original) {
    }

    static {
        FfmpegSetup.init();
    }

    private VideoReencoder() {
    }

    /**
     * Writes {@code outDir/<stem>.mp4} from {@code source} and keeps the original as
     * {@code outDir/<stem>-original.<ext>}: copied when the source lives elsewhere or has another
     * name, moved aside when the new file would take its place.
     *
     * @throws IOException naming the file when it cannot be decoded or holds no video frames
     */
    public static Result reencode(Path source, Path outDir) throws IOException {
        String fileName = source.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return reencodeTo(source, outDir.resolve((dot > 0 ? fileName.substring(0, dot) : fileName) + ".mp4"));
    }

    /**
     * Writes {@code target} (an {@code .mp4} path) from {@code source} and keeps the original
     * beside it as {@code <target stem>-original.<source ext>}.
     */
    public static Result reencodeTo(Path source, Path target) throws IOException {
        String fileName = source.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        String ext = dot > 0 ? fileName.substring(dot) : "";
        target = target.toAbsolutePath();
        String stem = target.getFileName().toString().replaceFirst("(?i)\\.mp4$", "");
        Files.createDirectories(target.getParent());
        Path original = target.resolveSibling(stem + "-original" + ext);
        VideoInfo info = encode(source, target);
        if (!Files.exists(original)) {
            Files.copy(source, original, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return new Result(info, original);
    }

    private static VideoInfo encode(Path source, Path target) throws IOException {
        // decode fully into the temporary file of Mp4Writer first: source and target may be one file
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24); // the frames we get, after conversion
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                throw new IOException(source + ": not a video FFmpeg can read: " + e.getMessage(), e);
            }
            int w = grabber.getImageWidth();
            int h = grabber.getImageHeight();
            double fps = grabber.getFrameRate();
            if (w < 1 || h < 1) {
                throw new IOException(source + ": no video stream");
            }
            if (!(fps > 0 && fps <= 240)) {
                fps = 30; // no usable rate in the container: FiftyOne's default
            }
            Path staged = target.resolveSibling("." + target.getFileName() + ".new");
            try (Mp4Writer writer = Mp4Writer.open(staged, w, h, fps)) {
                byte[] rgb = new byte[w * h * 3];
                int frames = 0;
                Frame f;
                while ((f = grabber.grabImage()) != null) {
                    copyRgb(f, rgb, w, h);
                    writer.writeRgb(rgb);
                    frames++;
                }
                if (frames == 0) {
                    throw new IOException(source + ": the video stream holds no frames");
                }
                VideoInfo staging = writer.finish();
                if (Files.exists(target) && Files.isSameFile(source, target)) {
                    Path original = target.resolveSibling(target.getFileName().toString()
                            .replaceFirst("(?i)\\.mp4$", "-original.mp4"));
                    if (!Files.exists(original)) {
                        Files.move(source, original);
                    }
                }
                Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return new VideoInfo(target, staging.frames(), staging.fps(), staging.width(), staging.height(),
                        staging.durationSeconds(), staging.codec());
            } finally {
                Files.deleteIfExists(staged);
            }
        } catch (FrameGrabber.Exception e) {
            throw new IOException(source + ": decoding failed: " + e.getMessage(), e);
        }
    }

    private static void copyRgb(Frame f, byte[] rgb, int w, int h) {
        ByteBuffer buf = (ByteBuffer) f.image[0];
        int stride = f.imageStride;
        for (int r = 0; r < h; r++) {
            buf.position(r * stride);
            buf.get(rgb, r * w * 3, w * 3);
        }
        buf.rewind();
    }
}
