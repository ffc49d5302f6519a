// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.dataset.Catalog;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.Sample;
import org.scanbase.store.postgres.PgTestDatabase;
import org.scanbase.store.sqlite.SqliteStore;

/** {@code datasets copy} from SQLite to PostgreSQL, then the other commands with {@code --db postgresql://}. */
class DatasetsCopyCommandIT {
    @RegisterExtension
    final PgTestDatabase pg = new PgTestDatabase();

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static JsonNode json(CliRun r) throws Exception {
        assertThat(r.exit()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void copiesADatasetToPostgresqlWhereEveryCommandFindsIt() throws Exception {
        String sqlite = "sqlite:" + dir.resolve("scanbase.db");
        try (Catalog c = new Catalog(new SqliteStore(dir.resolve("scanbase.db")))) {
            Dataset ds = c.create("Hippo");
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                samples.add(Sample.of(Path.of("/d/P" + i % 3 + "/MR" + i + ".dcm")).set("PatientID", "P" + i % 3)
                        .set("SliceLocation", 1.5 * i));
            }
            ds.addSamples(samples);
            ds.setMaskTargets("Hippocampus_L", Map.of(1, "Hippocampus_L"));
        }
        String postgres = pg.url();
        JsonNode copied = json(run("datasets", "copy", "Hippo", "--from", sqlite, "--to", postgres, "--json"));
        assertThat(copied.get("samples").asLong()).isEqualTo(12);
        assertThat(copied.get("to").asText()).startsWith("postgresql://");

        JsonNode info = json(run("datasets", "info", "Hippo", "--json", "--db", postgres));
        assertThat(info.get("samples").asLong()).isEqualTo(12);
        assertThat(info.get("mask_targets").get("Hippocampus_L").get("1").asText()).isEqualTo("Hippocampus_L");
        JsonNode count = json(run("query", "Hippo", "--match", "SliceLocation > 10", "--count", "--json", "--db", postgres));
        // 1.5 * i > 10 for i = 7..11
        assertThat(count.get("count").asLong()).isEqualTo(5);

        CliRun again = run("datasets", "copy", "Hippo", "--from", sqlite, "--to", postgres);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err().strip().lines().count()).as(again.err()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");
    }

    @Test
    void aServerThatIsNotThereIsOneLineAndExitOne() {
        CliRun r = run("datasets", "list", "--db", "postgresql://nobody:secret@127.0.0.1:1/none");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("postgresql://nobody:***@127.0.0.1:1/none").doesNotContain("secret");
    }
}
