// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scanbase.core.Progress;
import org.scanbase.dataset.Frame;
import org.scanbase.dataset.MediaType;
import org.scanbase.dataset.Sample;
import org.scanbase.dataset.View;

/**
 * {@code evaluate}: compares a prediction field with a ground-truth field on every sample of a
 * view and stores {@code KEY: {"dice", "iou", "per_label": {"<value>": {"dice", "iou",
 * "precision", "recall", "hd_mm", "hd95_mm", "assd_mm"}}}} on the sample (figures in mm; the
 * sample-level values are means over the labels evaluated: the ground-truth field's mask targets
 * and the values present in the ground truth, those present in neither mask left out), and on
 * each frame of a volume sample {@code KEY: {"dice", "per_label": {"<value>": {"dice"}}}} for its
 * slice. A sample missing either field, or whose masks cannot be read, is skipped and reported.
 */
public final class EvaluationJob {
  private EvaluationJob() {}

  private static boolean bothEmptySlices(Sample s, String gtField, String predField) {
    if (s.mediaType() != MediaType.IMAGE) {
      return false;
    }
    var gt = s.label(gtField, org.scanbase.label.Segmentation.class);
    var pred = s.label(predField, org.scanbase.label.Segmentation.class);
    return gt.isPresent() && pred.isPresent() && gt.get().maskPath() == null && pred.get().maskPath() == null;
  }

  /** One evaluated sample, for the summary. */
  public record Row(String sampleId, String filepath, Evaluation evaluation) {}

  /** What an evaluation run did: the rows, what was skipped, and the summary. */
  public record Report(String key, String gtField, String predField, List<Row> rows, List<Skipped> skipped) {
    public EvaluationSummary summary() {
      return EvaluationSummary.of(rows);
    }

    /** {@code {"key", "gt", "pred", "samples", "summary": {...}, "skipped": [...]}}. */
    public Map<String, Object> toDoc() {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("key", key);
      doc.put("gt", gtField);
      doc.put("pred", predField);
      doc.put("samples", rows.size());
      doc.put("summary", summary().toDoc());
      doc.put("skipped", skipped.stream().map(Skipped::toDoc).toList());
      return doc;
    }
  }

  /**
   * Evaluates {@code predField} against {@code gtField} and stores the results under {@code key}.
   *
   * @throws IllegalArgumentException when the key is blank or names one of the two fields
   */
  public static Report run(View view, String gtField, String predField, String key, Progress progress) {
    if (key == null || key.isBlank() || key.contains(".") || key.equals(gtField) || key.equals(predField)) {
      throw new IllegalArgumentException("evaluation key '" + key + "' must be a new top-level field name");
    }
    int[] targets = Analytics.targetValues(view.dataset(), gtField);
    List<Row> rows = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    progress.start("evaluating", view.count());
    for (Sample s : view) {
      try {
        SampleGrids grids = new SampleGrids(s);
        LabelVolume gt;
        LabelVolume pred;
        if (bothEmptySlices(s, gtField, predField)) {
          // two empty slice masks: no label to evaluate, no file to read
          gt = new LabelVolume(new short[1], org.scanbase.volume.Geometry.axisAligned(new int[] {1, 1, 1},
              new double[] {1, 1, 1}, new double[3]), true);
          pred = gt;
        } else {
          gt = grids.mask(gtField);
          pred = grids.mask(predField);
        }
        if (gt == null || pred == null) {
          skipped.add(new Skipped(s.id(), s.filepath(), gt == null ? gtField : predField, "no such field on the sample"));
        } else {
          Evaluation e = Evaluator.evaluate(gt, pred, targets);
          s.set(key, e.toDoc());
          if (s.mediaType() == MediaType.VOLUME && !e.sliceDice().isEmpty()) {
            for (Frame f : s.frames()) {
              if (f.number() <= e.sliceDice().size()) {
                f.set(key, e.sliceDoc(f.number() - 1));
              }
            }
          }
          s.save();
          rows.add(new Row(s.id(), s.filepath(), e));
        }
      } catch (IOException | RuntimeException e) {
        skipped.add(new Skipped(s.id(), s.filepath(), null, Skipped.message(e)));
      }
      progress.advance(1);
    }
    progress.finish();
    return new Report(key, gtField, predField, rows, skipped);
  }
}
