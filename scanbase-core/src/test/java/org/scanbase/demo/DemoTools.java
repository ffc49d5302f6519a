// SPDX-License-Identifier: Apache-2.0
package org.scanbase.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The independent tools the demo tests hold the data against: {@code src/test/python/demo_reference.py}
 * under Debian's /usr/bin/python3 (pydicom, nibabel, numpy), dicom3tools' {@code dciodvfy} and
 * {@code plastimatch}; and a checksum of every file of a folder.
 */
final class DemoTools {
  static final Path PYTHON = Path.of("/usr/bin/python3");
  static final Path SCRIPT = Path.of("src/test/python/demo_reference.py");

  private DemoTools() {
  }

  /** Runs {@code demo_reference.py command files...} and parses its JSON output. */
  static JsonNode python(String command, List<Path> files) throws IOException, InterruptedException {
    assertThat(PYTHON).as("/usr/bin/python3 (apt-get install python3-pydicom python3-nibabel)").isExecutable();
    List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString(), command));
    files.forEach(f -> cmd.add(f.toString()));
    String[] out = run(cmd, 120);
    if (!out[0].equals("0")) {
      fail("demo_reference.py " + command + " failed (" + out[0] + "):\n" + out[2]);
    }
    return new ObjectMapper().readTree(out[1]);
  }

  /** dciodvfy's lines for one file. */
  static List<String> dciodvfy(Path file) throws IOException, InterruptedException {
    Path tool = Path.of("/usr/bin/dciodvfy");
    assertThat(tool).as("dciodvfy (apt-get install dicom3tools)").isExecutable();
    String[] out = run(List.of(tool.toString(), file.toString()), 60);
    return Arrays.asList((out[1] + out[2]).split("\n"));
  }

  /**
   * {@code plastimatch convert} of a structure set onto the series in {@code seriesDir}: one MHA
   * mask per ROI under {@code out}, named after the ROI.
   */
  static void plastimatch(Path rtstruct, Path seriesDir, Path out) throws IOException, InterruptedException {
    String[] r = run(List.of("plastimatch", "convert", "--input", rtstruct.toString(), "--referenced-ct",
        seriesDir.toString(), "--output-prefix", out.toString(), "--prefix-format", "mha"), 120);
    assertThat(r[0]).as("plastimatch exit code; output:\n%s%s", r[1], r[2]).isEqualTo("0");
  }

  /** Relative path (forward slashes) -> sha256 of every regular file under {@code root}. */
  static Map<String, String> checksums(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString().replace('\\', '/'), sha256(Files.readAllBytes(p)));
      }
    }
    return out;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Exit code, stdout and stderr of a process. */
  private static String[] run(List<String> cmd, int seconds) throws IOException, InterruptedException {
    Path err = Files.createTempFile("demo-tool", ".err");
    try {
      Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
      byte[] stdout = p.getInputStream().readAllBytes();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(cmd.get(0) + " timed out");
      }
      return new String[] {Integer.toString(p.exitValue()), new String(stdout, StandardCharsets.UTF_8),
          Files.readString(err)};
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
