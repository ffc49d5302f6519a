// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.scanbase.demo.HippocampusDemo;
import org.scanbase.demo.HippocampusManifest;
import org.scanbase.importer.DicomImporter;
import org.scanbase.importer.ImportReport;
import org.scanbase.store.sqlite.SqliteStore;

/**
 * Exports of slice samples (the hippocampus demo: MR slices with an RTSTRUCT, imported one sample
 * per slice) held against the generator's manifest, nibabel, pydicom, dciodvfy and plastimatch,
 * and re-imported.
 */
class DicomExportIT {
  @TempDir
  static Path tmp;
  static Path demo;
  static HippocampusManifest manifest;
  static Catalog catalog;
  static Dataset ds;
  /** SOPInstanceUID -> the manifest's slice. */
  static final Map<String, HippocampusManifest.Image> images = new HashMap<>();

  @BeforeAll
  static void importDemo() throws Exception {
    demo = tmp.resolve("hippo");
    manifest = HippocampusDemo.write(demo, new HippocampusDemo.Options(2, 12, 48, 5)).manifest();
    manifest.patients().forEach(p -> p.images().forEach(i -> images.put(i.sopInstanceUid(), i)));
    catalog = new Catalog(new SqliteStore(tmp.resolve("home").resolve("scanbase.db")));
    ds = catalog.create("hippo", MediaType.IMAGE);
    ImportReport r = importSlices(demo.resolve(HippocampusDemo.ROOT), ds, "MR*.dcm");
    assertThat(r.skipped()).isEmpty();
  }

  @AfterAll
  static void close() {
    catalog.close();
  }

  static ImportReport importSlices(Path root, Dataset into, String glob) throws Exception {
    return DicomImporter.run(root, into, new DicomImporter.Options(glob, "RS*.dcm", DicomImporter.Mode.SLICES),
        Progress.NONE, MediaFiles.of(catalog.store(), into.name()));
  }

  static long roiVoxels(HippocampusManifest.Patient p, String roi) {
    return p.rois().stream().filter(r -> r.name().equals(roi)).findFirst().orElseThrow().voxels();
  }

  @Test
  void slicesExportAsNiftiVolumesOnTheSeriesGeometryWithTheDrawnMasks() throws Exception {
    Path out = tmp.resolve("nifti");
    ExportReport report = Exporter.export(ds, ExportOptions.of(ExportFormat.NIFTI, out), Progress.NONE);
    assertThat(report.exported()).isEqualTo(2);
    for (HippocampusManifest.Patient p : manifest.patients()) {
      Path image = out.resolve("images/" + p.patientId() + ".nii.gz");
      List<Path> files = List.of(image, out.resolve("labels/" + p.patientId() + "/Hippocampus_L.nii.gz"),
          out.resolve("labels/" + p.patientId() + "/Hippocampus_R.nii.gz"));
      JsonNode read = ExportTools.python("nifti", files);
      assertThat(read.get(0).get("shape").toString()).isEqualTo("[" + p.columns() + "," + p.rows() + ","
          + p.images().size() + "]");
      // voxel (0, 0, 0) is the first slice's ImagePositionPatient (pydicom), LPS -> RAS
      JsonNode first = ExportTools.python("dicom", List.of(demo.resolve(p.images().get(0).file()))).get(0);
      JsonNode position = ExportTools.python("ipp", List.of(demo.resolve(p.images().get(0).file()))).get(0);
      assertThat(first.get("SOPInstanceUID").asText()).isEqualTo(p.images().get(0).sopInstanceUid());
      JsonNode affine = read.get(0).get("affine");
      assertThat(affine.get(0).get(3).asDouble()).isCloseTo(-position.get(0).asDouble(), within(1e-3));
      assertThat(affine.get(1).get(3).asDouble()).isCloseTo(-position.get(1).asDouble(), within(1e-3));
      assertThat(affine.get(2).get(3).asDouble()).isCloseTo(position.get(2).asDouble(), within(1e-3));
      assertThat(read.get(1).get("counts").path("1").asLong()).isEqualTo(roiVoxels(p, "Hippocampus_L"));
      assertThat(read.get(2).get("counts").path("1").asLong()).isEqualTo(roiVoxels(p, "Hippocampus_R"));
    }
  }

  @Test
  void rtstructExportPassesDciodvfyRasterisesInPlastimatchAndReimportsToTheSameMasks() throws Exception {
    Path out = tmp.resolve("rtstruct");
    ExportReport report = Exporter.export(ds, ExportOptions.of(ExportFormat.RTSTRUCT, out), Progress.NONE);
    assertThat(report.skipped()).isEmpty();
    for (HippocampusManifest.Patient p : manifest.patients()) {
      Path rs = out.resolve(p.patientId()).resolve("RS.dcm");
      assertThat(ExportTools.dciodvfyErrors(rs)).as("dciodvfy errors in %s", rs).isEmpty();
      JsonNode colours = ExportTools.python("roicolours", List.of(demo.resolve(p.rtstruct())));
      assertThat(colours.size()).isEqualTo(2);
      assertThat(ExportTools.python("roicolours", List.of(rs))).isEqualTo(colours);
      Path masks = tmp.resolve("plastimatch-" + p.patientId());
      ExportTools.plastimatch(rs, out.resolve(p.patientId()).resolve("series"), masks);
      JsonNode read = ExportTools.mha(List.of(masks.resolve("Hippocampus_L.mha"), masks.resolve("Hippocampus_R.mha")));
      for (int r = 0; r < 2; r++) {
        long expected = roiVoxels(p, r == 0 ? "Hippocampus_L" : "Hippocampus_R");
        // plastimatch's sub-pixel rule may flip an edge pixel per slice (see HippocampusDemoIT)
        assertThat(read.get(r).get("nonzero").asLong()).as("plastimatch %s ROI %d", p.patientId(), r)
            .isCloseTo(expected, within(expected * 3 / 100 + 2));
      }
    }
    Dataset back = catalog.create("hippo-rtstruct-back", MediaType.IMAGE);
    ImportReport r = importSlices(out, back, "IM*.dcm");
    assertThat(r.skipped()).isEmpty();
    assertThat(back.count()).isEqualTo(ds.count());
    assertSameMasks(back, false);
  }

  /**
   * Every re-imported slice has the manifest's pixel counts for both ROIs, found by SOP instance,
   * or when anonymised (new UIDs) by its ImagePositionPatient, which must be one of the originals'.
   */
  private static void assertSameMasks(Dataset back, boolean anonymized) {
    Map<String, Sample> byPosition = new HashMap<>();
    for (Sample s : ds) {
      byPosition.put(String.valueOf(s.get("ImagePositionPatient")), s);
    }
    Map<String, Long> totals = new HashMap<>();
    for (Sample s : back) {
      Sample original = byPosition.get(String.valueOf(s.get("ImagePositionPatient")));
      assertThat(original).as("a slice at %s in the source", s.get("ImagePositionPatient")).isNotNull();
      assertThat(s.get("ImageOrientationPatient")).isEqualTo(original.get("ImageOrientationPatient"));
      assertThat(s.get("PixelSpacing")).isEqualTo(original.get("PixelSpacing"));
      assertThat(s.get("metadata")).isEqualTo(original.get("metadata"));
      for (String roi : List.of("Hippocampus_L", "Hippocampus_R")) {
        assertThat(s.get(roi + ".pixels")).as("%s on %s", roi, s.filepath()).isEqualTo(original.get(roi + ".pixels"));
      }
      for (String roi : List.of("Hippocampus_L", "Hippocampus_R")) {
        Object pixels = s.get(roi + ".pixels");
        assertThat(pixels).as("%s on %s", roi, s.filepath()).isNotNull();
        totals.merge(roi, ((Number) pixels).longValue(), Long::sum);
        if (!anonymized) {
          HippocampusManifest.Image image = images.get((String) s.get("SOPInstanceUID"));
          assertThat(((Number) pixels).longValue()).as("%s on %s", roi, s.filepath())
              .isEqualTo(image.pixels().get(roi));
        }
      }
    }
    for (String roi : List.of("Hippocampus_L", "Hippocampus_R")) {
      long expected = manifest.patients().stream().mapToLong(p -> roiVoxels(p, roi)).sum();
      assertThat(totals.get(roi)).as(roi).isEqualTo(expected);
    }
  }

  @Test
  void segExportPassesDciodvfyAndPydicomReadsFramesThatMatchTheMasks() throws Exception {
    Path out = tmp.resolve("seg");
    ExportReport report = Exporter.export(ds, ExportOptions.of(ExportFormat.SEG, out), Progress.NONE);
    assertThat(report.skipped()).isEmpty();
    for (HippocampusManifest.Patient p : manifest.patients()) {
      Path seg = out.resolve(p.patientId()).resolve("SEG.dcm");
      assertThat(ExportTools.dciodvfyErrors(seg)).as("dciodvfy errors in %s", seg).isEmpty();
      JsonNode read = ExportTools.python("seg", List.of(seg));
      assertThat(read.get("series").asText()).isEqualTo(p.seriesInstanceUid());
      assertThat(read.get("rows").asInt()).isEqualTo(p.rows());
      int expectedFrames = 0;
      for (HippocampusManifest.Image i : p.images()) {
        expectedFrames += (int) i.pixels().values().stream().filter(n -> n > 0).count();
      }
      assertThat(read.get("frames")).hasSize(expectedFrames);
      for (JsonNode f : read.get("frames")) {
        String roi = read.get("segments").get(f.get("segment").asText()).asText();
        HippocampusManifest.Image image = images.get(f.get("sop").asText());
        assertThat(image).as("frame source %s is a slice of the series", f.get("sop")).isNotNull();
        assertThat(f.get("pixels").asLong()).as("%s on %s", roi, image.file()).isEqualTo(image.pixels().get(roi));
      }
    }
  }

  @Test
  void anonymizedExportsKeepNoNameIdOrUidOfTheSourceAndTheirReferencesResolve() throws Exception {
    Map<String, Path> outs = new HashMap<>();
    for (ExportFormat f : List.of(ExportFormat.RTSTRUCT, ExportFormat.SEG, ExportFormat.NIFTI, ExportFormat.PNG,
        ExportFormat.NNUNET)) {
      Path out = tmp.resolve("anon-" + f.code());
      ExportReport report = Exporter.export(ds, ExportOptions.of(f, out).withAnonymize(true), Progress.NONE);
      assertThat(report.skipped()).isEmpty();
      outs.put(f.code(), out);
    }
    // what identifies the patients, read from the source files by pydicom
    List<Path> sources = new ArrayList<>();
    manifest.patients().forEach(p -> {
      p.images().forEach(i -> sources.add(demo.resolve(i.file())));
      sources.add(demo.resolve(p.rtstruct()));
    });
    List<String> secrets = new ArrayList<>();
    for (JsonNode d : ExportTools.python("dicom", sources)) {
      secrets.add(d.get("PatientName").asText());
      secrets.add(d.get("PatientName").asText().replace('^', ' '));
      secrets.add(d.get("PatientID").asText());
      d.get("uids").forEach(u -> {
        if (!u.asText().startsWith("1.2.840.10008.")) {
          secrets.add(u.asText());
        }
      });
    }
    assertThat(secrets).contains("HIPPO-01", "Synthetic^Hippo01");
    List<String> found = new ArrayList<>();
    for (Path out : outs.values()) {
      for (Path f : ExportTools.files(out)) {
        byte[] bytes = Files.readAllBytes(f);
        String name = out.relativize(f).toString();
        for (String s : secrets.stream().distinct().toList()) {
          if (ExportTools.indexOf(bytes, s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) >= 0
              || name.contains(s)) {
            found.add(s + " in " + f);
          }
        }
      }
    }
    assertThat(found).as("source identity left in the output").isEmpty();

    // the anonymised RTSTRUCT still references its anonymised series: the importer ties them by SOP instance
    Dataset back = catalog.create("hippo-anon-back", MediaType.IMAGE);
    ImportReport r = importSlices(outs.get("rtstruct"), back, "IM*.dcm");
    assertThat(r.skipped()).isEmpty();
    assertThat(back.count()).isEqualTo(ds.count());
    assertSameMasks(back, true);

    // the SEG's references resolve to the anonymised series it sits next to; dates shift by one offset per patient
    for (String c : List.of("case_001", "case_002")) {
      Path dir = outs.get("seg").resolve(c);
      JsonNode seg = ExportTools.python("seg", List.of(dir.resolve("SEG.dcm")));
      JsonNode series = ExportTools.python("dicom", ExportTools.files(dir.resolve("series")));
      List<String> sops = new ArrayList<>();
      series.forEach(s -> sops.add(s.get("SOPInstanceUID").asText()));
      assertThat(seg.get("series").asText()).isEqualTo(series.get(0).get("SeriesInstanceUID").asText());
      seg.get("referenced").forEach(u -> assertThat(sops).contains(u.asText()));
      seg.get("frames").forEach(f -> assertThat(sops).contains(f.get("sop").asText()));
      JsonNode segHeader = ExportTools.python("dicom", List.of(dir.resolve("SEG.dcm"))).get(0);
      series.forEach(s -> assertThat(s.get("StudyDate").asText()).isEqualTo(segHeader.get("StudyDate").asText()));
      assertThat(segHeader.get("PatientID").asText()).isEqualTo(series.get(0).get("PatientID").asText());
    }
    JsonNode original = ExportTools.python("dicom", List.of(sources.get(0))).get(0);
    JsonNode anonymized = ExportTools.python("dicom", List.of(outs.get("seg").resolve("case_001/series/IM0001.dcm")))
        .get(0);
    assertThat(anonymized.get("StudyDate").asText()).isNotEqualTo(original.get("StudyDate").asText());
    assertThat(anonymized.get("PatientName").asText()).startsWith("ANON^P");
  }

  @Test
  void eightBitPngSlicesOfDicomSeriesUseTheFilesOwnWindowAsPydicomAppliesIt() throws Exception {
    Path out = tmp.resolve("png");
    Exporter.export(ds, ExportOptions.of(ExportFormat.PNG, out), Progress.NONE);
    for (HippocampusManifest.Patient p : manifest.patients()) {
      HippocampusManifest.Image image = p.images().get(p.images().size() / 2);
      Path png = out.resolve(String.format("images/%s/%04d.png", p.patientId(), image.sliceIndex()));
      JsonNode ours = ExportTools.python("png", List.of(png)).get(0).get("values");
      JsonNode theirs = ExportTools.python("windowed", List.of(demo.resolve(image.file()))).get("values");
      assertThat(ours.size()).isEqualTo(theirs.size());
      for (int i = 0; i < ours.size(); i++) {
        assertThat(ours.get(i).asLong()).as("pixel %d of %s", i, image.file())
            .isCloseTo(theirs.get(i).asLong(), within(1L));
      }
      Path mask = out.resolve(String.format("masks/Hippocampus_L/%s/%04d.png", p.patientId(), image.sliceIndex()));
      assertThat(ExportTools.python("png", List.of(mask)).get(0).get("counts").path("1").asLong())
          .isEqualTo(image.pixels().get("Hippocampus_L"));
    }
  }

  @Test
  void seriesImportedAsVolumesExportWithTheirMasksToNiftiAndNnunet() throws Exception {
    Dataset volumes = catalog.create("hippo-volumes", MediaType.VOLUME);
    ImportReport r = DicomImporter.run(demo.resolve(HippocampusDemo.ROOT), volumes, new DicomImporter.Options(
        "MR*.dcm", "RS*.dcm", DicomImporter.Mode.VOLUMES), Progress.NONE, MediaFiles.of(catalog.store(), "hippo-volumes"));
    assertThat(r.skipped()).isEmpty();
    Path out = tmp.resolve("volumes-nnunet");
    ExportReport report = Exporter.export(volumes, ExportOptions.of(ExportFormat.NNUNET, out)
        .withLabelFields(List.of("Hippocampus_L", "Hippocampus_R")), Progress.NONE);
    assertThat(report.skipped()).isEmpty();
    JsonNode check = ExportTools.python("nnunet", List.of(out));
    assertThat(check.get("errors")).isEmpty();
    assertThat(check.get("labels").toString()).isEqualTo("{\"background\":0,\"Hippocampus_L\":1,\"Hippocampus_R\":2}");
    assertThat(check.get("channel_names").get("0").asText()).isEqualTo("MR");
    List<String> cases = Files.readAllLines(out.resolve("cases.csv"));
    for (String row : cases.subList(1, cases.size())) {
      String[] cols = row.split(",");
      HippocampusManifest.Patient p = manifest.patients().stream().filter(x -> x.patientId().equals(cols[3]))
          .findFirst().orElseThrow();
      JsonNode counts = check.get("cases").get(cols[0]);
      assertThat(counts.path("1").asLong()).isEqualTo(roiVoxels(p, "Hippocampus_L"));
      assertThat(counts.path("2").asLong()).isEqualTo(roiVoxels(p, "Hippocampus_R"));
    }
  }
}
