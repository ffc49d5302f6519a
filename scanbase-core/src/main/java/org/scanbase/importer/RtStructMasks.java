// SPDX-License-Identifier: Apache-2.0
package org.scanbase.importer;

import org.scanbase.core.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.label.Segmentation;
import org.scanbase.png.PngWriter;
import org.scanbase.rt.ContourRasterizer;
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
 *
 * <p>Reading and rasterising the structure sets (with, for slices, encoding the PNGs at once,
 * so that the mask volumes die young), and writing their mask files, run on the common
 * fork-join pool; which ROI a series keeps, the warnings and the skipped files are
 * decided in file order in between, so the outcome is that of a serial run.
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

  /**
   * One structure set read and rasterised on the stack it belongs to (its ROIs and the
   * rasteriser's warnings), or why it could not be.
   */
  private record Rasterised(Path file, SeriesStack stack, List<String> sops, RtStructureSet set,
      List<String> readWarnings, List<RoiResult> rois, List<String> maskWarnings, String error) {}

  /**
   * One ROI of a structure set: in volumes mode its mask volume; in slices mode only the
   * voxel count and the PNG of each slice, encoded as soon as the ROI is rasterised, so that
   * the mask volumes (most of what an import allocates) do not outlive their structure set.
   */
  private record RoiResult(int roiNumber, String name, RoiMasks.RoiMask mask, long[] sliceVoxels, byte[][] pngs) {}

  /** One ROI mask to write as files. */
  private record Job(Path file, SeriesStack stack, List<String> sops, String field, RoiResult roi,
      Map<String, Object> attributes) {}

  /** The fields a job gives: the volume's (volumes mode) and each slice's, or the write error. */
  private record Written(Segmentation volume, Segmentation[] slices, String error) {}

  void attach(List<Path> files, List<SeriesStack> stacks) {
    if (files.isEmpty()) {
      return;
    }
    progress.start("RT structure masks", files.size());
    List<List<String>> sops = stacks.stream().map(SeriesStack::sopInstanceUids).toList();
    Rasterised[] read = new Rasterised[files.size()];
    inParallel(files.size(), i -> read[i] = rasterise(files.get(i), stacks, sops, mode));

    List<Job> jobs = new ArrayList<>();
    Map<SeriesStack, Set<String>> claimed = new IdentityHashMap<>();
    for (Rasterised r : read) {
      if (r.error() != null) {
        report.skip(r.file(), r.error());
        continue;
      }
      for (String w : r.readWarnings()) {
        report.warn(r.file() + ": " + w);
      }
      for (String w : r.maskWarnings()) {
        report.warn(r.file() + ": " + w);
      }
      for (RoiResult m : r.rois()) {
        String field = fieldName(m.name());
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("roi_number", m.roiNumber());
        String colour = r.set().roi(m.roiNumber()).map(RtStructMasks::colour).orElse(null);
        if (colour != null) {
          attributes.put("color", colour);
          colours.putIfAbsent(field, colour);
        }
        targets.putIfAbsent(field, m.name());
        if (!claimed.computeIfAbsent(r.stack(), s -> new HashSet<>()).add(field)) {
          report.warn(r.file() + ": ROI " + m.name() + " is already attached to series " + r.stack().seriesUid()
              + " by another structure set; kept the first");
          continue;
        }
        jobs.add(new Job(r.file(), r.stack(), r.sops(), field, m, attributes));
      }
    }

    Written[] written = new Written[jobs.size()];
    inParallel(jobs.size(), j -> written[j] = write(jobs.get(j)));
    Set<Path> failed = new HashSet<>();
    for (int j = 0; j < jobs.size(); j++) {
      Job job = jobs.get(j);
      if (written[j].error() != null) {
        if (failed.add(job.file())) {
          report.skip(job.file(), written[j].error());
        }
        continue;
      }
      if (written[j].volume() != null) {
        perVolume.computeIfAbsent(job.stack(), s -> new LinkedHashMap<>()).put(job.field(), written[j].volume());
      }
      Map<Integer, Map<String, Object>> slices = perSlice.computeIfAbsent(job.stack(), s -> new LinkedHashMap<>());
      for (int k = 0; k < written[j].slices().length; k++) {
        slices.computeIfAbsent(k, x -> new LinkedHashMap<>()).put(job.field(), written[j].slices()[k]);
      }
    }
    progress.advance(files.size());
    progress.finish();
  }

  /** Runs tasks {@code 0..n-1} on the caller's thread and the common pool; each fills its own slot. */
  private static void inParallel(int n, java.util.function.IntConsumer task) {
    IntStream.range(0, n).parallel().forEach(task);
  }

  private static Rasterised rasterise(Path file, List<SeriesStack> stacks, List<List<String>> sops,
      DicomImporter.Mode mode) {
    try {
      RtStructReader.Result read = RtStructReader.read(file);
      RtStructureSet set = read.structureSet();
      Set<String> referenced = new HashSet<>(set.referencedSopInstanceUids());
      int best = -1;
      long bestOverlap = 0;
      for (int s = 0; s < stacks.size(); s++) {
        long overlap = sops.get(s).stream().filter(referenced::contains).count();
        if (overlap > bestOverlap) {
          best = s;
          bestOverlap = overlap;
        }
      }
      if (best < 0) {
        return failed(file, "references " + referenced.size()
            + " image(s), none of them imported: no series to attach to");
      }
      SeriesStack stack = stacks.get(best);
      RoiMasks masks = ContourRasterizer.rasterize(set, ReferencedGrids.fromStack(stack));
      List<RoiResult> rois = new ArrayList<>(masks.masks().size());
      for (RoiMasks.RoiMask m : masks.masks()) {
        rois.add(mode == DicomImporter.Mode.VOLUMES ? new RoiResult(m.roiNumber(), m.name(), m, m.sliceVoxels(), null)
            : new RoiResult(m.roiNumber(), m.name(), null, m.sliceVoxels(), slicePngs(m)));
      }
      return new Rasterised(file, stack, sops.get(best), set, read.warnings(), rois, masks.warnings(), null);
    } catch (IOException | RtStructException | IllegalArgumentException e) {
      return failed(file, e.getMessage());
    }
  }

  private static Rasterised failed(Path file, String error) {
    return new Rasterised(file, null, null, null, null, null, null, error);
  }

  /** The 8-bit 0/1 PNG of each slice with mask pixels (null for the empty ones). */
  private static byte[][] slicePngs(RoiMasks.RoiMask m) {
    if (!(m.mask().voxels().data() instanceof byte[] voxels)) {
      throw new IllegalStateException("ROI masks are uint8 volumes, got " + m.mask().voxels().dtype());
    }
    int nx = m.mask().nx();
    int ny = m.mask().ny();
    byte[][] pngs = new byte[m.mask().nz()][];
    for (int k = 0; k < pngs.length; k++) {
      if (m.sliceVoxels(k) > 0) {
        pngs[k] = PngWriter.grey8(voxels, k * nx * ny, nx, ny);
      }
    }
    return pngs;
  }

  /** Writes one ROI's mask files: a PNG per slice with pixels, or (volumes) the label volume. */
  private Written write(Job job) {
    RoiResult roi = job.roi();
    String volumeDir = MediaFiles.folderName(job.stack().seriesUid());
    try {
      Segmentation volume = null;
      Path volumeFile = null;
      if (mode == DicomImporter.Mode.VOLUMES) {
        volumeFile = media.path("labels", volumeDir, job.field() + ".nii.gz");
        MediaFiles.writeVolume(volumeFile, roi.mask().mask());
        volume = new Segmentation(volumeFile.toString(), roi.mask().voxels(), List.of(), job.attributes());
      }
      Segmentation[] slices = new Segmentation[job.stack().size()];
      for (int k = 0; k < slices.length; k++) {
        long on = roi.sliceVoxels()[k];
        if (mode == DicomImporter.Mode.VOLUMES) {
          Map<String, Object> withSlice = new LinkedHashMap<>(job.attributes());
          withSlice.put("slice", k);
          slices[k] = new Segmentation(on == 0 ? null : volumeFile.toString(), on, List.of(), withSlice);
        } else if (on == 0) {
          slices[k] = new Segmentation(null, 0, List.of(), job.attributes());
        } else {
          String sop = job.sops().get(k);
          Path png = media.path("masks", volumeDir, job.field(), (sop.isEmpty() ? "slice" : sop) + "_" + k + ".png");
          byte[] bytes = roi.pngs()[k];
          MediaFiles.atomically(png, tmp -> Files.write(tmp, bytes));
          slices[k] = new Segmentation(png.toString(), on, List.of(), job.attributes());
        }
      }
      return new Written(volume, slices, null);
    } catch (IOException e) {
      return new Written(null, null, e.getMessage());
    }
  }

  /** A field name for an ROI: dots (path separators) and surrounding blanks replaced. */
  static String fieldName(String roiName) {
    String name = roiName.strip().replace('.', '_');
    return name.isEmpty() ? "ROI" : name;
  }

  private static String colour(Roi roi) {
    int[] rgb = roi.displayColor();
    if (rgb == null || rgb.length < 3) {
      return null;
    }
    // by hand, not String.format: a formatter parses its pattern with regular expressions
    StringBuilder b = new StringBuilder("#");
    for (int i = 0; i < 3; i++) {
      String hex = Integer.toHexString(rgb[i]); // as %02x: two digits at least
      b.append(hex.length() == 1 ? "0" : "").append(hex);
    }
    return b.toString();
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
