// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.scanbase.core.Progress;
import org.scanbase.dataset.Sample;
import org.scanbase.dataset.View;
import org.scanbase.label.Segmentation;

/**
 * {@code compute checks}: consistency checks of every Segmentation field of a view. Each
 * failed check tags the sample (the tag is the check's name) and adds a line to the report;
 * check tags of an earlier run are removed first, so the tags say what holds now.
 *
 * <ul>
 *   <li>{@code grid_mismatch}: the mask's size differs from the image's, or its voxel-to-LPS
 *       affine differs by more than 1e-3 mm;
 *   <li>{@code unknown_label}: the mask holds a value that is not in the field's mask targets
 *       (only when the field has targets);
 *   <li>{@code empty_mask}: a mask file with no non-zero voxel, or a volume sample's mask with
 *       none (an empty slice mask without a file is the normal "not on this slice");
 *   <li>{@code mask_outside_body}: more than 1 % of the mask's voxels lie outside the
 *       {@link BodyMask} (CT: Modality CT, or no Modality and air below -900 HU in the image).
 * </ul>
 */
public final class ChecksJob {
  /** The tags the checks write. */
  public static final List<String> TAGS = List.of("grid_mismatch", "unknown_label", "empty_mask", "mask_outside_body");
  /** Fraction of mask voxels outside the body above which a mask is reported. */
  public static final double OUTSIDE_BODY_FRACTION = 0.01;
  private static final double AFFINE_TOLERANCE_MM = 1e-3;

  private ChecksJob() {}

  /** One failed check. */
  public record Problem(String sampleId, String filepath, String field, String check, String message) {
    Map<String, Object> toDoc() {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("id", sampleId);
      doc.put("filepath", filepath);
      doc.put("field", field);
      doc.put("check", check);
      doc.put("message", message);
      return doc;
    }
  }

  /** What a checks run found. */
  public record Report(long samples, List<Problem> problems, List<Skipped> skipped) {
    /** Samples tagged per check. */
    public Map<String, Long> tagged() {
      Map<String, java.util.Set<String>> ids = new TreeMap<>();
      for (Problem p : problems) {
        ids.computeIfAbsent(p.check(), c -> new java.util.HashSet<>()).add(p.sampleId());
      }
      Map<String, Long> out = new LinkedHashMap<>();
      ids.forEach((c, s) -> out.put(c, (long) s.size()));
      return out;
    }

    /** {@code {"samples", "tagged": {check: n}, "problems": [...], "skipped": [...]}}. */
    public Map<String, Object> toDoc() {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("samples", samples);
      doc.put("tagged", tagged());
      doc.put("problems", problems.stream().map(Problem::toDoc).toList());
      doc.put("skipped", skipped.stream().map(Skipped::toDoc).toList());
      return doc;
    }
  }

  /** Checks {@code fields} (all Segmentation fields when empty) of every sample of {@code view}. */
  public static Report run(View view, List<String> fields, Progress progress) {
    List<String> names = fields.isEmpty() ? Analytics.segmentationFields(view.dataset()) : fields;
    List<Problem> problems = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    long samples = 0;
    progress.start("checking masks", view.count());
    for (Sample s : view) {
      SampleGrids grids = new SampleGrids(s);
      List<Problem> found = new ArrayList<>();
      boolean[][] body = {null};
      for (String field : names) {
        try {
          checkField(view, grids, field, found, body);
        } catch (IOException | RuntimeException e) {
          skipped.add(new Skipped(s.id(), s.filepath(), field, Skipped.message(e)));
        }
      }
      s.untag(TAGS.toArray(String[]::new));
      found.forEach(p -> s.tag(p.check()));
      s.save();
      problems.addAll(found);
      samples++;
      progress.advance(1);
    }
    progress.finish();
    return new Report(samples, problems, skipped);
  }

  private static void checkField(View view, SampleGrids grids, String field, List<Problem> found, boolean[][] body)
      throws IOException {
    Sample s = grids.sample();
    Segmentation seg = s.label(field, Segmentation.class).orElse(null);
    if (seg == null || seg.maskPath() == null && grids.isSlice()) {
      return;
    }
    LabelVolume mask = grids.mask(field);
    int[] values = mask.values();
    if (values.length == 0) {
      found.add(problem(s, field, "empty_mask", seg.maskPath() == null ? "no mask voxels" : seg.maskPath() + " has no non-zero voxel"));
    }
    int[] targets = Analytics.targetValues(view.dataset(), field);
    if (targets.length > 0) {
      int[] unknown = Arrays.stream(values).filter(v -> Arrays.stream(targets).noneMatch(t -> t == v)).toArray();
      if (unknown.length > 0) {
        found.add(problem(s, field, "unknown_label", "values " + Arrays.toString(unknown) + " are not in the mask targets "
            + Arrays.toString(targets)));
      }
    }
    SampleGrids.Image image;
    try {
      image = grids.image();
    } catch (IOException e) {
      found.add(problem(s, field, "grid_mismatch", "image unreadable, grid not checked: " + Skipped.message(e)));
      return;
    }
    String mismatch = gridMismatch(image, mask);
    if (mismatch != null) {
      found.add(problem(s, field, "grid_mismatch", mismatch));
      return;
    }
    if (values.length == 0 || image.values() == null) {
      return;
    }
    if (body[0] == null) {
      body[0] = BodyMask.of(image.values(), image.geometry().size(), isCt(s, image.values()));
    }
    long total = 0;
    long outside = 0;
    short[] l = mask.labels();
    for (int i = 0; i < l.length; i++) {
      if (l[i] != 0) {
        total++;
        if (!body[0][i]) {
          outside++;
        }
      }
    }
    if (outside > OUTSIDE_BODY_FRACTION * total) {
      found.add(problem(s, field, "mask_outside_body", String.format(java.util.Locale.ROOT,
          "%d of %d mask voxels (%.1f %%) lie outside the body", outside, total, 100.0 * outside / total)));
    }
  }

  private static String gridMismatch(SampleGrids.Image image, LabelVolume mask) {
    int[] a = image.geometry().size();
    int[] b = mask.geometry().size();
    if (!Arrays.equals(a, b)) {
      return "mask size " + Arrays.toString(b) + " differs from the image's " + Arrays.toString(a);
    }
    double[][] x = image.geometry().lpsAffine();
    double[][] y = mask.geometry().lpsAffine();
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 4; c++) {
        if (Math.abs(x[r][c] - y[r][c]) > AFFINE_TOLERANCE_MM) {
          return "mask affine differs from the image's at row " + r + ", column " + c + ": " + y[r][c] + " vs " + x[r][c];
        }
      }
    }
    return null;
  }

  private static boolean isCt(Sample s, ImageValues image) {
    Object modality = s.get("Modality");
    if (modality != null) {
      return "CT".equals(modality);
    }
    for (int i = 0, n = image.stored().size(); i < n; i += 97) {
      if (image.real(i) <= -900) {
        return true;
      }
    }
    return false;
  }

  private static Problem problem(Sample s, String field, String check, String message) {
    return new Problem(s.id(), s.filepath(), field, check, message);
  }
}
