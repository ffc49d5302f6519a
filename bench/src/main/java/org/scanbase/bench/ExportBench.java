// SPDX-License-Identifier: Apache-2.0
package org.scanbase.bench;

import java.nio.file.Path;
import java.util.List;
import org.scanbase.core.Progress;
import org.scanbase.dataset.Catalog;
import org.scanbase.dataset.Dataset;
import org.scanbase.exporter.ExportFormat;
import org.scanbase.exporter.ExportOptions;
import org.scanbase.exporter.Exporter;
import org.scanbase.store.sqlite.SqliteStore;

/**
 * The export benchmark inside one JVM (issue [10]): the same export as {@code scanbase export
 * NAME --format nnunet --label-field "Lung Mask,Infection Mask"} into a fresh folder each pass,
 * the best of three passes after two warm-up passes ({@code bench/export.sh} also times the
 * command end to end). Prints one JSON line.
 *
 * <p>usage: {@code ExportBench DB_FILE DATASET WORK_DIR}
 */
public final class ExportBench {
  private ExportBench() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    Path work = Path.of(args[2]);
    try (Catalog c = new Catalog(new SqliteStore(db))) {
      Dataset ds = c.load(args[1]);
      ExportOptions options = ExportOptions.of(ExportFormat.NNUNET, work)
          .withLabelFields(List.of("Lung Mask", "Infection Mask"));
      WarmPasses.Best best = WarmPasses.run(work, () -> Exporter.export(ds, options, Progress.NONE).exported());
      System.out.printf(java.util.Locale.ROOT, "{\"cases\": %d, \"seconds\": %.4f}%n", best.items(), best.seconds());
    }
  }
}
