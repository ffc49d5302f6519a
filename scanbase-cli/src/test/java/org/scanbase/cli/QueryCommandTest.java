// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.dataset.Catalog;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.Sample;
import org.scanbase.store.sqlite.SqliteStore;

/** {@code datasets} and {@code query} against a real SQLite store, JSON shapes of DESIGN.md. */
class QueryCommandTest {
    @TempDir
    Path dir;

    String db;

    private CliRun run(String... args) {
        return CliRun.on(db, args);
    }

    private static JsonNode json(CliRun r) throws Exception {
        assertThat(r.exit()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @BeforeEach
    void fill() {
        db = "sqlite:" + dir.resolve("scanbase.db");
        try (Catalog c = new Catalog(new SqliteStore(dir.resolve("scanbase.db")))) {
            Dataset ds = c.create("Hippo");
            List<Sample> samples = new ArrayList<>();
            for (int p = 1; p <= 3; p++) {
                for (int i = 0; i < 4; i++) {
                    samples.add(Sample.of(Path.of("/d/P" + p + "/MR" + i + ".dcm")).set("PatientID", "P" + p)
                            .set("SliceLocation", 3.0 * i - p).set("Manufacturer", p == 2 ? "GE" : "SIEMENS"));
                }
            }
            ds.addSamples(samples);
            ds.setMaskTargets("Hippocampus_L", Map.of(1, "Hippocampus_L"));
            c.create("Empty");
        }
    }

    @Test
    void listsDatasetsWithTheirSizes() throws Exception {
        JsonNode list = json(run("datasets", "list", "--json"));
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.get(1).get("name").asText()).isEqualTo("Hippo");
        assertThat(list.get(1).get("media_type").asText()).isEqualTo("image");
        assertThat(list.get(1).get("samples").asLong()).isEqualTo(12);
    }

    @Test
    void describesADatasetWithTypesAndMaskTargets() throws Exception {
        JsonNode info = json(run("datasets", "info", "Hippo", "--json"));
        assertThat(info.get("samples").asLong()).isEqualTo(12);
        assertThat(info.get("fields").get("SliceLocation").asText()).isEqualTo("float");
        assertThat(info.get("fields").get("PatientID").asText()).isEqualTo("string");
        assertThat(info.get("mask_targets").get("Hippocampus_L").get("1").asText()).isEqualTo("Hippocampus_L");
    }

    @Test
    void countsMatchesAsABareInteger() {
        CliRun r = run("query", "Hippo", "--match", "Manufacturer == \"GE\" and SliceLocation > 0", "--count");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("3");
        assertThat(run("query", "Hippo", "--count", "--json").out()).contains("\"count\" : 12");
    }

    @Test
    void printsSortedSamplesFlat() throws Exception {
        JsonNode doc = json(run("query", "Hippo", "--match", "PatientID == \"P1\"", "--sort-by", "SliceLocation",
                "--reverse", "--limit", "2", "--json"));
        assertThat(doc.get("count").asLong()).isEqualTo(2);
        JsonNode first = doc.get("samples").get(0);
        assertThat(first.get("SliceLocation").asDouble()).isEqualTo(8.0);
        assertThat(first.get("filepath").asText()).isEqualTo("/d/P1/MR3.dcm");
        assertThat(first.has("id") && first.has("media_type") && first.has("tags") && first.has("metadata")).isTrue();
    }

    @Test
    void groupsByPatientOrderedBySliceLocation() throws Exception {
        JsonNode doc = json(run("query", "Hippo", "--group-by", "PatientID", "--order-by", "SliceLocation",
                "--limit", "2", "--json"));
        JsonNode groups = doc.get("groups");
        assertThat(groups.size()).isEqualTo(2);
        assertThat(groups.get(1).get("key").asText()).isEqualTo("P2");
        assertThat(groups.get(1).get("count").asLong()).isEqualTo(4);
        List<Double> order = new ArrayList<>();
        groups.get(1).get("samples").forEach(s -> order.add(s.get("SliceLocation").asDouble()));
        assertThat(order).containsExactly(-2.0, 1.0, 4.0, 7.0);
    }

    @Test
    void reportsABadExpressionWithItsColumnOnOneLine() {
        CliRun r = run("query", "Hippo", "--match", "SliceLocation >> 3");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("scanbase query: bad expression at column").doesNotContain("\n");
    }

    @Test
    void reportsAMissingDatasetAsAUserError() {
        CliRun r = run("query", "Nope", "--count");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).contains("no dataset named 'Nope'").doesNotContain("\n");
        assertThat(run("datasets", "delete", "Nope").exit()).isEqualTo(1);
        assertThat(run("datasets", "delete", "Empty").exit()).isZero();
        assertThat(run("datasets", "list", "--json").out()).doesNotContain("Empty");
    }
}
