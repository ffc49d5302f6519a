// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scanbase.array.NdArray;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.volume.Volume;

/**
 * 2D training slices: for each case and axial slice k (k = 0 first along the slice normal),
 * {@code images/<case>/<kkkk>.png} and {@code masks/<field>/<case>/<kkkk>.png}, PNG rows = image
 * rows (j), columns = image columns (i).
 *
 * <ul>
 *   <li>8-bit images are windowed (PS3.3 C.11.2.1.2 linear VOI): the file's own DICOM window
 *       (first WindowCenter / WindowWidth), else W400/L40 for CT (Modality CT, or values at or below
 *       -500 HU), else the 0.5th to 99.5th percentile of the case's values (of at most a million
 *       evenly strided voxels);</li>
 *   <li>16-bit images hold the real value (stored x slope + intercept, rounded) plus an offset:
 *       32768 when the case has negative values, else 0 (clamped to 0..65535);</li>
 *   <li>masks hold the label values (8-bit, 16-bit when a value exceeds 255), 0 = background.</li>
 * </ul>
 * {@code manifest.csv}: {@code image,field,mask,case,slice,window,offset} (one row per slice and
 * field, field and mask empty for a case without labels); {@code samples.csv} as for NIfTI.
 */
final class PngExport implements CaseWriter {
  private final Path out;
  private final int bits;
  private final ManifestFields identity;
  private final Csv manifest = new Csv("image", "field", "mask", "case", "slice", "window", "offset");
  private final Csv samples = new Csv("case", "sample_ids", "source", "patient_id", "study_date");

  PngExport(Path out, int bits, ManifestFields identity) {
    this.out = out;
    this.bits = bits;
    this.identity = identity;
  }

  @Override
  public long write(ExportCase c, String name) throws IOException {
    Volume image = c.image();
    int nx = image.nx(), ny = image.ny(), plane = nx * ny;
    double[] window = bits == 8 ? window(c, image) : null;
    int offset = bits == 16 && min(image) < 0 ? 32768 : 0;
    String windowText = window == null ? "" : fmt(window[1]) + "/" + fmt(window[0]);
    long files = 0;
    int[] px = new int[plane];
    for (int k = 0; k < image.nz(); k++) {
      for (int i = 0; i < plane; i++) {
        double v = real(image, k * plane + i);
        px[i] = window != null ? windowed(v, window[0], window[1])
            : (int) Math.max(0, Math.min(65535, Math.round(v) + offset));
      }
      String img = String.format(Locale.ROOT, "images/%s/%04d.png", name, k);
      MediaFiles.writePng(out.resolve(img), nx, ny, px, bits == 16);
      files++;
      if (c.labels().isEmpty()) {
        manifest.row(img, "", "", name, k, windowText, bits == 16 ? offset : "");
      }
      for (Map.Entry<String, Volume> l : c.labels().entrySet()) {
        NdArray m = l.getValue().voxels();
        int[] mask = new int[plane];
        int max = 0;
        for (int i = 0; i < plane; i++) {
          mask[i] = (int) m.getDouble(k * plane + i);
          max = Math.max(max, mask[i]);
        }
        String file = String.format(Locale.ROOT, "masks/%s/%s/%04d.png", Exporter.safe(l.getKey()), name, k);
        MediaFiles.writePng(out.resolve(file), nx, ny, mask, max > 255);
        manifest.row(img, l.getKey(), file, name, k, windowText, bits == 16 ? offset : "");
        files++;
      }
    }
    CasePlan p = c.plan();
    samples.row(name, String.join(";", p.sampleIds()), identity.source(p), identity.patientId(p),
        identity.studyDate(p));
    return files;
  }

  /** The real value (stored x slope + intercept) of voxel {@code i} (first component). */
  private static double real(Volume v, int i) {
    return v.voxels().getDouble(i * v.components()) * v.slope() + v.intercept();
  }

  private static double min(Volume v) {
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0, n = (int) v.geometry().voxelCount(); i < n; i++) {
      min = Math.min(min, real(v, i));
    }
    return min;
  }

  /** {center, width} of the case's window. */
  static double[] window(ExportCase c, Volume image) {
    Map<String, Object> f = c.plan().fields();
    Double center = first(f.get("WindowCenter"));
    Double width = first(f.get("WindowWidth"));
    if (center != null && width != null && width >= 1) {
      return new double[] {center, width};
    }
    boolean ct = "CT".equals(f.get("Modality")) || min(image) <= -500;
    if (ct) {
      return new double[] {40, 400};
    }
    // percentiles over at most ~1M voxels, evenly strided, so a large volume needs no sorted copy
    int n = (int) image.geometry().voxelCount();
    int stride = Math.max(1, n / 1_000_000);
    double[] sorted = new double[(n + stride - 1) / stride];
    for (int i = 0, j = 0; i < n; i += stride) {
      sorted[j++] = real(image, i);
    }
    Arrays.sort(sorted);
    double lo = sorted[(int) Math.floor(0.005 * (sorted.length - 1))];
    double hi = sorted[(int) Math.ceil(0.995 * (sorted.length - 1))];
    return new double[] {(lo + hi) / 2, Math.max(1, hi - lo)};
  }

  /** PS3.3 C.11.2.1.2.1 linear function to 0..255. */
  static int windowed(double x, double c, double w) {
    double lo = c - 0.5 - (w - 1) / 2;
    double hi = c - 0.5 + (w - 1) / 2;
    if (x <= lo) {
      return 0;
    }
    if (x > hi) {
      return 255;
    }
    return (int) Math.round(((x - (c - 0.5)) / (w - 1) + 0.5) * 255);
  }

  private static Double first(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Number n) {
      return n.doubleValue();
    }
    return null;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  @Override
  public long finish() throws IOException {
    manifest.write(out.resolve("manifest.csv"));
    samples.write(out.resolve("samples.csv"));
    return 2;
  }
}
