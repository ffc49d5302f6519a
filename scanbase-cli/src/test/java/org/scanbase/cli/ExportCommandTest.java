// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scanbase export}: the report JSON, --match, skipped samples, and the exit code contract. */
class ExportCommandTest {
    @TempDir
    Path dir;

    String db;

    private CliRun run(String... args) {
        return CliRun.on(db, args);
    }

    @BeforeEach
    void importDemo() {
        db = "sqlite:" + dir.resolve("scanbase.db");
        assertThat(run("demo-data", dir.resolve("covid").toString(), "--kind", "covid-ct", "--patients", "2",
                "--size", "32", "--slices", "8").exit()).isZero();
        CliRun r = run("import", "nifti", dir.resolve("covid").toString(), "--name", "covid", "--layout", "covid19-ct");
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void exportsTheMatchingSamplesAndPrintsTheReportAsJson() throws Exception {
        Path out = dir.resolve("out");
        CliRun r = run("export", "covid", "--format", "nifti", "--out", out.toString(), "--match",
                "contains(filepath, \"coronacases\")", "--label-field", "Infection Mask", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertThat(report.get("format").asText()).isEqualTo("nifti");
        assertThat(report.get("exported").asInt()).isEqualTo(1);
        assertThat(report.get("files").asInt()).isEqualTo(4);
        assertThat(report.get("skipped")).isEmpty();
        assertThat(Files.readAllLines(out.resolve("manifest.csv"))).hasSize(2)
                .last().asString().contains("coronacases").contains(",Infection Mask,");
        assertThat(r.err()).contains("exported 1 case as nifti");
    }

    @Test
    void aSampleWhoseFileIsGoneIsListedAsSkippedAndTheExportStillSucceeds() throws Exception {
        try (var s = Files.list(dir.resolve("covid/ct_scans"))) {
            Files.delete(s.filter(p -> p.getFileName().toString().startsWith("radiopaedia")).findFirst().orElseThrow());
        }
        CliRun r = run("export", "covid", "--format", "nnunet", "--out", dir.resolve("nn").toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertThat(report.get("exported").asInt()).isEqualTo(1);
        assertThat(report.get("skipped")).hasSize(1);
        assertThat(report.get("skipped").get(0).get("path").asText()).contains("radiopaedia");
        assertThat(r.err()).contains("skipped 1").contains("radiopaedia");
    }

    @Test
    void userErrorsAreOneLineWithExitCode1AndBadUsageExitCode2() throws Exception {
        CliRun gif = run("export", "covid", "--format", "gif", "--out", dir.resolve("v").toString());
        assertThat(gif.exit()).as(gif.err()).isEqualTo(2);
        assertThat(gif.err()).contains("gif");
        CliRun missing = run("export", "nope", "--format", "nifti", "--out", dir.resolve("x").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err().strip()).doesNotContain("\n").contains("nope");
        Files.createDirectories(dir.resolve("full")).resolve("f").toFile().createNewFile();
        CliRun full = run("export", "covid", "--format", "nifti", "--out", dir.resolve("full").toString());
        assertThat(full.exit()).isEqualTo(1);
        assertThat(full.err().strip()).doesNotContain("\n").contains("must be empty");
        CliRun field = run("export", "covid", "--format", "nnunet", "--out", dir.resolve("y").toString(),
                "--label-field", "Nope");
        assertThat(field.exit()).isEqualTo(1);
        assertThat(field.err().strip()).doesNotContain("\n").contains("Nope");
        assertThat(run("export", "covid", "--format", "jpeg", "--out", dir.resolve("z").toString()).exit()).isEqualTo(2);
        assertThat(run("export", "covid", "--format", "png", "--bits", "12", "--out", dir.resolve("z").toString())
                .exit()).isEqualTo(2);
    }
}
