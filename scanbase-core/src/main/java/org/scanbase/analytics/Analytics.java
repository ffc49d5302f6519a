// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scanbase.core.Progress;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.View;

/**
 * The front door of segmentation analytics over a dataset or view:
 *
 * <pre>{@code
 * StatsJob.Report stats = Analytics.computeStats(ds, List.of("Infection Mask"));   // "stats" in each Segmentation
 * ChecksJob.Report checks = Analytics.check(ds, List.of());                         // tags + a report
 * EvaluationJob.Report eval = Analytics.evaluate(ds, "All Masks", "Lung Mask", "eval"); // "eval" field + summary
 * }</pre>
 *
 * Distances are in mm and volumes in mL from the real (anisotropic) spacing; positions are LPS
 * patient coordinates in mm; intensities are real values (HU for CT).
 */
public final class Analytics {
  private Analytics() {}

  /** {@link StatsJob#run} without progress. */
  public static StatsJob.Report computeStats(View view, List<String> fields) {
    return StatsJob.run(view, fields, Progress.NONE);
  }

  /** {@link ChecksJob#run} without progress. */
  public static ChecksJob.Report check(View view, List<String> fields) {
    return ChecksJob.run(view, fields, Progress.NONE);
  }

  /** {@link EvaluationJob#run} without progress. */
  public static EvaluationJob.Report evaluate(View view, String gtField, String predField, String key) {
    return EvaluationJob.run(view, gtField, predField, key, Progress.NONE);
  }

  /** The top-level Segmentation fields of a dataset, in schema order. */
  public static List<String> segmentationFields(Dataset ds) {
    List<String> out = new ArrayList<>();
    ds.schema().forEach((path, type) -> {
      if (type.equals("Segmentation") && !path.contains(".")) {
        out.add(path);
      }
    });
    return out;
  }

  /** The label values named in a field's mask targets. */
  static int[] targetValues(Dataset ds, String field) {
    Map<String, String> targets = ds.maskTargets().getOrDefault(field, Map.of());
    return targets.keySet().stream().mapToInt(Integer::parseInt).toArray();
  }

  static Map<String, Object> stringKeys(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
