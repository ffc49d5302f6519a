// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.core.Progress;
import org.scanbase.dataset.Catalog;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.dataset.Sample;
import org.scanbase.demo.HippocampusDemo;
import org.scanbase.importer.DicomImporter;
import org.scanbase.store.sqlite.SqliteStore;
import picocli.CommandLine;

/**
 * The seed notebook's steps through the Java API (one dataset per patient folder, then all of
 * them merged into one) give the same samples, fields and mask counts as one
 * {@code scanbase import dicom} of the whole folder.
 */
class SeedNotebookTest {

    @Test
    void perPatientImportsMergedEqualOneCommandLineImport(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("demo");
        HippocampusDemo.write(root, HippocampusDemo.Options.defaults());
        Path slices = root.resolve(HippocampusDemo.ROOT);
        Path db = dir.resolve("home").resolve("scanbase.db");

        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int exit = cl.execute("import", "dicom", slices.toString(), "--name", "cli", "--glob", "MR*.dcm",
                "--rtstruct", "RS*.dcm", "--db", "sqlite:" + db);
        assertThat(exit).as(err.toString()).isZero();

        try (Catalog catalog = new Catalog(new SqliteStore(db))) {
            Dataset all = catalog.create("Hippocampal Contouring");
            List<Path> patients;
            try (Stream<Path> s = Files.list(slices)) {
                patients = s.filter(Files::isDirectory).sorted().toList();
            }
            for (Path patient : patients) {
                Dataset one = catalog.create("Patient" + patient.getFileName());
                DicomImporter.run(patient, one, new DicomImporter.Options("MR*.dcm", "RS*.dcm", DicomImporter.Mode.SLICES),
                        Progress.NONE, MediaFiles.of(catalog.store(), one.name()));
                all.mergeSamples(one);
            }
            Dataset cli = catalog.load("cli");
            assertThat(all.count()).isEqualTo(cli.count()).isPositive();
            Map<String, Map<String, Object>> byFile = new HashMap<>();
            cli.forEachDoc(d -> byFile.put((String) d.get("filepath"), d));
            for (Sample s : all) {
                Map<String, Object> expected = byFile.get(s.filepath());
                assertThat(expected).as(s.filepath()).isNotNull();
                Map<String, Object> actual = s.toMap();
                for (String field : expected.keySet()) {
                    if (field.equals("id") || field.startsWith("Hippocampus_")) {
                        continue;
                    }
                    assertThat(actual.get(field)).as("%s of %s", field, s.filepath()).isEqualTo(expected.get(field));
                }
                for (String roi : List.of("Hippocampus_L", "Hippocampus_R")) {
                    assertThat(((Map<?, ?>) actual.get(roi)).get("pixels"))
                            .isEqualTo(((Map<?, ?>) expected.get(roi)).get("pixels"));
                }
            }
            assertThat(all.reload().schema()).isEqualTo(cli.reload().schema());
            assertThat(all.maskTargets()).isEqualTo(cli.maskTargets());
        }
    }
}
