// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The independent tools the export is held against: {@code src/test/python/export_reference.py}
 * (nibabel, pydicom, PIL under Debian's /usr/bin/python3), dicom3tools' {@code dciodvfy} and
 * {@code plastimatch}. A missing tool fails the test with the package to install.
 */
final class ExportTools {
  static final Path PYTHON = Path.of("/usr/bin/python3");

  private ExportTools() {}

  /** {@code export_reference.py command args...} parsed. */
  static JsonNode python(String command, List<?> args) throws IOException, InterruptedException {
    return script("src/test/python/export_reference.py", command, args);
  }

  /** MHA masks as {@code demo_reference.py mha} reads them: {@code [{"file", "size", "nonzero"}]}. */
  static JsonNode mha(List<Path> files) throws IOException, InterruptedException {
    return script("src/test/python/demo_reference.py", "mha", files);
  }

  private static JsonNode script(String script, String command, List<?> args) throws IOException, InterruptedException {
    assertThat(PYTHON).as("/usr/bin/python3 (apt-get install python3-nibabel python3-pydicom python3-pil)")
        .isExecutable();
    List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script, command));
    args.forEach(a -> cmd.add(a.toString()));
    String[] out = run(cmd, 300);
    if (!out[0].equals("0")) {
      fail(script + " " + command + " failed (" + out[0] + "):\n" + out[2]);
    }
    return new ObjectMapper().readTree(out[1]);
  }

  /** dciodvfy's output lines for one file. */
  static List<String> dciodvfy(Path file) throws IOException, InterruptedException {
    Path tool = Path.of("/usr/bin/dciodvfy");
    assertThat(tool).as("dciodvfy (apt-get install dicom3tools)").isExecutable();
    String[] out = run(List.of(tool.toString(), file.toString()), 60);
    return Arrays.asList((out[1] + out[2]).split("\n"));
  }

  /** The Error lines of dciodvfy for one file. */
  static List<String> dciodvfyErrors(Path file) throws IOException, InterruptedException {
    return dciodvfy(file).stream().filter(l -> l.startsWith("Error")).toList();
  }

  /** {@code plastimatch convert}: one MHA mask per ROI of the structure set under {@code out}. */
  static void plastimatch(Path rtstruct, Path seriesDir, Path out) throws IOException, InterruptedException {
    assertThat(Path.of("/usr/bin/plastimatch")).as("plastimatch (apt-get install plastimatch)").isExecutable();
    String[] r = run(List.of("plastimatch", "convert", "--input", rtstruct.toString(), "--referenced-ct",
        seriesDir.toString(), "--output-prefix", out.toString(), "--prefix-format", "mha"), 120);
    assertThat(r[0]).as("plastimatch exit code; output:\n%s%s", r[1], r[2]).isEqualTo("0");
  }

  /** Every regular file under a folder. */
  static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** Index of {@code needle} in {@code hay}, -1 when absent. */
  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String[] run(List<String> cmd, int seconds) throws IOException, InterruptedException {
    Path err = Files.createTempFile("export-tool", ".err");
    try {
      Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
      byte[] stdout = p.getInputStream().readAllBytes();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(cmd.get(0) + " timed out");
      }
      return new String[] {Integer.toString(p.exitValue()), new String(stdout, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8)};
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
