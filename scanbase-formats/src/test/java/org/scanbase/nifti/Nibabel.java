// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nifti;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code src/test/python/nibabel_reference.py} with Debian's /usr/bin/python3 and nibabel. */
final class Nibabel {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path SCRIPT = Path.of("src/test/python/nibabel_reference.py");
    static final Path DATA = Path.of("/usr/lib/python3/dist-packages/nibabel/tests/data");

    private Nibabel() {
    }

    /** nibabel's description of each file, by path string. */
    static Map<String, JsonNode> describe(List<Path> files) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("ref"));
        files.forEach(f -> args.add(f.toString()));
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode n : run(args)) {
            out.put(n.get("file").asText(), n);
        }
        return out;
    }

    /** Writes nibabel's test images into {@code dir}; their file names. */
    static List<String> make(Path dir) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        run(List.of("make", dir.toString())).forEach(n -> names.add(n.asText()));
        return names;
    }

    private static JsonNode run(List<String> args) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            fail("/usr/bin/python3 is missing: apt-get install python3-nibabel");
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString()));
        cmd.addAll(args);
        Path err = Files.createTempFile("nibabel", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            byte[] stdout = p.getInputStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("nibabel_reference.py timed out");
            }
            String stderr = Files.readString(err);
            if (p.exitValue() == 3) {
                fail("nibabel is not installed for /usr/bin/python3: apt-get install python3-nibabel\n" + stderr);
            }
            if (p.exitValue() != 0) {
                fail("nibabel_reference.py " + args.get(0) + " failed (" + p.exitValue() + "):\n" + stderr);
            }
            return new ObjectMapper().readTree(new String(stdout, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** A JSON number, or the strings "NaN", "inf", "-inf" the script writes for non-finite values. */
    static double number(JsonNode n) {
        if (n.isTextual()) {
            return switch (n.asText()) {
                case "inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.NaN;
            };
        }
        return n.asDouble();
    }
}
