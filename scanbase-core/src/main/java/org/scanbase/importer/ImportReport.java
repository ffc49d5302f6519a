// SPDX-License-Identifier: Apache-2.0
package org.scanbase.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import did: samples added, samples already present (re-import adds nothing twice),
 * every file skipped with its reason, and warnings. {@link #toJson()} is the {@code --json}
 * shape of DESIGN.md: {@code {"imported", "skipped": [{"path", "reason"}], "dataset"}} plus
 * {@code "existing"} and {@code "warnings"}.
 */
public final class ImportReport {
  /** A file that was not imported, and why. */
  public record Skipped(Path path, String reason) {}

  private final String dataset;
  private long imported;
  private long existing;
  private final List<Skipped> skipped = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  public ImportReport(String dataset) {
    this.dataset = dataset;
  }

  public String dataset() {
    return dataset;
  }

  public synchronized long imported() {
    return imported;
  }

  public synchronized long existing() {
    return existing;
  }

  public synchronized List<Skipped> skipped() {
    return List.copyOf(skipped);
  }

  public synchronized List<String> warnings() {
    return List.copyOf(warnings);
  }

  synchronized void addImported(long n) {
    imported += n;
  }

  synchronized void addExisting(long n) {
    existing += n;
  }

  synchronized void skip(Path path, String reason) {
    skipped.add(new Skipped(path, reason));
  }

  synchronized void warn(String warning) {
    warnings.add(warning);
  }

  /** The JSON document of {@code import --json}. */
  public synchronized Map<String, Object> toJson() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("imported", imported);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Skipped s : skipped) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("path", s.path().toString());
      row.put("reason", s.reason());
      rows.add(row);
    }
    doc.put("skipped", rows);
    doc.put("dataset", dataset);
    doc.put("existing", existing);
    doc.put("warnings", List.copyOf(warnings));
    return doc;
  }

  /** The human summary: one line, then one line per skipped file. */
  public synchronized String summary() {
    StringBuilder b = new StringBuilder().append(dataset).append(": imported ").append(imported)
        .append(" samples");
    if (existing > 0) {
      b.append(", ").append(existing).append(" already present");
    }
    b.append(", skipped ").append(skipped.size()).append(" files");
    for (Skipped s : skipped) {
      b.append(System.lineSeparator()).append("  skipped ").append(s.path()).append(": ").append(s.reason());
    }
    for (String w : warnings) {
      b.append(System.lineSeparator()).append("  warning: ").append(w);
    }
    return b.toString();
  }
}
