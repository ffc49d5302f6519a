// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Where pydicom's test files are, and how to run a reference script with the Debian python. */
final class PydicomFiles {
    static final Path DATA = Path.of("/usr/lib/python3/dist-packages/pydicom/data");
    static final Path TEST_FILES = DATA.resolve("test_files");
    static final Path CHARSET_FILES = DATA.resolve("charset_files");
    static final String PYTHON = "/usr/bin/python3";

    private PydicomFiles() {
    }

    static Path testFile(String name) {
        Path p = TEST_FILES.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("pydicom test file missing: " + p + " (install python3-pydicom)");
        }
        return p;
    }

    /** Runs a script under src/test/python and returns its standard output. */
    static String runPython(String script, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, Path.of("src/test/python", script).toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(script + " failed with exit code " + p.exitValue());
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
