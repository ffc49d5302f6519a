// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an export wrote and what it skipped, with the reasons. */
public final class ExportReport {
  /** A sample or case that was not exported. */
  public record Skipped(String path, String reason) {}

  private final String format;
  private final Path out;
  private int exported;
  private long files;
  private final List<Skipped> skipped = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  ExportReport(ExportFormat format, Path out) {
    this.format = format.code();
    this.out = out;
  }

  void addCase(long filesWritten) {
    exported++;
    files += filesWritten;
  }

  void addFiles(long n) {
    files += n;
  }

  void skip(String path, String reason) {
    skipped.add(new Skipped(path, reason));
  }

  void warn(String message) {
    warnings.add(message);
  }

  /** Cases exported. */
  public int exported() {
    return exported;
  }

  /** Files written (images, masks, manifests, DICOM objects). */
  public long files() {
    return files;
  }

  public List<Skipped> skipped() {
    return List.copyOf(skipped);
  }

  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** {@code {"format", "out", "exported", "files", "skipped": [{"path", "reason"}], "warnings"}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", format);
    m.put("out", out.toAbsolutePath().toString());
    m.put("exported", exported);
    m.put("files", files);
    List<Map<String, Object>> s = new ArrayList<>();
    for (Skipped k : skipped) {
      s.add(Map.of("path", k.path(), "reason", k.reason()));
    }
    m.put("skipped", s);
    m.put("warnings", warnings);
    return m;
  }

  /** A few human lines: counts, then each skipped item with its reason. */
  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append("exported ").append(exported).append(exported == 1 ? " case" : " cases").append(" as ").append(format)
        .append(" (").append(files).append(" files) to ").append(out);
    if (!skipped.isEmpty()) {
      b.append("\nskipped ").append(skipped.size()).append(':');
      skipped.forEach(k -> b.append("\n  ").append(k.path()).append(": ").append(k.reason()));
    }
    warnings.forEach(w -> b.append("\nwarning: ").append(w));
    return b.toString();
  }
}
