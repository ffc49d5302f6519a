// SPDX-License-Identifier: Apache-2.0
package org.scanbase.label;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.scanbase.array.NdArray;
import org.scanbase.volume.Volume;
import org.scanbase.volume.VolumeFiles;

/**
 * A segmentation mask kept in a file, never in the database: a 2D PNG (0 = background, label
 * values as in the field's mask targets) or a 3D label volume ({@code .nii.gz}, NRRD, MHA) on
 * the image's grid, where frame <i>i</i> of a volume sample is slice <i>i</i>.
 *
 * @param maskPath   absolute path of the mask file
 * @param pixels     number of non-zero pixels or voxels (0: an empty mask, which has no file)
 * @param tags       label tags
 * @param attributes free attributes (ROI colour, ROI number, ...), kept in the document
 */
public record Segmentation(String maskPath, long pixels, List<String> tags, Map<String, Object> attributes)
    implements Label {

  public Segmentation {
    if (pixels < 0) {
      throw new IllegalArgumentException("pixels must be >= 0, was " + pixels);
    }
    tags = List.copyOf(tags == null ? List.of() : tags);
    attributes = LabelAttributes.copy(attributes);
  }

  /**
   * The segmentation of a mask file, counting its non-zero pixels: PNG (8 or 16 bit grey) or any
   * volume format {@link VolumeFiles} reads.
   *
   * @throws IOException when the file cannot be read as a mask
   */
  public static Segmentation ofMask(Path mask) throws IOException {
    Path abs = mask.toAbsolutePath().normalize();
    long nonZero;
    if (abs.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
      nonZero = MaskImages.countNonZero(abs);
    } else {
      Volume v = VolumeFiles.read(abs);
      nonZero = countNonZero(v.voxels());
    }
    return new Segmentation(abs.toString(), nonZero, List.of(), Map.of());
  }

  /** An empty mask: no file, zero pixels. */
  public static Segmentation empty() {
    return new Segmentation(null, 0, List.of(), Map.of());
  }

  private static long countNonZero(NdArray a) {
    long n = 0;
    for (int i = 0, size = a.size(); i < size; i++) {
      if (a.getDouble(i) != 0) {
        n++;
      }
    }
    return n;
  }

  /** True when the mask file exists. */
  public boolean exists() {
    return maskPath != null && Files.isRegularFile(Path.of(maskPath));
  }

  @Override
  public Map<String, Object> toDoc() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("_type", "Segmentation");
    if (maskPath != null) {
      doc.put("mask_path", maskPath);
    }
    doc.put("pixels", pixels);
    if (!tags.isEmpty()) {
      doc.put("tags", tags);
    }
    attributes.forEach(doc::putIfAbsent);
    return doc;
  }

  static Segmentation fromDoc(Map<String, ?> doc) {
    Map<String, Object> attributes = Labels.attributes(doc, "mask_path", "pixels");
    Object pixels = doc.get("pixels");
    return new Segmentation((String) doc.get("mask_path"),
        pixels instanceof Number n ? n.longValue() : 0, Labels.tags(doc), attributes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Segmentation s && Objects.equals(maskPath, s.maskPath) && pixels == s.pixels
        && tags.equals(s.tags) && attributes.equals(s.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maskPath, pixels, tags, attributes);
  }
}
