// SPDX-License-Identifier: Apache-2.0
package org.scanbase.importer;

import org.scanbase.core.Progress;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.dataset.Catalog;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.dataset.MediaType;
import org.scanbase.dataset.Sample;
import org.scanbase.demo.CovidCtDemo;
import org.scanbase.demo.CovidCtManifest;
import org.scanbase.label.Segmentation;
import org.scanbase.store.sqlite.SqliteStore;

/** The NIfTI importer on the COVID-19 CT demo; voxel counts against the generator's manifest. */
class NiftiImporterTest {
  static final Map<String, String> FIELDS = Map.of(
      "lung_mask", "Lung Mask", "infection_mask", "Infection Mask", "lung_and_infection_mask", "All Masks");

  @TempDir
  static Path shared;

  static Path demo;
  static CovidCtManifest manifest;

  @TempDir
  Path dir;

  Catalog catalog;

  @BeforeAll
  static void writeDemo() throws Exception {
    demo = shared.resolve("covid");
    manifest = CovidCtDemo.write(demo, CovidCtDemo.Options.defaults()).manifest();
  }

  @BeforeEach
  void open() {
    catalog = new Catalog(new SqliteStore(dir.resolve("home").resolve("scanbase.db")));
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  private ImportReport run(Path root, Dataset ds) throws Exception {
    return NiftiImporter.importCovidLayout(root, ds, Progress.NONE, MediaFiles.of(catalog.store(), ds.name()));
  }

  @Test
  void pairsImagesWithMasksByTheKaggleNamingRule() {
    assertThat(NiftiImporter.maskKey("coronacases_org_001")).isEqualTo("coronacases_001");
    assertThat(NiftiImporter.maskKey("radiopaedia_org_covid-19-pneumonia-7_85703_0-dcm"))
        .isEqualTo("radiopaedia_7_85703_0");
  }

  @Test
  void importsOneVolumePerScanWithFrameLevelMasks() throws Exception {
    Dataset ds = catalog.create("covid", MediaType.VOLUME);
    ImportReport report = run(demo, ds);
    assertThat(report.skipped()).isEmpty();
    assertThat(report.imported()).isEqualTo(manifest.scans().size());
    assertThat(ds.maskTargets().get("All Masks")).containsEntry("3", "infection");
    for (CovidCtManifest.Scan scan : manifest.scans()) {
      Sample s = ds.match("contains(filepath, \"" + scan.name() + "\")").first().orElseThrow();
      assertThat(s.metadata().get("depth")).isEqualTo((long) scan.shape()[2]);
      assertThat(s.frames().count()).isEqualTo(scan.shape()[2]);
      for (Map.Entry<String, String> f : FIELDS.entrySet()) {
        long expected = scan.voxels().get(f.getKey()).values().stream().mapToLong(Long::longValue).sum();
        Segmentation seg = s.label(f.getValue(), Segmentation.class).orElseThrow();
        assertThat(seg.pixels()).as("%s of %s", f.getValue(), scan.name()).isEqualTo(expected);
        assertThat(Segmentation.ofMask(Path.of(seg.maskPath())).pixels()).isEqualTo(expected);
        long[] perSlice = scan.sliceVoxels().get(f.getKey());
        for (int k = 0; k < perSlice.length; k++) {
          Object frameSeg = s.frames().get(k + 1).get(f.getValue());
          assertThat(((Number) ((Map<?, ?>) frameSeg).get("pixels")).longValue()).isEqualTo(perSlice[k]);
        }
      }
    }
    long infected = ds.toFrames().match("`Infection Mask`.pixels > 0").count();
    long expectedInfected = manifest.scans().stream()
        .mapToLong(sc -> java.util.Arrays.stream(sc.sliceVoxels().get("infection_mask")).filter(v -> v > 0).count()).sum();
    assertThat(infected).isEqualTo(expectedInfected);
    assertThat(run(demo, ds).imported()).isZero();
    assertThat(ds.count()).isEqualTo(manifest.scans().size());
  }

  @Test
  void skipsAPairWhoseMaskIsOnAnotherGridOrCorrupt() throws Exception {
    Path root = dir.resolve("bad");
    for (String sub : List.of("ct_scans", "lung_mask", "infection_mask", "lung_and_infection_mask")) {
      Files.createDirectories(root.resolve(sub));
    }
    CovidCtManifest.Scan a = manifest.scans().get(0);
    CovidCtManifest.Scan b = manifest.scans().get(1);
    for (CovidCtManifest.Scan s : List.of(a, b)) {
      Files.copy(demo.resolve(s.ctScan()), root.resolve(s.ctScan()));
      Files.copy(demo.resolve(s.infectionMask()), root.resolve(s.infectionMask()));
      Files.copy(demo.resolve(s.lungAndInfectionMask()), root.resolve(s.lungAndInfectionMask()));
    }
    // scan a gets scan b's lung mask on another grid, scan b a corrupt one
    Files.copy(demo.resolve(b.lungMask()), root.resolve(a.lungMask()));
    byte[] gz = Files.readAllBytes(demo.resolve(b.lungMask()));
    Files.write(root.resolve(b.lungMask()), java.util.Arrays.copyOf(gz, 200));
    Dataset ds = catalog.create("bad", MediaType.VOLUME);
    ImportReport report = run(root, ds);
    assertThat(report.imported()).isZero();
    assertThat(report.skipped()).hasSize(2);
    assertThat(report.skipped()).allMatch(s -> s.reason().contains("mask"));
  }
}
