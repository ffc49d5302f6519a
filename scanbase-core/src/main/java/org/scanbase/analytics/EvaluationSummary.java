// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The dataset summary of an evaluation: for the sample-level Dice and IoU and for each label's
 * metrics, the mean, median, min and max over the samples where the figure is defined, and the
 * worst cases (lowest sample Dice).
 *
 * @param overall {@code dice}, {@code iou} -> figures
 * @param perLabel label value -> metric name ({@code dice}, {@code hd95_mm}...) -> figures
 * @param worst   up to {@link #WORST} rows with the lowest sample Dice, lowest first
 */
public record EvaluationSummary(Map<String, Figures> overall, Map<Integer, Map<String, Figures>> perLabel,
    List<EvaluationJob.Row> worst) {
  /** Number of worst cases listed. */
  public static final int WORST = 5;

  /** Summary figures of one metric. */
  public record Figures(int n, double mean, double median, double min, double max) {
    static Figures of(List<Double> values) {
      double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      if (v.length == 0) {
        return null;
      }
      double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
      return new Figures(v.length, Arrays.stream(v).average().orElseThrow(), median, v[0], v[v.length - 1]);
    }

    Map<String, Object> toDoc() {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("n", n);
      doc.put("mean", mean);
      doc.put("median", median);
      doc.put("min", min);
      doc.put("max", max);
      return doc;
    }
  }

  private static final Map<String, Function<LabelMetrics, Double>> METRICS = new LinkedHashMap<>();

  static {
    METRICS.put("dice", LabelMetrics::dice);
    METRICS.put("iou", LabelMetrics::iou);
    METRICS.put("precision", LabelMetrics::precision);
    METRICS.put("recall", LabelMetrics::recall);
    METRICS.put("hd_mm", LabelMetrics::hdMm);
    METRICS.put("hd95_mm", LabelMetrics::hd95Mm);
    METRICS.put("assd_mm", LabelMetrics::assdMm);
  }

  /** The summary of evaluated rows. */
  public static EvaluationSummary of(List<EvaluationJob.Row> rows) {
    Map<String, Figures> overall = new LinkedHashMap<>();
    putIfDefined(overall, "dice", rows.stream().map(r -> r.evaluation().dice()).filter(x -> x != null).toList());
    putIfDefined(overall, "iou", rows.stream().map(r -> r.evaluation().iou()).filter(x -> x != null).toList());
    Map<Integer, Map<String, List<Double>>> values = new TreeMap<>();
    for (EvaluationJob.Row r : rows) {
      r.evaluation().perLabel().forEach((label, m) -> METRICS.forEach((name, get) -> {
        Double x = get.apply(m);
        if (x != null) {
          values.computeIfAbsent(label, l -> new LinkedHashMap<>()).computeIfAbsent(name, n -> new ArrayList<>()).add(x);
        }
      }));
    }
    Map<Integer, Map<String, Figures>> perLabel = new TreeMap<>();
    values.forEach((label, byMetric) -> {
      Map<String, Figures> f = new LinkedHashMap<>();
      byMetric.forEach((name, v) -> putIfDefined(f, name, v));
      perLabel.put(label, f);
    });
    List<EvaluationJob.Row> worst = rows.stream().filter(r -> r.evaluation().dice() != null)
        .sorted(Comparator.comparingDouble((EvaluationJob.Row r) -> r.evaluation().dice())).limit(WORST).toList();
    return new EvaluationSummary(overall, perLabel, worst);
  }

  private static void putIfDefined(Map<String, Figures> into, String name, List<Double> v) {
    Figures f = Figures.of(v);
    if (f != null) {
      into.put(name, f);
    }
  }

  /**
   * {@code {"dice": {n, mean, median, min, max}, "iou": {...}, "per_label": {"<value>": {metric:
   * {...}}}, "worst": [{"id", "filepath", "dice"}]}}.
   */
  public Map<String, Object> toDoc() {
    Map<String, Object> doc = new LinkedHashMap<>();
    overall.forEach((k, f) -> doc.put(k, f.toDoc()));
    Map<String, Object> labels = new LinkedHashMap<>();
    perLabel.forEach((l, m) -> {
      Map<String, Object> d = new LinkedHashMap<>();
      m.forEach((k, f) -> d.put(k, f.toDoc()));
      labels.put(Integer.toString(l), d);
    });
    doc.put("per_label", labels);
    List<Map<String, Object>> w = new ArrayList<>();
    for (EvaluationJob.Row r : worst) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", r.sampleId());
      row.put("filepath", r.filepath());
      row.put("dice", r.evaluation().dice());
      w.add(row);
    }
    doc.put("worst", w);
    return doc;
  }
}
