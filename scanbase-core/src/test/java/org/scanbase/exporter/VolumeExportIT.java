// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.core.Progress;
import org.scanbase.dataset.Catalog;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.dataset.MediaType;
import org.scanbase.dataset.Sample;
import org.scanbase.demo.CovidCtDemo;
import org.scanbase.demo.CovidCtManifest;
import org.scanbase.importer.ImportReport;
import org.scanbase.importer.NiftiImporter;
import org.scanbase.store.sqlite.SqliteStore;

/**
 * Exports of volume samples (the COVID-19 CT demo, imported with {@code --layout covid19-ct}) held
 * against nibabel and PIL reading the written files and the demo's source files, the generator's
 * manifest of voxel counts, and nnU-Net v2's documented dataset format.
 */
class VolumeExportIT {
  @TempDir
  static Path tmp;
  static Path demo;
  static CovidCtManifest manifest;
  static Catalog catalog;
  static Dataset ds;

  @BeforeAll
  static void importDemo() throws Exception {
    demo = tmp.resolve("covid");
    manifest = CovidCtDemo.write(demo, new CovidCtDemo.Options(2, 48, 12, 3)).manifest();
    catalog = new Catalog(new SqliteStore(tmp.resolve("home").resolve("scanbase.db")));
    ds = catalog.create("covid", MediaType.VOLUME);
    ImportReport r = NiftiImporter.importCovidLayout(demo, ds, Progress.NONE, MediaFiles.of(catalog.store(), "covid"));
    assertThat(r.skipped()).isEmpty();
  }

  @AfterAll
  static void close() {
    catalog.close();
  }

  private static Path source(String relative) {
    return demo.resolve(relative);
  }

  /** The manifest's scan whose CT file is {@code image}'s source. */
  private static CovidCtManifest.Scan scanOf(String sourcePath) {
    return manifest.scans().stream().filter(s -> source(s.ctScan()).toString().equals(sourcePath)).findFirst()
        .orElseThrow();
  }

  @Test
  void niftiPairsHaveTheSourceAffineValuesAndVoxelCountsAsNibabelReadsThem() throws Exception {
    Path out = tmp.resolve("nifti");
    ExportReport report = Exporter.export(ds, ExportOptions.of(ExportFormat.NIFTI, out), Progress.NONE);
    assertThat(report.exported()).isEqualTo(2);
    assertThat(report.skipped()).isEmpty();
    List<String> samples = Files.readAllLines(out.resolve("samples.csv"));
    assertThat(samples).hasSize(3);
    for (String row : samples.subList(1, 3)) {
      String[] cols = row.split(",");
      CovidCtManifest.Scan scan = scanOf(cols[2]);
      Path image = out.resolve("images").resolve(cols[0] + ".nii.gz");
      Map<String, Path> folders = Map.of("lung_mask", out.resolve("labels/" + cols[0] + "/Lung_Mask.nii.gz"),
          "infection_mask", out.resolve("labels/" + cols[0] + "/Infection_Mask.nii.gz"),
          "lung_and_infection_mask", out.resolve("labels/" + cols[0] + "/All_Masks.nii.gz"));
      JsonNode read = ExportTools.python("nifti", List.of(image, source(scan.ctScan()),
          folders.get("lung_mask"), folders.get("infection_mask"), folders.get("lung_and_infection_mask")));
      JsonNode ours = read.get(0);
      JsonNode theirs = read.get(1);
      assertThat(ours.get("shape")).isEqualTo(theirs.get("shape"));
      for (int r = 0; r < 4; r++) {
        for (int c = 0; c < 4; c++) {
          assertThat(ours.get("affine").get(r).get(c).asDouble())
              .isCloseTo(theirs.get("affine").get(r).get(c).asDouble(), within(1e-4));
        }
      }
      assertThat(ours.get("min").asDouble()).isEqualTo(theirs.get("min").asDouble());
      assertThat(ours.get("max").asDouble()).isEqualTo(theirs.get("max").asDouble());
      int i = 2;
      for (String folder : List.of("lung_mask", "infection_mask", "lung_and_infection_mask")) {
        JsonNode counts = read.get(i++).get("counts");
        scan.voxels().get(folder).forEach((value, n) -> {
          if (!value.equals("0")) {
            assertThat(counts.path(value).asLong()).as("%s %s label %s", scan.name(), folder, value).isEqualTo(n);
          }
        });
      }
    }
  }

  @Test
  void aNiftiExportReimportsThroughItsManifestToTheSameSamplesMasksAndGeometry() throws Exception {
    Path out = tmp.resolve("nifti-reimport");
    Exporter.export(ds, ExportOptions.of(ExportFormat.NIFTI, out), Progress.NONE);
    Dataset back = catalog.create("covid-back", MediaType.VOLUME);
    ImportReport r = NiftiImporter.importManifest(out.resolve("manifest.csv"), back, Progress.NONE,
        MediaFiles.of(catalog.store(), "covid-back"));
    assertThat(r.skipped()).isEmpty();
    assertThat(back.count()).isEqualTo(ds.count());
    Map<String, Sample> byStem = new HashMap<>();
    for (Sample s : back) {
      byStem.put(Exporter.stem(Path.of(s.filepath()).getFileName().toString()), s);
    }
    for (Sample original : ds) {
      Sample again = byStem.get(Exporter.stem(Path.of(original.filepath()).getFileName().toString()));
      assertThat(again).as("re-imported %s", original.filepath()).isNotNull();
      assertThat(again.get("metadata.affine")).isEqualTo(original.get("metadata.affine"));
      assertThat(again.get("metadata.spacing")).isEqualTo(original.get("metadata.spacing"));
      for (String field : List.of("Lung Mask", "Infection Mask", "All Masks")) {
        assertThat(again.get(field + ".pixels")).as(field).isEqualTo(original.get(field + ".pixels"));
        for (int k = 1; k <= original.frames().count(); k++) {
          assertThat(again.frames().get(k).get(field + ".pixels")).isEqualTo(original.frames().get(k).get(field + ".pixels"));
        }
      }
    }
  }

  @Test
  void nnunetExportPassesTheV2FormatChecksAndMergesTwoFieldsWithALabelMap() throws Exception {
    Path out = tmp.resolve("Dataset501_Covid");
    ExportReport report = Exporter.export(ds, ExportOptions.of(ExportFormat.NNUNET, out)
        .withLabelFields(List.of("Lung Mask", "Infection Mask")), Progress.NONE);
    assertThat(report.skipped()).isEmpty();
    JsonNode check = ExportTools.python("nnunet", List.of(out));
    assertThat(check.get("errors")).as("nnU-Net format errors").isEmpty();
    assertThat(check.get("labels").toString()).isEqualTo(
        "{\"background\":0,\"left lung\":1,\"right lung\":2,\"infection\":3}");
    assertThat(check.get("channel_names").get("0").asText()).isEqualTo("CT");
    List<String> cases = Files.readAllLines(out.resolve("cases.csv"), StandardCharsets.UTF_8);
    List<Sample> inOrder = new ArrayList<>();
    ds.forEach(inOrder::add);
    for (int i = 0; i < inOrder.size(); i++) {
      String[] cols = cases.get(i + 1).split(",");
      assertThat(cols[0]).isEqualTo(String.format("covid_%03d", i + 1));
      assertThat(cols[1]).isEqualTo(inOrder.get(i).id());
      CovidCtManifest.Scan scan = scanOf(cols[2]);
      JsonNode expected = ExportTools.python("merged", List.of(source(scan.lungMask()), source(scan.infectionMask())));
      assertThat(check.get("cases").get(cols[0])).as(cols[0]).isEqualTo(expected);
    }
  }

  @Test
  void nnunetLabelsDefaultToTheFirstSegmentationField() throws Exception {
    Path out = tmp.resolve("nnunet-default");
    Exporter.export(ds, ExportOptions.of(ExportFormat.NNUNET, out), Progress.NONE);
    JsonNode check = ExportTools.python("nnunet", List.of(out));
    assertThat(check.get("errors")).isEmpty();
    assertThat(check.get("labels").toString()).isEqualTo("{\"background\":0,\"left lung\":1,\"right lung\":2}");
  }

  @Test
  void sixteenBitPngSlicesHoldTheRealValuesPlusTheOffsetAndMasksHoldTheLabels() throws Exception {
    Path out = tmp.resolve("png16");
    Exporter.export(ds, ExportOptions.of(ExportFormat.PNG, out).withPngBits(16)
        .withLabelFields(List.of("Infection Mask")), Progress.NONE);
    List<String> samples = Files.readAllLines(out.resolve("samples.csv"));
    String[] first = samples.get(1).split(",");
    CovidCtManifest.Scan scan = scanOf(first[2]);
    int k = scan.shape()[2] / 2;
    Path png = out.resolve(String.format("images/%s/%04d.png", first[0], k));
    JsonNode ours = ExportTools.python("png", List.of(png)).get(0);
    JsonNode real = ExportTools.python("slice", List.of(source(scan.ctScan()), k)).get("values");
    assertThat(ours.get("mode").asText()).startsWith("I");
    assertThat(ours.get("values").size()).isEqualTo(real.size());
    for (int i = 0; i < real.size(); i++) {
      assertThat(ours.get("values").get(i).asLong() - 32768).as("pixel %d", i).isEqualTo(real.get(i).asLong());
    }
    List<Path> masks = new ArrayList<>();
    for (int z = 0; z < scan.shape()[2]; z++) {
      masks.add(out.resolve(String.format("masks/Infection_Mask/%s/%04d.png", first[0], z)));
    }
    long total = 0;
    for (JsonNode m : ExportTools.python("png", masks)) {
      total += m.get("counts").path("1").asLong();
    }
    assertThat(total).isEqualTo(scan.voxels().get("infection_mask").get("1"));
    List<String> rows = Files.readAllLines(out.resolve("manifest.csv"));
    assertThat(rows).hasSize(1 + 2 * scan.shape()[2]);
  }

  @Test
  void eightBitPngSlicesUseTheSoftTissueWindowForCt() throws Exception {
    Path out = tmp.resolve("png8");
    Exporter.export(ds, ExportOptions.of(ExportFormat.PNG, out).withLabelFields(List.of("Lung Mask")), Progress.NONE);
    String[] first = Files.readAllLines(out.resolve("samples.csv")).get(1).split(",");
    CovidCtManifest.Scan scan = scanOf(first[2]);
    int k = scan.shape()[2] / 2;
    JsonNode ours = ExportTools.python("png", List.of(out.resolve(String.format("images/%s/%04d.png", first[0], k))))
        .get(0);
    JsonNode real = ExportTools.python("slice", List.of(source(scan.ctScan()), k)).get("values");
    assertThat(ours.get("mode").asText()).isEqualTo("L");
    for (int i = 0; i < real.size(); i++) {
      long hu = real.get(i).asLong();
      long v = ours.get("values").get(i).asLong();
      // W400/L40: air and lung black, bone white, water (0 HU) at 0.4 of the range (PS3.3 C.11.2.1.2)
      if (hu <= -160) {
        assertThat(v).as("pixel %d at %d HU", i, hu).isZero();
      } else if (hu > 240) {
        assertThat(v).as("pixel %d at %d HU", i, hu).isEqualTo(255);
      } else {
        assertThat((double) v).as("pixel %d at %d HU", i, hu).isCloseTo((hu + 160) / 400.0 * 255, within(1.5));
      }
    }
    assertThat(Files.readAllLines(out.resolve("manifest.csv")).get(1)).endsWith(",400/40,");
  }

  @Test
  void rtstructOfVolumeFilesReferencesAWrittenSeriesThatDciodvfyPlastimatchAndTheImporterAccept() throws Exception {
    Path out = tmp.resolve("rtstruct");
    ExportReport report = Exporter.export(ds, ExportOptions.of(ExportFormat.RTSTRUCT, out)
        .withLabelFields(List.of("Lung Mask")), Progress.NONE);
    assertThat(report.skipped()).isEmpty();
    for (String row : Files.readAllLines(out.resolve("cases.csv")).subList(1, 3)) {
      String[] cols = row.split(",");
      CovidCtManifest.Scan scan = scanOf(cols[2]);
      Path caseDir = out.resolve(cols[0]);
      assertThat(ExportTools.dciodvfyErrors(caseDir.resolve("RS.dcm"))).as("RS.dcm").isEmpty();
      assertThat(ExportTools.dciodvfyErrors(caseDir.resolve("series/IM0001.dcm"))).as("IM0001.dcm").isEmpty();
      // the written series lies where the NIfTI does: voxel (0, 0, 0) at the affine's origin (LPS = -R, -A, S)
      JsonNode ipp = ExportTools.python("ipp", List.of(caseDir.resolve("series/IM0001.dcm"))).get(0);
      JsonNode nifti = ExportTools.python("nifti", List.of(source(scan.ctScan()))).get(0).get("affine");
      assertThat(ipp.get(0).asDouble()).isCloseTo(-nifti.get(0).get(3).asDouble(), within(1e-3));
      assertThat(ipp.get(1).asDouble()).isCloseTo(-nifti.get(1).get(3).asDouble(), within(1e-3));
      assertThat(ipp.get(2).asDouble()).isCloseTo(nifti.get(2).get(3).asDouble(), within(1e-3));
      Path masks = tmp.resolve("plastimatch-" + cols[0]);
      ExportTools.plastimatch(caseDir.resolve("RS.dcm"), caseDir.resolve("series"), masks);
      JsonNode read = ExportTools.mha(List.of(masks.resolve("left lung.mha"), masks.resolve("right lung.mha")));
      for (int v = 1; v <= 2; v++) {
        long expected = scan.voxels().get("lung_mask").get(Integer.toString(v));
        assertThat(read.get(v - 1).get("nonzero").asLong()).as("%s label %d", scan.name(), v)
            .isCloseTo(expected, within(expected * 3 / 100 + 2));
      }
    }
    Dataset back = catalog.create("covid-rtstruct-back", MediaType.IMAGE);
    ImportReport r = org.scanbase.importer.DicomImporter.run(out, back, new org.scanbase.importer.DicomImporter.Options(
        "IM*.dcm", "RS*.dcm", org.scanbase.importer.DicomImporter.Mode.SLICES), Progress.NONE,
        MediaFiles.of(catalog.store(), back.name()));
    assertThat(r.skipped()).isEmpty();
    for (String roi : List.of("left lung", "right lung")) {
      long expected = manifest.scans().stream()
          .mapToLong(s -> s.voxels().get("lung_mask").get(roi.startsWith("left") ? "1" : "2")).sum();
      long total = 0;
      for (Sample s : back) {
        total += ((Number) s.get(roi + ".pixels")).longValue();
      }
      assertThat(total).as(roi).isEqualTo(expected);
    }
  }

  @Test
  void segOfVolumeFilesPassesDciodvfyAndPydicomCountsTheMaskVoxelsPerSegment() throws Exception {
    Path out = tmp.resolve("seg");
    Exporter.export(ds, ExportOptions.of(ExportFormat.SEG, out).withLabelFields(List.of("All Masks")), Progress.NONE);
    for (String row : Files.readAllLines(out.resolve("cases.csv")).subList(1, 3)) {
      String[] cols = row.split(",");
      CovidCtManifest.Scan scan = scanOf(cols[2]);
      Path seg = out.resolve(cols[0]).resolve("SEG.dcm");
      assertThat(ExportTools.dciodvfyErrors(seg)).isEmpty();
      JsonNode read = ExportTools.python("seg", List.of(seg));
      Map<String, Long> perLabel = new HashMap<>();
      read.get("frames").forEach(f -> perLabel.merge(read.get("segments").get(f.get("segment").asText()).asText(),
          f.get("pixels").asLong(), Long::sum));
      Map<String, Long> expected = Map.of("left lung", scan.voxels().get("lung_and_infection_mask").get("1"),
          "right lung", scan.voxels().get("lung_and_infection_mask").get("2"),
          "infection", scan.voxels().get("lung_and_infection_mask").get("3"));
      assertThat(perLabel).isEqualTo(expected);
    }
  }
}
