// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scanbase.dataset.MediaFiles;

/** A CSV file built row by row (RFC 4180 quoting) and written atomically. */
final class Csv {
  private final List<String> lines = new ArrayList<>();

  Csv(String... header) {
    row((Object[]) header);
  }

  void row(Object... values) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      String v = values[i] == null ? "" : values[i].toString();
      if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
        v = '"' + v.replace("\"", "\"\"") + '"';
      }
      b.append(i == 0 ? "" : ",").append(v);
    }
    lines.add(b.toString());
  }

  void write(Path file) throws IOException {
    MediaFiles.atomically(file, tmp -> Files.write(tmp, lines, StandardCharsets.UTF_8));
  }
}
