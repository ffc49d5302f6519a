// SPDX-License-Identifier: Apache-2.0
package org.scanbase.importer;

import org.scanbase.core.Progress;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.dataset.MediaType;
import org.scanbase.dataset.Sample;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomDir;
import org.scanbase.dicom.Tags;
import org.scanbase.volume.DicomSeries;
import org.scanbase.volume.SeriesException;
import org.scanbase.volume.SeriesScan;
import org.scanbase.volume.SeriesScanner;
import org.scanbase.volume.SeriesStack;
import org.scanbase.volume.SliceInfo;

/**
 * {@code scanbase import dicom ROOT --name NAME [--glob P] [--rtstruct P] [--as slices|volumes]}:
 * DICOM files under ROOT (recursively, or the files a DICOMDIR lists) into a dataset.
 *
 * <ul>
 *   <li>{@code slices}: one sample per 2D image, with every attribute as a field
 *       ({@link DicomFields}), plus {@code slice_index} (0 = first along the slice normal) and
 *       {@code volume_id} (the series, and its stack when a series splits), so that grouping by
 *       patient or volume ordered by {@code slice_index} plays the slices in space order.</li>
 *   <li>{@code volumes}: one sample per series stack, the first slice's attributes as fields,
 *       each slice a frame with the attributes that vary between slices.</li>
 * </ul>
 * RT Structure Sets are tied to the series whose SOP instances they reference (never by folder
 * or order); each ROI becomes a Segmentation field named after it ({@link RtStructMasks}).
 * Other non-image objects (SEG, RTDOSE, SR...) and unreadable files are reported as skipped with
 * the reason; the rest of the import goes on. Files already in the dataset (same filepath) are
 * not added again. Samples are added a batch at a time, each batch in one transaction.
 */
public final class DicomImporter {
  private static final int BATCH = 500;

  /** One sample per image, or one per series. */
  public enum Mode {
    SLICES, VOLUMES;

    /** {@code slices} or {@code volumes}. */
    public static Mode fromCode(String code) {
      return switch (code.toLowerCase(Locale.ROOT)) {
        case "slices" -> SLICES;
        case "volumes" -> VOLUMES;
        default -> throw new IllegalArgumentException("--as must be slices or volumes, not '" + code + "'");
      };
    }
  }

  /**
   * @param glob         file-name pattern of the images ({@code MR*.dcm}), null for every file
   * @param rtstructGlob file-name pattern of the RT Structure Sets, null to find them by SOP class
   * @param mode         slices or volumes
   */
  public record Options(String glob, String rtstructGlob, Mode mode) {
    public static Options defaults() {
      return new Options(null, null, Mode.SLICES);
    }
  }

  private final Dataset dataset;
  private final Options options;
  private final Progress progress;
  private final MediaFiles media;
  private final ImportReport report;

  private DicomImporter(Dataset dataset, Options options, Progress progress, MediaFiles media) {
    this.dataset = dataset;
    this.options = options;
    this.progress = progress;
    this.media = media;
    this.report = new ImportReport(dataset.name());
  }

  /**
   * Imports ROOT into {@code dataset}; generated masks go under {@code media}.
   *
   * @throws NoSuchFileException when ROOT does not exist
   * @throws IOException         when ROOT cannot be listed
   */
  public static ImportReport run(Path root, Dataset dataset, Options options, Progress progress,
      MediaFiles media) throws IOException {
    return new DicomImporter(dataset, options, progress, media).run(root);
  }

  private ImportReport run(Path root) throws IOException {
    List<Path> files = listFiles(root);
    PathMatcher images = matcher(options.glob());
    PathMatcher rtstructs = matcher(options.rtstructGlob());
    List<Path> imageFiles = new ArrayList<>();
    Set<Path> rtFiles = new java.util.LinkedHashSet<>();
    for (Path f : files) {
      if (options.rtstructGlob() != null && rtstructs.matches(f.getFileName())) {
        rtFiles.add(f);
      } else if (images.matches(f.getFileName())) {
        imageFiles.add(f);
      }
    }
    progress.start("reading headers", imageFiles.size());
    SeriesScan scan = SeriesScanner.scan(imageFiles);
    progress.advance(imageFiles.size());
    progress.finish();
    for (SeriesScan.Skipped s : scan.unreadable()) {
      report.skip(s.path(), s.reason());
    }
    for (SeriesScan.Skipped s : scan.nonImages()) {
      if (s.reason().equals("RTSTRUCT") && options.rtstructGlob() == null) {
        rtFiles.add(s.path());
      } else if (!rtFiles.contains(s.path())) {
        report.skip(s.path(), "not an image (" + s.reason() + ")");
      }
    }
    List<SeriesStack> stacks = new ArrayList<>();
    for (DicomSeries series : scan.series()) {
      try {
        stacks.addAll(SeriesStack.of(series));
      } catch (SeriesException e) {
        for (SliceInfo s : series.slices()) {
          report.skip(s.path(), e.getMessage());
        }
      }
    }
    RtStructMasks masks = new RtStructMasks(dataset, options.mode(), media, report, progress);
    masks.attach(new ArrayList<>(rtFiles), stacks);

    Set<String> present = existingFilepaths();
    if (options.mode() == Mode.SLICES) {
      importSlices(stacks, masks, present);
    } else {
      importVolumes(stacks, masks, present);
    }
    masks.saveMaskTargets();
    return report;
  }

  private static List<Path> listFiles(Path root) throws IOException {
    if (!Files.exists(root)) {
      throw new NoSuchFileException(root.toString());
    }
    if (Files.isRegularFile(root) && root.getFileName().toString().equalsIgnoreCase("DICOMDIR")) {
      return DicomDir.read(root).records().stream().map(DicomDir.Record::referencedFile)
          .filter(java.util.Objects::nonNull).filter(Files::isRegularFile).distinct().toList();
    }
    if (!Files.isDirectory(root)) {
      return List.of(root);
    }
    // the walk's own attributes, not a stat per file (links to files are followed as before);
    // paths under an absolute, normalised root are absolute and normalised already
    try (Stream<Path> s = Files.find(root.toAbsolutePath().normalize(), Integer.MAX_VALUE,
        (p, attrs) -> (attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(p))
            && !p.getFileName().toString().equalsIgnoreCase("DICOMDIR"))) {
      return s.sorted().toList();
    }
  }

  private static PathMatcher matcher(String glob) {
    return glob == null ? p -> true : FileSystems.getDefault().getPathMatcher("glob:" + glob);
  }

  private Set<String> existingFilepaths() {
    // an aggregation: the store reads the one field, not every document
    Set<String> out = new HashSet<>();
    dataset.distinct("filepath").forEach(f -> out.add((String) f));
    return out;
  }

  private void importSlices(List<SeriesStack> stacks, RtStructMasks masks, Set<String> present) {
    long total = stacks.stream().mapToLong(SeriesStack::size).sum();
    progress.start("adding slices", total);
    List<SliceRef> batch = new ArrayList<>();
    for (SeriesStack stack : stacks) {
      String volumeId = volumeId(stack, stacks);
      for (int k = 0; k < stack.size(); k++) {
        SliceInfo slice = stack.slices().get(k);
        String path = slice.path().toAbsolutePath().normalize().toString();
        if (slice.frame() > 0) {
          continue; // a multi-frame file is one sample (its frames are in metadata)
        }
        if (!present.add(path)) {
          report.addExisting(1);
          continue;
        }
        batch.add(new SliceRef(stack, k, volumeId));
        if (batch.size() == BATCH) {
          addSlices(batch, masks);
        }
      }
    }
    addSlices(batch, masks);
    progress.finish();
  }

  /** Slice {@code k} of a stack, to become a sample. */
  private record SliceRef(SeriesStack stack, int k, String volumeId) {}

  /**
   * Adds a batch of slices as samples in one transaction. The samples are built (every
   * attribute converted to a field) on the common pool: each depends on its own header only.
   */
  private void addSlices(List<SliceRef> refs, RtStructMasks masks) {
    Sample[] samples = new Sample[refs.size()];
    IntStream.range(0, samples.length).parallel().forEach(i -> samples[i] = sliceSample(refs.get(i), masks));
    List<Sample> batch = new ArrayList<>(List.of(samples));
    refs.clear();
    flush(batch);
  }

  private static Sample sliceSample(SliceRef ref, RtStructMasks masks) {
    SliceInfo slice = ref.stack().slices().get(ref.k());
    Sample s = Sample.of(slice.path(), MediaType.IMAGE);
    DicomFields.of(slice.dataset()).forEach(s::set);
    s.set("slice_index", ref.k()).set("volume_id", ref.volumeId());
    s.set("metadata", metadata(slice, ref.stack()));
    masks.fieldsFor(ref.stack(), ref.k()).forEach(s::set);
    return s;
  }

  private void importVolumes(List<SeriesStack> stacks, RtStructMasks masks, Set<String> present) {
    progress.start("adding volumes", stacks.size());
    List<Sample> batch = new ArrayList<>();
    for (SeriesStack stack : stacks) {
      String path = stack.slices().get(0).path().toAbsolutePath().normalize().toString();
      if (!present.add(path)) {
        report.addExisting(1);
        progress.advance(1);
        continue;
      }
      Sample s = Sample.of(stack.slices().get(0).path(), MediaType.VOLUME);
      Map<String, Object> first = DicomFields.of(stack.slices().get(0).dataset());
      first.forEach(s::set);
      s.set("volume_id", volumeId(stack, stacks));
      Map<String, Object> meta = new LinkedHashMap<>();
      int[] size = stack.geometry().size();
      meta.put("width", size[0]);
      meta.put("height", size[1]);
      meta.put("depth", size[2]);
      meta.put("spacing", List.of(stack.geometry().spacing()[0], stack.geometry().spacing()[1],
          stack.geometry().spacing()[2]));
      meta.put("files", stack.files().stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
      meta.put("warnings", stack.warnings());
      s.set("metadata", meta);
      masks.volumeFieldsFor(stack).forEach(s::set);
      for (int k = 0; k < stack.size(); k++) {
        Map<String, Object> fields = DicomFields.of(stack.slices().get(k).dataset());
        var frame = s.frames().get(k + 1);
        fields.forEach((name, value) -> {
          if (!java.util.Objects.equals(normalized(value), normalized(first.get(name)))) {
            frame.set(name, value);
          }
        });
        frame.set("filepath", stack.slices().get(k).path().toAbsolutePath().normalize().toString());
        masks.fieldsFor(stack, k).forEach(frame::set);
      }
      batch.add(s);
      if (batch.size() == 20) {
        flush(batch);
      }
    }
    flush(batch);
    progress.finish();
  }

  private static Object normalized(Object v) {
    return v == null ? null : v.toString();
  }

  private void flush(List<Sample> batch) {
    if (batch.isEmpty()) {
      return;
    }
    dataset.addSamples(batch);
    report.addImported(batch.size());
    progress.advance(batch.size());
    batch.clear();
  }

  private static String volumeId(SeriesStack stack, List<SeriesStack> all) {
    long sameSeries = all.stream().filter(s -> s.seriesUid().equals(stack.seriesUid())).count();
    return sameSeries > 1 ? stack.seriesUid() + " [" + stack.splitReason() + "]" : stack.seriesUid();
  }

  private static Map<String, Object> metadata(SliceInfo slice, SeriesStack stack) {
    Attributes ds = slice.dataset();
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("width", slice.columns());
    meta.put("height", slice.rows());
    meta.put("num_channels", ds.getInt(Tags.SamplesPerPixel, 1));
    int frames = ds.getInt(Tags.NumberOfFrames, 1);
    if (frames > 1) {
      meta.put("frames", frames);
    }
    double[] spacing = stack.geometry().spacing();
    meta.put("spacing", List.of(spacing[1], spacing[0]));
    meta.put("slice_spacing", spacing[2]);
    meta.put("num_slices", stack.size());
    return meta;
  }
}
