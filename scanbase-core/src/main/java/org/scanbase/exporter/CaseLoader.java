// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.rt.ReferencedGrids;
import org.scanbase.volume.DicomSeries;
import org.scanbase.volume.SeriesAssembler;
import org.scanbase.volume.SeriesException;
import org.scanbase.volume.SeriesScan;
import org.scanbase.volume.SeriesScanner;
import org.scanbase.volume.SeriesStack;
import org.scanbase.volume.Volume;
import org.scanbase.volume.VolumeFiles;

/**
 * Reads the voxels of a {@link CasePlan}: a volume file and its label volumes as they are; a
 * DICOM series assembled like {@code scanbase convert} ({@link SeriesAssembler}, lenient) with its
 * 2D slice masks stacked at the slice whose SOP instance they belong to.
 */
final class CaseLoader {
  private CaseLoader() {}

  /**
   * Loads a case.
   *
   * @throws IOException naming the file at fault when an image or mask cannot be read or does
   *                     not fit the image's grid
   */
  static ExportCase load(CasePlan plan) throws IOException {
    if (plan.isDicom()) {
      return loadSeries(plan);
    }
    Volume image = VolumeFiles.read(Path.of(plan.source()));
    Map<String, Volume> labels = new LinkedHashMap<>();
    for (Map.Entry<String, String> m : plan.volumeMasks().entrySet()) {
      labels.put(m.getKey(), labelVolume(image, m.getKey(), m.getValue()));
    }
    return new ExportCase(plan, image, labels, null);
  }

  private static ExportCase loadSeries(CasePlan plan) throws IOException {
    SeriesScan scan = SeriesScanner.scan(plan.dicomFiles());
    if (!scan.unreadable().isEmpty()) {
      throw new IOException(scan.unreadable().get(0).toString());
    }
    if (scan.series().size() != 1) {
      throw new SeriesException(plan.source() + ": the case's files hold " + scan.series().size()
          + " image series, expected 1");
    }
    DicomSeries series = scan.series().get(0);
    List<SeriesStack> stacks = SeriesStack.of(series);
    if (stacks.size() != 1) {
      throw new SeriesException(plan.source() + ": series splits into " + stacks.size() + " stacks");
    }
    SeriesStack stack = stacks.get(0);
    Volume image = SeriesAssembler.assemble(stack.toSliceStack(), SeriesAssembler.Options.LENIENT);
    ReferencedGrid grid = ReferencedGrids.fromStack(stack);
    Map<String, Volume> labels = new LinkedHashMap<>();
    if (!plan.volumeMasks().isEmpty()) {
      for (Map.Entry<String, String> m : plan.volumeMasks().entrySet()) {
        labels.put(m.getKey(), labelVolume(image, m.getKey(), m.getValue()));
      }
    } else {
      Map<String, Integer> sliceOf = new HashMap<>();
      for (int k = 0; k < grid.sopInstanceUids().size(); k++) {
        sliceOf.put(grid.sopInstanceUids().get(k), k);
      }
      for (Map.Entry<String, Map<String, String>> m : plan.sliceMasks().entrySet()) {
        labels.put(m.getKey(), stackSlices(image, m.getValue(), sliceOf));
      }
    }
    List<Path> files = new ArrayList<>(stack.files());
    return new ExportCase(plan, image, labels, new ExportCase.Series(grid, files, stack.slices().get(0).dataset()));
  }

  private static Volume labelVolume(Volume image, String field, String path) throws IOException {
    if (path.isEmpty()) {
      int[] s = image.geometry().size();
      return Volume.of(NdArray.allocate(DType.UINT8, new int[] {s[2], s[1], s[0]}), image.geometry());
    }
    Volume mask = VolumeFiles.read(Path.of(path));
    if (!Arrays.equals(mask.geometry().size(), image.geometry().size())) {
      throw new IOException("mask " + path + " (field " + field + ") has size "
          + Arrays.toString(mask.geometry().size()) + ", its image " + Arrays.toString(image.geometry().size()));
    }
    return asLabels(mask.voxels(), image);
  }

  /** Integer label values as uint8 (uint16 when one exceeds 255) on the image's geometry. */
  private static Volume asLabels(NdArray v, Volume image) throws IOException {
    if (v.dtype() == DType.UINT8 || v.dtype() == DType.UINT16) {
      return Volume.of(v, image.geometry()); // already what label volumes are: no copy
    }
    int n = v.size();
    double max = 0;
    for (int i = 0; i < n; i++) {
      double d = v.getDouble(i);
      if (d < 0 || d != Math.rint(d) || d > 65535) {
        throw new IOException("label value " + d + " at voxel " + i + " is not an integer 0..65535");
      }
      max = Math.max(max, d);
    }
    NdArray out = NdArray.allocate(max > 255 ? DType.UINT16 : DType.UINT8, v.shape());
    for (int i = 0; i < n; i++) {
      out.setDouble(i, v.getDouble(i));
    }
    return Volume.of(out, image.geometry());
  }

  private static Volume stackSlices(Volume image, Map<String, String> masks, Map<String, Integer> sliceOf)
      throws IOException {
    int nx = image.nx(), ny = image.ny(), nz = image.nz();
    NdArray values = NdArray.allocate(DType.UINT16, new int[] {nz, ny, nx});
    int max = 0;
    for (Map.Entry<String, String> m : masks.entrySet()) {
      Integer k = sliceOf.get(m.getKey());
      if (k == null) {
        throw new IOException("mask " + m.getValue() + ": SOP instance " + m.getKey() + " is not in the series");
      }
      if (m.getValue().isEmpty()) {
        continue;
      }
      BufferedImage img = ImageIO.read(Path.of(m.getValue()).toFile());
      if (img == null) {
        throw new IOException(m.getValue() + ": not a PNG ImageIO can read");
      }
      if (img.getWidth() != nx || img.getHeight() != ny) {
        throw new IOException("mask " + m.getValue() + " is " + img.getWidth() + "x" + img.getHeight()
            + ", its slice " + nx + "x" + ny);
      }
      Raster r = img.getRaster();
      int[] plane = r.getSamples(0, 0, nx, ny, 0, new int[nx * ny]);
      for (int i = 0; i < plane.length; i++) {
        values.setDouble(k * nx * ny + i, plane[i]);
        max = Math.max(max, plane[i]);
      }
    }
    if (max > 255) {
      return Volume.of(values, image.geometry());
    }
    NdArray out = NdArray.allocate(DType.UINT8, values.shape());
    short[] from = (short[]) values.data();
    byte[] to = (byte[]) out.data();
    for (int i = 0; i < from.length; i++) {
      to[i] = (byte) from[i];
    }
    return Volume.of(out, image.geometry());
  }
}
