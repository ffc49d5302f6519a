// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code /usr/bin/python3} (with pydicom, nibabel, numpy) as the independent
 * reference. A missing interpreter or module fails the test with what to install.
 */
final class Python {
  static final Path PYTHON = Path.of("/usr/bin/python3");

  private Python() {}

  /** Runs {@code script} with {@code args} (sys.argv[1:]) and returns its stdout. */
  static String run(String script, String... args) throws IOException, InterruptedException {
    if (!Files.isExecutable(PYTHON)) {
      fail("/usr/bin/python3 is missing: apt-get install python3-pydicom python3-nibabel python3-numpy");
    }
    List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), "-c", script));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      fail("python3 failed (apt-get install python3-pydicom python3-nibabel python3-numpy?): "
          + new String(err, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8).trim();
  }
}
