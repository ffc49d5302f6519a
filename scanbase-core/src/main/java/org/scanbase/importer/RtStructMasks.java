// SPDX-License-Identifier: Apache-2.0
package org.scanbase.importer;

import org.scanbase.core.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scanbase.array.NdArray;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.label.Segmentation;
import org.scanbase.rt.ContourRasterizer;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.rt.ReferencedGrids;
import org.scanbase.rt.Roi;
import org.scanbase.rt.RoiMasks;
import org.scanbase.rt.RtStructException;
import org.scanbase.rt.RtStructReader;
import org.scanbase.rt.RtStructureSet;
import org.scanbase.volume.SeriesStack;

/**
 * RT Structure Sets of an import turned into Segmentation fields, one per ROI, named after the
 * ROI ({@code Hippocampus_L}). An RTSTRUCT is tied to the imported stack holding most of the SOP
 * instances it references; one that references none is skipped with that reason. Its ROIs are
 * rasterised on that stack's grid ({@link ContourRasterizer}).
 *
 * <p>Slices: each slice gets each ROI field; a slice with mask pixels has a PNG (0/1, 8-bit)
 * under {@code media/<dataset>/masks/<ROI>/}, an empty one {@code "pixels": 0} and no file.
 * Volumes: the sample's field is the ROI's {@code .nii.gz} mask on the series grid and frame
 * <i>k</i>'s field its slice <i>k</i> ({@code "slice": k - 1} in that volume). Mask targets:
 * {@code 1 -> ROI name}; the ROI colour is an attribute of each label and in the App config.
 */
final class RtStructMasks {
  private final Dataset dataset;
  private final DicomImporter.Mode mode;
  private final MediaFiles media;
  private final ImportReport report;
  private final Progress progress;
  private final Map<SeriesStack, Map<Integer, Map<String, Object>>> perSlice = new IdentityHashMap<>();
  private final Map<SeriesStack, Map<String, Object>> perVolume = new IdentityHashMap<>();
  private final Map<String, String> targets = new LinkedHashMap<>();
  private final Map<String, String> colours = new LinkedHashMap<>();

  RtStructMasks(Dataset dataset, DicomImporter.Mode mode, MediaFiles media, ImportReport report,
      Progress progress) {
    this.dataset = dataset;
    this.mode = mode;
    this.media = media;
    this.report = report;
    this.progress = progress;
  }

  void attach(List<Path> files, List<SeriesStack> stacks) {
    if (files.isEmpty()) {
      return;
    }
    progress.start("RT structure masks", files.size());
    for (Path file : files) {
      try {
        attach(file, stacks);
      } catch (IOException | RtStructException | IllegalArgumentException e) {
        report.skip(file, e.getMessage());
      }
      progress.advance(1);
    }
    progress.finish();
  }

  private void attach(Path file, List<SeriesStack> stacks) throws IOException {
    RtStructReader.Result read = RtStructReader.read(file);
    RtStructureSet set = read.structureSet();
    Set<String> referenced = new HashSet<>(set.referencedSopInstanceUids());
    SeriesStack best = null;
    long bestOverlap = 0;
    for (SeriesStack s : stacks) {
      long overlap = s.sopInstanceUids().stream().filter(referenced::contains).count();
      if (overlap > bestOverlap) {
        best = s;
        bestOverlap = overlap;
      }
    }
    if (best == null) {
      throw new IOException("references " + referenced.size() + " image(s), none of them imported: no series to attach to");
    }
    for (String w : read.warnings()) {
      report.warn(file + ": " + w);
    }
    ReferencedGrid grid = ReferencedGrids.fromStack(best);
    RoiMasks masks = ContourRasterizer.rasterize(set, grid);
    for (String w : masks.warnings()) {
      report.warn(file + ": " + w);
    }
    for (RoiMasks.RoiMask m : masks.masks()) {
      String field = fieldName(m.name());
      Map<String, Object> attributes = new LinkedHashMap<>();
      attributes.put("roi_number", m.roiNumber());
      String colour = set.roi(m.roiNumber()).map(RtStructMasks::colour).orElse(null);
      if (colour != null) {
        attributes.put("color", colour);
        colours.putIfAbsent(field, colour);
      }
      targets.putIfAbsent(field, m.name());
      if (perVolume.containsKey(best) && perVolume.get(best).containsKey(field)
          || perSlice.containsKey(best) && perSlice.get(best).values().stream().anyMatch(f -> f.containsKey(field))) {
        report.warn(file + ": ROI " + m.name() + " is already attached to series " + best.seriesUid()
            + " by another structure set; kept the first");
        continue;
      }
      rasterised(best, field, m, attributes);
    }
  }

  private void rasterised(SeriesStack stack, String field, RoiMasks.RoiMask m, Map<String, Object> attributes)
      throws IOException {
    NdArray voxels = m.mask().voxels();
    int nx = m.mask().nx();
    int ny = m.mask().ny();
    String volumeDir = MediaFiles.folderName(stack.seriesUid());
    Path volumeFile = null;
    if (mode == DicomImporter.Mode.VOLUMES) {
      volumeFile = media.path("labels", volumeDir, field + ".nii.gz");
      MediaFiles.writeVolume(volumeFile, m.mask());
      perVolume.computeIfAbsent(stack, s -> new LinkedHashMap<>())
          .put(field, new Segmentation(volumeFile.toString(), m.voxels(), List.of(), attributes));
    }
    int[] slice = new int[nx * ny];
    for (int k = 0; k < stack.size(); k++) {
      long on = 0;
      for (int i = 0; i < slice.length; i++) {
        slice[i] = voxels.getDouble(k * slice.length + i) != 0 ? 1 : 0;
        on += slice[i];
      }
      Segmentation seg;
      if (mode == DicomImporter.Mode.VOLUMES) {
        Map<String, Object> withSlice = new LinkedHashMap<>(attributes);
        withSlice.put("slice", k);
        seg = new Segmentation(on == 0 ? null : volumeFile.toString(), on, List.of(), withSlice);
      } else if (on == 0) {
        seg = new Segmentation(null, 0, List.of(), attributes);
      } else {
        String sop = stack.sopInstanceUids().get(k);
        Path png = media.path("masks", volumeDir, field, (sop.isEmpty() ? "slice" : sop) + "_" + k + ".png");
        MediaFiles.writePng(png, nx, ny, slice, false);
        seg = new Segmentation(png.toString(), on, List.of(), attributes);
      }
      perSlice.computeIfAbsent(stack, s -> new LinkedHashMap<>())
          .computeIfAbsent(k, x -> new LinkedHashMap<>()).put(field, seg);
    }
  }

  /** A field name for an ROI: dots (path separators) and surrounding blanks replaced. */
  static String fieldName(String roiName) {
    String name = roiName.strip().replace('.', '_');
    return name.isEmpty() ? "ROI" : name;
  }

  private static String colour(Roi roi) {
    int[] rgb = roi.displayColor();
    return rgb == null || rgb.length < 3 ? null : String.format("#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
  }

  /** The ROI fields of slice {@code k} of a stack (empty without an RTSTRUCT). */
  Map<String, Object> fieldsFor(SeriesStack stack, int k) {
    Map<Integer, Map<String, Object>> slices = perSlice.get(stack);
    Map<String, Object> fields = slices == null ? null : slices.get(k);
    return fields == null ? Map.of() : fields;
  }

  /** The ROI label volumes of a stack (volumes mode). */
  Map<String, Object> volumeFieldsFor(SeriesStack stack) {
    Map<String, Object> fields = perVolume.get(stack);
    return fields == null ? Map.of() : fields;
  }

  /** Records the mask targets and ROI colours of every ROI field in the dataset. */
  void saveMaskTargets() {
    targets.forEach((field, name) -> dataset.setMaskTargets(field, Map.of(1, name)));
    if (!colours.isEmpty()) {
      Map<String, Object> config = new LinkedHashMap<>(dataset.appConfig());
      @SuppressWarnings("unchecked")
      Map<String, Object> old = config.get("colors") instanceof Map<?, ?> m
          ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
      old.putAll(colours);
      config.put("colors", old);
      dataset.setAppConfig(config);
    }
  }
}
