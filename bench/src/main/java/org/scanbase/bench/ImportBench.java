// SPDX-License-Identifier: Apache-2.0
package org.scanbase.bench;

import java.nio.file.Path;
import org.scanbase.core.Progress;
import org.scanbase.dataset.Catalog;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.importer.DicomImporter;
import org.scanbase.importer.ImportReport;
import org.scanbase.store.sqlite.SqliteStore;

/**
 * The import benchmark inside one JVM (issue [5]): the same import as {@code scanbase import
 * dicom ROOT --glob 'MR*.dcm' --rtstruct 'RS*.dcm'} into a fresh store each pass, timed as the
 * best of three passes after two warm-up passes, so that it shows the import itself without the
 * JVM's start and JIT warm-up ({@code bench/import.sh} also times the command end to end).
 * Prints one JSON line.
 *
 * <p>usage: {@code ImportBench ROOT WORK_DIR}
 */
public final class ImportBench {
  private ImportBench() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Path work = Path.of(args[1]);
    WarmPasses.Best best = WarmPasses.run(work, () -> {
      try (Catalog c = new Catalog(new SqliteStore(work.resolve("scanbase.db")))) {
        Dataset ds = c.create("bench");
        ImportReport r = DicomImporter.run(root, ds,
            new DicomImporter.Options("MR*.dcm", "RS*.dcm", DicomImporter.Mode.SLICES), Progress.NONE,
            MediaFiles.of(c.store(), "bench"));
        return r.imported();
      }
    });
    System.out.printf(java.util.Locale.ROOT, "{\"slices\": %d, \"seconds\": %.4f, \"slices_per_s\": %.1f}%n",
        best.items(), best.seconds(), best.items() / best.seconds());
  }
}
