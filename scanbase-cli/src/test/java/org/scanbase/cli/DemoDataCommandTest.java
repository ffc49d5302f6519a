// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataCommandTest {
    @TempDir
    Path dir;

    /** Exit code and captured streams of one in-process run. */
    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void writesTheHippocampusLayoutAndPrintsAJsonSummary() throws Exception {
        Path out = dir.resolve("hippo");
        CliRun r = run("demo-data", out.toString(), "--kind", "hippocampus", "--patients", "2", "--slices", "8",
                "--size", "64", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("demo-data: wrote 2 MR series of 8 slices");
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("kind").asText()).isEqualTo("hippocampus");
        assertThat(doc.get("reused").asBoolean()).isFalse();
        assertThat(doc.get("patients").asInt()).isEqualTo(2);
        assertThat(doc.get("files").asInt()).isEqualTo(2 * 8 + 2);
        assertThat(Path.of(doc.get("manifest").asText())).isEqualTo(out.resolve("hippocampus-demo.json").toAbsolutePath());
        try (var files = Files.list(out.resolve("HippocampalMRISlices/02"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("MR."))).hasSize(8);
        }
        CliRun again = run("demo-data", out.toString(), "--kind", "hippocampus", "--patients", "2", "--slices", "8",
                "--size", "64", "--json");
        assertThat(again.exit()).isZero();
        assertThat(new ObjectMapper().readTree(again.out()).get("reused").asBoolean()).isTrue();
        assertThat(again.err()).startsWith("demo-data: reused");
    }

    @Test
    void writesTheCovidCtLayoutWithoutJsonOnStdout() {
        Path out = dir.resolve("covid");
        CliRun r = run("demo-data", out.toString(), "--kind", "covid-ct", "--patients", "2", "--size", "32",
                "--slices", "8");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("2 CT volumes of 32x32x8");
        assertThat(out.resolve("ct_scans/coronacases_org_001.nii")).isRegularFile();
        assertThat(out.resolve("lung_and_infection_mask/radiopaedia_4_85506_1.nii")).isRegularFile();
        assertThat(out.resolve("metadata.csv")).isRegularFile();
    }

    @Test
    void anOutputThatIsAFileIsAUserErrorOnOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        CliRun r = run("demo-data", file.toString(), "--kind", "covid-ct");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("scanbase demo-data: ").contains(file.toString()).contains("not a folder");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void otherOptionsOverExistingDataAreAUserError() {
        Path out = dir.resolve("small");
        assertThat(run("demo-data", out.toString(), "--kind", "covid-ct", "--patients", "1", "--size", "32",
                "--slices", "4").exit()).isZero();
        CliRun r = run("demo-data", out.toString(), "--kind", "covid-ct", "--patients", "2", "--size", "32",
                "--slices", "4");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("covid-ct-demo.json").contains("other options");
    }

    @Test
    void anUnknownKindOrAValueOutOfRangeIsBadUsage() {
        assertThat(run("demo-data", dir.resolve("x").toString(), "--kind", "mnist").exit()).isEqualTo(2);
        assertThat(run("demo-data", dir.resolve("x").toString(), "--kind", "hippocampus", "--patients", "0").exit())
                .isEqualTo(2);
        assertThat(run("demo-data", dir.resolve("x").toString()).exit()).isEqualTo(2);
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
