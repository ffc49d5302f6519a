// SPDX-License-Identifier: Apache-2.0
package org.scanbase.importer;

import org.scanbase.core.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.scanbase.array.NdArray;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.dataset.MediaType;
import org.scanbase.dataset.Sample;
import org.scanbase.label.Segmentation;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;
import org.scanbase.volume.VolumeFiles;

/**
 * {@code scanbase import nifti ROOT --name NAME --layout covid19-ct | --manifest CSV}: one volume
 * sample per scan (NIfTI, NRRD or MetaImage), its masks as Segmentation fields, and frame
 * <i>k</i> (1-based slice along the third axis) holding slice <i>k - 1</i> of each mask with its
 * pixel count.
 *
 * <p>Layout {@code covid19-ct} (Kaggle {@code andrewmvd/covid19-ct-scans}): images in
 * {@code ct_scans/}, masks in {@code lung_mask/}, {@code infection_mask/} and
 * {@code lung_and_infection_mask/} as fields {@code Lung Mask}, {@code Infection Mask} and
 * {@code All Masks}. Images and masks pair by the dataset's naming rule
 * ({@code coronacases_org_001} - {@code coronacases_001},
 * {@code radiopaedia_org_covid-19-pneumonia-7_85703_0-dcm} - {@code radiopaedia_7_85703_0});
 * when names do not pair, by sorted order, with a warning. Manifest: a CSV with columns
 * {@code image,field,mask}, paths relative to the CSV's folder.
 *
 * <p>Each mask must have its image's shape and affine (within 1e-3 mm), else that pair is
 * skipped with the reason. Masks are stored as {@code .nii.gz} label volumes in the dataset's
 * media; sources are never modified. Scans already in the dataset are not added again.
 */
public final class NiftiImporter {
  /** The mask folders of the covid19-ct layout and their field names. */
  public static final Map<String, String> COVID_FIELDS = orderedMap(
      "lung_mask", "Lung Mask", "infection_mask", "Infection Mask", "lung_and_infection_mask", "All Masks");

  /** Mask targets of the covid19-ct fields (Kaggle's label values). */
  public static final Map<String, Map<Integer, String>> COVID_TARGETS = Map.of(
      "Lung Mask", Map.of(1, "left lung", 2, "right lung"),
      "Infection Mask", Map.of(1, "infection"),
      "All Masks", Map.of(1, "left lung", 2, "right lung", 3, "infection"));

  private static final double AFFINE_TOLERANCE_MM = 1e-3;

  /** One scan and its masks by field name. */
  record Scan(Path image, Map<String, Path> masks) {}

  private NiftiImporter() {}

  /** Imports the covid19-ct layout under {@code root}. */
  public static ImportReport importCovidLayout(Path root, Dataset ds, Progress progress, MediaFiles media)
      throws IOException {
    ImportReport report = new ImportReport(ds.name());
    List<Scan> scans = pairCovid(root, report);
    run(scans, ds, progress, media, report);
    COVID_TARGETS.forEach(ds::setMaskTargets);
    return report;
  }

  /** Imports the scans a CSV manifest lists ({@code image,field,mask}). */
  public static ImportReport importManifest(Path csv, Dataset ds, Progress progress, MediaFiles media)
      throws IOException {
    ImportReport report = new ImportReport(ds.name());
    Map<Path, Map<String, Path>> byImage = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).replace(" ", "").toLowerCase(Locale.ROOT).startsWith("image,field,mask")) {
      throw new IOException(csv + ": line 1 must be the header image,field,mask");
    }
    Path base = csv.toAbsolutePath().getParent();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] cols = line.split(",", -1);
      if (cols.length != 3) {
        throw new IOException(csv + ": line " + (i + 1) + ": needs 3 columns (image,field,mask), has " + cols.length);
      }
      Path image = base.resolve(cols[0].strip()).normalize();
      Map<String, Path> masks = byImage.computeIfAbsent(image, k -> new LinkedHashMap<>());
      if (!cols[1].isBlank()) {
        masks.put(cols[1].strip(), base.resolve(cols[2].strip()).normalize());
      }
    }
    List<Scan> scans = new ArrayList<>();
    byImage.forEach((image, masks) -> scans.add(new Scan(image, masks)));
    run(scans, ds, progress, media, report);
    return report;
  }

  /** Pairs images with masks in the covid19-ct layout. */
  static List<Scan> pairCovid(Path root, ImportReport report) throws IOException {
    Path images = root.resolve("ct_scans");
    if (!Files.isDirectory(images)) {
      throw new NoSuchFileException(images.toString(), null, "no ct_scans/ folder: not the covid19-ct layout");
    }
    List<Path> imageFiles = volumeFiles(images);
    Map<Path, Map<String, Path>> masks = new LinkedHashMap<>();
    imageFiles.forEach(i -> masks.put(i, new LinkedHashMap<>()));
    for (Map.Entry<String, String> folder : COVID_FIELDS.entrySet()) {
      Path dir = root.resolve(folder.getKey());
      if (!Files.isDirectory(dir)) {
        report.warn(dir + ": missing; no " + folder.getValue() + " field");
        continue;
      }
      List<Path> maskFiles = volumeFiles(dir);
      Map<String, Path> byKey = new LinkedHashMap<>();
      maskFiles.forEach(m -> byKey.put(stem(m), m));
      boolean allNamed = imageFiles.stream().allMatch(i -> byKey.containsKey(maskKey(stem(i))));
      if (allNamed) {
        imageFiles.forEach(i -> masks.get(i).put(folder.getValue(), byKey.get(maskKey(stem(i)))));
      } else if (maskFiles.size() == imageFiles.size()) {
        report.warn(dir + ": mask names do not follow the images' names; paired in sorted order");
        for (int i = 0; i < imageFiles.size(); i++) {
          masks.get(imageFiles.get(i)).put(folder.getValue(), maskFiles.get(i));
        }
      } else {
        for (Path i : imageFiles) {
          Path m = byKey.get(maskKey(stem(i)));
          if (m != null) {
            masks.get(i).put(folder.getValue(), m);
          } else {
            report.warn(i + ": no " + folder.getValue() + " (expected " + dir.resolve(maskKey(stem(i)) + ".nii") + ")");
          }
        }
      }
    }
    List<Scan> scans = new ArrayList<>();
    masks.forEach((image, m) -> scans.add(new Scan(image, m)));
    return scans;
  }

  /**
   * The mask name of an image in the Kaggle covid19-ct naming: {@code coronacases_org_001} ->
   * {@code coronacases_001}; {@code radiopaedia_org_covid-19-pneumonia-7_85703_0-dcm} ->
   * {@code radiopaedia_7_85703_0}.
   */
  static String maskKey(String imageStem) {
    String key = imageStem;
    if (key.endsWith("-dcm")) {
      key = key.substring(0, key.length() - 4);
    }
    return key.replace("_org_covid-19-pneumonia-", "_").replace("_org_", "_");
  }

  static String stem(Path p) {
    String name = p.getFileName().toString();
    for (String ext : new String[] {".nii.gz", ".nii", ".nrrd", ".nhdr", ".mha", ".mhd"}) {
      if (name.toLowerCase(Locale.ROOT).endsWith(ext)) {
        return name.substring(0, name.length() - ext.length());
      }
    }
    return name;
  }

  private static List<Path> volumeFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).filter(p -> !stem(p).equals(p.getFileName().toString()))
          .map(p -> p.toAbsolutePath().normalize()).sorted().toList();
    }
  }

  private static void run(List<Scan> scans, Dataset ds, Progress progress, MediaFiles media,
      ImportReport report) {
    Set<String> present = new HashSet<>();
    ds.distinct("filepath").forEach(f -> present.add((String) f));
    progress.start("importing volumes", scans.size());
    for (Scan scan : scans) {
      if (present.contains(scan.image().toString())) {
        report.addExisting(1);
      } else {
        try {
          ds.addSample(sample(scan, media, report));
          report.addImported(1);
        } catch (IOException | RuntimeException e) {
          report.skip(scan.image(), message(e));
        }
      }
      progress.advance(1);
    }
    progress.finish();
  }

  private static Sample sample(Scan scan, MediaFiles media, ImportReport report) throws IOException {
    Volume image = VolumeFiles.read(scan.image());
    Geometry g = image.geometry();
    Sample s = Sample.of(scan.image(), MediaType.VOLUME);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("width", image.nx());
    meta.put("height", image.ny());
    meta.put("depth", image.nz());
    meta.put("spacing", List.of(g.spacing()[0], g.spacing()[1], g.spacing()[2]));
    meta.put("affine", rows(g.rasAffine()));
    meta.put("dtype", image.voxels().dtype().numpyName());
    s.set("metadata", meta);
    for (int k = 1; k <= image.nz(); k++) {
      s.frames().get(k);
    }
    for (Map.Entry<String, Path> m : scan.masks().entrySet()) {
      Path maskFile = m.getValue();
      Volume mask;
      try {
        mask = VolumeFiles.read(maskFile);
      } catch (IOException | RuntimeException e) {
        throw new IOException("mask " + maskFile + ": " + message(e), e);
      }
      checkSameGrid(scan.image(), g, maskFile, mask.geometry());
      Path stored = media.path("labels", stem(scan.image()), m.getKey() + ".nii.gz");
      MediaFiles.writeVolume(stored, Volume.of(mask.voxels(), mask.geometry()));
      NdArray v = mask.voxels();
      int plane = mask.nx() * mask.ny();
      long total = 0;
      for (int k = 0; k < mask.nz(); k++) {
        long on = 0;
        for (int i = k * plane, end = i + plane; i < end; i++) {
          if (v.getDouble(i) != 0) {
            on++;
          }
        }
        total += on;
        Map<String, Object> attrs = Map.of("slice", k);
        s.frames().get(k + 1).set(m.getKey(),
            new Segmentation(on == 0 ? null : stored.toString(), on, List.of(), attrs));
      }
      s.set(m.getKey(), new Segmentation(stored.toString(), total, List.of(),
          Map.of("source", maskFile.toString())));
    }
    return s;
  }

  private static void checkSameGrid(Path image, Geometry g, Path maskFile, Geometry m) throws IOException {
    if (!java.util.Arrays.equals(g.size(), m.size())) {
      throw new IOException("mask " + maskFile + " has shape " + java.util.Arrays.toString(m.size())
          + ", its image " + image.getFileName() + " " + java.util.Arrays.toString(g.size()));
    }
    double[][] a = g.rasAffine();
    double[][] b = m.rasAffine();
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 4; c++) {
        if (Math.abs(a[r][c] - b[r][c]) > AFFINE_TOLERANCE_MM) {
          throw new IOException("mask " + maskFile + " has another affine than its image " + image.getFileName()
              + " (row " + r + ", column " + c + ": " + b[r][c] + " vs " + a[r][c] + ")");
        }
      }
    }
  }

  private static List<List<Double>> rows(double[][] m) {
    List<List<Double>> out = new ArrayList<>();
    for (double[] row : m) {
      List<Double> r = new ArrayList<>();
      for (double x : row) {
        r.add(x);
      }
      out.add(r);
    }
    return out;
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static Map<String, String> orderedMap(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
