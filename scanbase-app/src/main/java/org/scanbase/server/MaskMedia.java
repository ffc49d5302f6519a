// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import io.javalin.http.Context;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.dataset.MediaType;
import org.scanbase.dataset.Sample;
import org.scanbase.volume.Volume;

/**
 * Masks of Segmentation fields: a 2D mask PNG as stored, slice k of a 3D label volume as a PNG,
 * the label volume as {@code .nii.gz}, and thumbnails with masks laid over the image.
 */
final class MaskMedia {
  /** Overlay colours for fields without an App config colour. */
  private static final int[] PALETTE = {0xFF3B30, 0x34C759, 0x007AFF, 0xFFCC00, 0xAF52DE, 0xFF9500, 0x5AC8FA};
  private final MediaCache cache;
  private final SliceLoader slices;
  private final MediaRoutes media;

  MaskMedia(MediaCache cache, SliceLoader slices, MediaRoutes media) {
    this.cache = cache;
    this.slices = slices;
    this.media = media;
  }

  /** The mask file of a Segmentation field, or null when the mask is empty (no file, 0 pixels). */
  private Path maskFile(Sample s, String field) throws IOException {
    if (!(s.get(field) instanceof Map<?, ?> label) || !"Segmentation".equals(label.get("_type"))) {
      throw ApiException.notFound("sample " + s.id() + " has no Segmentation field '" + field + "'");
    }
    Object path = label.get("mask_path");
    if (path == null) {
      if (label.get("pixels") instanceof Number n && n.longValue() == 0) {
        return null;
      }
      throw ApiException.notFound("the Segmentation '" + field + "' of sample " + s.id() + " has no mask file");
    }
    return cache.checked(Path.of(path.toString()), "the Segmentation '" + field + "' of sample " + s.id());
  }

  void mask(Context ctx, Dataset d, Sample s) throws IOException {
    String field = ctx.pathParam("field");
    Path file = maskFile(s, field);
    if (file == null) {
      ctx.status(204);
      return;
    }
    if (!SliceLoader.isVolumeFile(file)) {
      MediaCache.send(ctx, file, "image/png");
      return;
    }
    int frame = MediaRoutes.frame(ctx);
    Path png = cache.file(d.name(), "masks", s.id(), field + "_f" + frame + ".png");
    Path empty = cache.file(d.name(), "masks", s.id(), field + "_f" + frame + ".empty");
    if (Files.exists(empty)) {
      ctx.status(204);
      return;
    }
    if (!Files.isRegularFile(png)) {
      int[] values = labelSlice(slices.volume(file), frame, s);
      int max = 0;
      for (int v : values) {
        max = Math.max(max, v);
      }
      if (max == 0) {
        MediaFiles.atomically(empty, tmp -> Files.write(tmp, new byte[0]));
        ctx.status(204);
        return;
      }
      Volume v = slices.volume(file);
      MediaFiles.writePng(png, v.nx(), v.ny(), values, max > 255);
    }
    MediaCache.send(ctx, png, "image/png");
  }

  /** Slice k = frame-1 of a label volume, row-major (rows j, columns i), labels as integers. */
  private static int[] labelSlice(Volume v, int frame, Sample s) {
    if (frame < 1 || frame > v.nz()) {
      throw ApiException.badRequest("frame " + frame + " is outside 1.." + v.nz() + " of sample " + s.id());
    }
    int[] out = new int[v.nx() * v.ny()];
    for (int j = 0; j < v.ny(); j++) {
      for (int i = 0; i < v.nx(); i++) {
        double label = v.real(i, j, frame - 1);
        if (label < 0 || label > 65535) {
          throw ApiException.badRequest("label value " + label + " of sample " + s.id() + " does not fit a 16-bit PNG");
        }
        out[j * v.nx() + i] = (int) Math.round(label);
      }
    }
    return out;
  }

  void labelVolume(Context ctx, Sample s) throws IOException {
    String field = ctx.pathParam("field");
    Path file = maskFile(s, field);
    if (file == null || !SliceLoader.isVolumeFile(file)) {
      throw ApiException.notFound("the field '" + field + "' of sample " + s.id() + " is not a 3D label volume");
    }
    media.sendVolume(ctx, file, cache.file(s.dataset().orElseThrow().name(), "volume", s.id(), field + ".nii.gz"));
  }

  void thumbnail(Context ctx, Dataset d, Sample s) throws IOException {
    int size = (int) ApiJson.query(ctx, "size", 128, 16, 512);
    String maskParam = ctx.queryParam("masks");
    List<String> fields = new ArrayList<>();
    if (maskParam != null && !maskParam.isBlank()) {
      for (String f : maskParam.split(",")) {
        if (!f.isBlank()) {
          fields.add(f.trim());
        }
      }
    }
    String name = "s" + size + (fields.isEmpty() ? "" : "_" + Integer.toHexString(String.join(",", fields).hashCode())) + ".png";
    Path file = cache.file(d.name(), "thumbs", s.id(), name);
    if (!Files.isRegularFile(file)) {
      int frame = 1;
      if (s.mediaType() != MediaType.IMAGE) {
        frame = (slices.load(s, 1).frames() + 1) / 2;
      }
      BufferedImage base = media.render(s, frame);
      BufferedImage rgb = new BufferedImage(base.getWidth(), base.getHeight(), BufferedImage.TYPE_INT_RGB);
      rgb.getGraphics().drawImage(base, 0, 0, null);
      for (int f = 0; f < fields.size(); f++) {
        overlay(rgb, maskValues(s, fields.get(f), frame), colour(d, fields.get(f), f));
      }
      MediaCache.writePng(file, scaled(rgb, size));
    }
    MediaCache.send(ctx, file, "image/png");
  }

  /** The mask values of a field at a frame (null when empty), on the image's grid. */
  private int[] maskValues(Sample s, String field, int frame) throws IOException {
    Path file = maskFile(s, field);
    if (file == null) {
      return null;
    }
    if (SliceLoader.isVolumeFile(file)) {
      return labelSlice(slices.volume(file), frame, s);
    }
    BufferedImage img = ImageIO.read(file.toFile());
    if (img == null) {
      throw new IOException(file + ": not a readable PNG mask");
    }
    Raster r = img.getRaster();
    return r.getSamples(0, 0, r.getWidth(), r.getHeight(), 0, new int[r.getWidth() * r.getHeight()]);
  }

  private static void overlay(BufferedImage rgb, int[] mask, int colour) {
    if (mask == null || mask.length != rgb.getWidth() * rgb.getHeight()) {
      return;
    }
    int w = rgb.getWidth();
    for (int p = 0; p < mask.length; p++) {
      if (mask[p] != 0) {
        int base = rgb.getRGB(p % w, p / w);
        rgb.setRGB(p % w, p / w, blend(base, colour));
      }
    }
  }

  /** Half the image's colour and half the mask's, per channel. */
  static int blend(int base, int colour) {
    int out = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
      int c = (((base >> shift) & 0xFF) + ((colour >> shift) & 0xFF)) / 2;
      out |= c << shift;
    }
    return out;
  }

  private static int colour(Dataset d, String field, int index) {
    if (d.appConfig().get("colors") instanceof Map<?, ?> colours && colours.get(field) instanceof String hex
        && hex.matches("#[0-9A-Fa-f]{6}")) {
      return Integer.parseInt(hex.substring(1), 16);
    }
    return PALETTE[index % PALETTE.length];
  }

  private static BufferedImage scaled(BufferedImage img, int size) {
    double f = Math.min(1.0, (double) size / Math.max(img.getWidth(), img.getHeight()));
    int w = Math.max(1, (int) Math.round(img.getWidth() * f));
    int h = Math.max(1, (int) Math.round(img.getHeight() * f));
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(img, 0, 0, w, h, null);
    g.dispose();
    return out;
  }
}
