// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.scanbase.array.DType;
import org.scanbase.dataset.Catalog;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.dataset.Sample;
import org.scanbase.dicom.DicomReader;
import org.scanbase.dicom.pixel.DisplayImage;
import org.scanbase.dicom.pixel.VoiWindow;

/**
 * Media of samples: a slice as an 8-bit PNG at a window, raw slice values for windowing in the
 * browser, the image volume as {@code .nii.gz}; masks and thumbnails in {@link MaskMedia}.
 * Files are found from the dataset, the sample id and the field, never from a client path.
 */
final class MediaRoutes {
  private final DatasetRoutes datasets;
  private final MediaCache cache;
  private final SliceLoader slices = new SliceLoader();
  private final MaskMedia masks;

  MediaRoutes(DatasetRoutes datasets, Catalog catalog) {
    this.datasets = datasets;
    this.cache = new MediaCache(catalog);
    this.masks = new MaskMedia(cache, slices, this);
  }

  void register(RoutesConfig r) {
    String s = "/api/datasets/{name}/samples/{id}";
    r.get(s + "/image", this::image);
    r.get(s + "/raw", this::raw);
    r.get(s + "/volume", this::volume);
    r.get(s + "/mask/{field}", ctx -> masks.mask(ctx, datasets.dataset(ctx), sample(ctx)));
    r.get(s + "/volume/{field}", ctx -> masks.labelVolume(ctx, sample(ctx)));
    r.get(s + "/thumbnail", ctx -> masks.thumbnail(ctx, datasets.dataset(ctx), sample(ctx)));
  }

  private Sample sample(Context ctx) {
    return datasets.sample(datasets.dataset(ctx), ctx);
  }

  static int frame(Context ctx) {
    return (int) ApiJson.query(ctx, "frame", 1, 1, 1_000_000);
  }

  /** The window the client asks for ({@code wc} and {@code ww}), or null for the default. */
  static VoiWindow requestedWindow(Context ctx) {
    Double wc = ApiJson.decimal(ctx, "wc");
    Double ww = ApiJson.decimal(ctx, "ww");
    if (wc == null && ww == null) {
      return null;
    }
    if (wc == null || ww == null) {
      throw ApiException.badRequest("give both wc (window centre) and ww (window width), or neither");
    }
    if (ww < 1) {
      throw ApiException.badRequest("ww (window width) must be >= 1, was " + ww);
    }
    return VoiWindow.linear(wc, ww);
  }

  private void image(Context ctx) throws IOException {
    Dataset d = datasets.dataset(ctx);
    Sample s = datasets.sample(d, ctx);
    int frame = frame(ctx);
    VoiWindow asked = requestedWindow(ctx);
    Path cached = asked == null ? null : cache.file(d.name(), "render", s.id(), renderName(frame, asked));
    if (cached != null && Files.isRegularFile(cached)) {
      windowHeaders(ctx, asked);
      MediaCache.send(ctx, cached, "image/png");
      return;
    }
    BufferedImage img;
    VoiWindow used;
    try {
      Slice slice = slices.load(s, frame);
      used = asked != null ? asked : slice.defaultWindow();
      img = grey(slice.width(), slice.height(), slice.display(used));
    } catch (SliceLoader.ColourImage colour) {
      used = asked;
      img = DisplayImage.render(DicomReader.read(SliceLoader.frameSource(s, frame)),
          s.mediaType() == org.scanbase.dataset.MediaType.VOLUME ? 0 : frame - 1, asked);
    }
    Path file = cache.file(d.name(), "render", s.id(), renderName(frame, used));
    MediaCache.writePng(file, img);
    if (used != null) {
      windowHeaders(ctx, used);
    }
    MediaCache.send(ctx, file, "image/png");
  }

  /** The default-windowed 8-bit rendering of a slice (for thumbnails). */
  BufferedImage render(Sample s, int frame) throws IOException {
    try {
      Slice slice = slices.load(s, frame);
      return grey(slice.width(), slice.height(), slice.display(slice.defaultWindow()));
    } catch (SliceLoader.ColourImage colour) {
      return DisplayImage.render(DicomReader.read(SliceLoader.frameSource(s, frame)),
          s.mediaType() == org.scanbase.dataset.MediaType.VOLUME ? 0 : frame - 1, null);
    }
  }

  static BufferedImage grey(int width, int height, byte[] values) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    System.arraycopy(values, 0, data, 0, values.length);
    return img;
  }

  private static String renderName(int frame, VoiWindow w) {
    if (w == null) {
      return "f" + frame + "_own.png";
    }
    return "f" + frame + "_c" + number(w.center()) + "_w" + number(w.width()) + "_"
        + w.function().name().toLowerCase(Locale.ROOT) + ".png";
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static void windowHeaders(Context ctx, VoiWindow w) {
    ctx.header("X-Window-Center", number(w.center()));
    ctx.header("X-Window-Width", number(w.width()));
  }

  private void raw(Context ctx) throws IOException {
    Sample s = sample(ctx);
    Slice slice;
    try {
      slice = slices.load(s, frame(ctx));
    } catch (SliceLoader.ColourImage colour) {
      throw ApiException.badRequest("sample " + s.id() + " is a colour image: no raw greyscale values");
    }
    String dtype = rawType(slice);
    int n = slice.stored().length;
    ByteBuffer buf = ByteBuffer.allocate(n * (dtype.equals("float32") ? 4 : 2)).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : slice.stored()) {
      if (dtype.equals("float32")) {
        buf.putFloat((float) v);
      } else {
        buf.putShort((short) (long) v);
      }
    }
    VoiWindow w = slice.defaultWindow();
    ctx.header("X-Width", Integer.toString(slice.width()));
    ctx.header("X-Height", Integer.toString(slice.height()));
    ctx.header("X-Dtype", dtype);
    ctx.header("X-Rescale-Slope", Double.toString(slice.slope()));
    ctx.header("X-Rescale-Intercept", Double.toString(slice.intercept()));
    ctx.header("X-Frames", Integer.toString(slice.frames()));
    ctx.header("X-Modality", slice.modality());
    windowHeaders(ctx, w);
    ctx.header("Cache-Control", "private, max-age=3600");
    ctx.contentType("application/octet-stream").result(buf.array());
  }

  /** int16 or uint16 when every stored value fits, else float32. */
  static String rawType(Slice slice) {
    DType t = slice.storedType();
    if (t == DType.UINT8 || t == DType.UINT16) {
      return "uint16";
    }
    if (t == DType.INT8 || t == DType.INT16) {
      return "int16";
    }
    if (t.floating()) {
      return "float32";
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : slice.stored()) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (min >= Short.MIN_VALUE && max <= Short.MAX_VALUE) {
      return "int16";
    }
    return min >= 0 && max <= 65535 ? "uint16" : "float32";
  }

  private void volume(Context ctx) throws IOException {
    Dataset d = datasets.dataset(ctx);
    Sample s = datasets.sample(d, ctx);
    Path source = SliceLoader.source(s);
    Path converted = cache.file(d.name(), "volume", s.id(), "image.nii.gz");
    if (!SliceLoader.isVolumeFile(source)) {
      if (s.mediaType() != org.scanbase.dataset.MediaType.VOLUME) {
        throw ApiException.badRequest("sample " + s.id() + " is a 2D image, not a volume");
      }
      if (!Files.isRegularFile(converted)) {
        MediaFiles.writeVolume(converted, SliceLoader.assembleSeries(s));
      }
      ctx.header("Content-Disposition", "inline; filename=\"image.nii.gz\"");
      MediaCache.send(ctx, converted, "application/gzip");
      return;
    }
    sendVolume(ctx, source, converted);
  }

  /** Sends a volume file as {@code .nii.gz}: as it is when it is one, else converted once into {@code converted}. */
  void sendVolume(Context ctx, Path source, Path converted) throws IOException {
    ctx.header("Content-Disposition", "inline; filename=\"" + (converted.getFileName().toString()) + "\"");
    if (source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".nii.gz")) {
      MediaCache.send(ctx, source, "application/gzip");
      return;
    }
    if (!Files.isRegularFile(converted)) {
      MediaFiles.writeVolume(converted, slices.volume(source));
    }
    MediaCache.send(ctx, converted, "application/gzip");
  }
}
