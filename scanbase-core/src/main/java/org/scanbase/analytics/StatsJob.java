// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scanbase.core.Progress;
import org.scanbase.dataset.Frame;
import org.scanbase.dataset.MediaType;
import org.scanbase.dataset.Sample;
import org.scanbase.dataset.View;
import org.scanbase.label.Segmentation;

/**
 * {@code compute stats}: writes {@link LabelStats} into every Segmentation of a view as
 * {@code "stats": {"<label value>": {...}}} (DESIGN.md, "Segmentations in JSON"), on the sample
 * and, for volume samples, on each frame that holds the field (the statistics of slice k on frame
 * k + 1). Intensity figures are left out when the image cannot be read or lies on another grid
 * (the checks report that).
 */
public final class StatsJob {
  private StatsJob() {}

  /**
   * What a stats run did.
   *
   * @param samples       samples visited
   * @param segmentations Segmentation fields given statistics
   * @param skipped       fields that could not be read
   */
  public record Report(long samples, long segmentations, List<Skipped> skipped) {
    /** {@code {"samples", "segmentations", "skipped": [...]}}. */
    public Map<String, Object> toDoc() {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("samples", samples);
      doc.put("segmentations", segmentations);
      doc.put("skipped", skipped.stream().map(Skipped::toDoc).toList());
      return doc;
    }
  }

  /**
   * Computes and stores the statistics of {@code fields} (all Segmentation fields of the
   * dataset when empty) for every sample of {@code view}.
   */
  public static Report run(View view, List<String> fields, Progress progress) {
    List<String> names = fields.isEmpty() ? Analytics.segmentationFields(view.dataset()) : fields;
    List<Skipped> skipped = new ArrayList<>();
    long samples = 0;
    long done = 0;
    progress.start("computing stats", view.count());
    for (Sample s : view) {
      SampleGrids grids = new SampleGrids(s);
      boolean changed = false;
      for (String field : names) {
        try {
          Segmentation seg = s.label(field, Segmentation.class).orElse(null);
          if (seg == null) {
            continue;
          }
          if (seg.maskPath() == null && s.mediaType() == MediaType.IMAGE) {
            // an empty slice mask: nothing to read
            s.set(field, withStats(seg, Map.of()));
            changed = true;
            done++;
            continue;
          }
          LabelVolume mask = grids.mask(field);
          ImageValues image = imageOnGrid(grids, mask);
          MaskStats.Result r = MaskStats.compute(mask, image);
          s.set(field, withStats(seg, r.labels()));
          if (s.mediaType() == MediaType.VOLUME && mask.nz() > 1) {
            for (Frame f : s.frames()) {
              if (f.get(field) instanceof Map<?, ?> doc && f.number() <= r.slices().size()) {
                Map<String, Object> copy = new LinkedHashMap<>(Analytics.stringKeys(doc));
                copy.put("stats", docs(r.slices().get(f.number() - 1)));
                f.set(field, copy);
              }
            }
          }
          changed = true;
          done++;
        } catch (IOException | RuntimeException e) {
          skipped.add(new Skipped(s.id(), s.filepath(), field, Skipped.message(e)));
        }
      }
      if (changed) {
        s.save();
      }
      samples++;
      progress.advance(1);
    }
    progress.finish();
    return new Report(samples, done, skipped);
  }

  /** The image values when the image lies on the mask's grid (same size), else null. */
  static ImageValues imageOnGrid(SampleGrids grids, LabelVolume mask) {
    try {
      SampleGrids.Image img = grids.image();
      return Arrays.equals(img.geometry().size(), mask.geometry().size()) ? img.values() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Segmentation withStats(Segmentation seg, Map<Integer, LabelStats> stats) {
    Map<String, Object> attributes = new LinkedHashMap<>(seg.attributes());
    attributes.put("stats", docs(stats));
    return new Segmentation(seg.maskPath(), seg.pixels(), seg.tags(), attributes);
  }

  private static Map<String, Object> docs(Map<Integer, LabelStats> stats) {
    Map<String, Object> out = new LinkedHashMap<>();
    stats.forEach((v, st) -> out.put(Integer.toString(v), st.toDoc()));
    return out;
  }
}
