// SPDX-License-Identifier: Apache-2.0
package org.scanbase.importer;

import org.scanbase.core.Progress;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
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
import org.scanbase.dataset.View;
import org.scanbase.demo.HippocampusDemo;
import org.scanbase.demo.HippocampusManifest;
import org.scanbase.label.Segmentation;
import org.scanbase.store.sqlite.SqliteStore;

/**
 * The DICOM importer on the hippocampus demo: the mask pixel counts must equal those the demo
 * generator recorded for what it drew (its manifest), and every slice must be found again.
 */
class DicomImporterTest {
  @TempDir
  static Path shared;

  static Path demo;
  static HippocampusManifest manifest;

  @TempDir
  Path dir;

  Catalog catalog;

  @BeforeAll
  static void writeDemo() throws Exception {
    demo = shared.resolve("hippo");
    manifest = HippocampusDemo.write(demo, HippocampusDemo.Options.defaults()).manifest();
  }

  @BeforeEach
  void open() {
    catalog = new Catalog(new SqliteStore(dir.resolve("home").resolve("scanbase.db")));
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  private ImportReport importSlices(Path root, Dataset ds) throws Exception {
    return DicomImporter.run(root, ds, new DicomImporter.Options("MR*.dcm", "RS*.dcm", DicomImporter.Mode.SLICES),
        Progress.NONE, MediaFiles.of(catalog.store(), ds.name()));
  }

  @Test
  void importsEverySliceWithTypedFieldsAndTheDrawnMasks() throws Exception {
    Dataset ds = catalog.create("hippo");
    ImportReport report = importSlices(demo.resolve(HippocampusDemo.ROOT), ds);
    int images = manifest.imageCount();
    assertThat(report.imported()).isEqualTo(images);
    assertThat(report.skipped()).isEmpty();
    assertThat(ds.count()).isEqualTo(images);
    assertThat(ds.reload().schema()).containsEntry("PatientID", "string").containsEntry("StudyDate", "date")
        .containsEntry("SliceLocation", "float").containsEntry("InstanceNumber", "int")
        .containsEntry("Hippocampus_L", "Segmentation").containsEntry("slice_index", "int");
    assertThat(ds.maskTargets()).containsEntry("Hippocampus_L", Map.of("1", "Hippocampus_L"))
        .containsEntry("Hippocampus_R", Map.of("1", "Hippocampus_R"));

    Map<String, HippocampusManifest.Image> bySop = new HashMap<>();
    manifest.patients().forEach(p -> p.images().forEach(i -> bySop.put(i.sopInstanceUid(), i)));
    long checkedFiles = 0;
    for (Sample s : ds) {
      HippocampusManifest.Image expected = bySop.get((String) s.get("SOPInstanceUID"));
      assertThat(expected).as("sample %s", s.filepath()).isNotNull();
      assertThat(s.get("slice_index")).isEqualTo((long) expected.sliceIndex());
      for (String roi : List.of("Hippocampus_L", "Hippocampus_R")) {
        Segmentation seg = s.label(roi, Segmentation.class).orElseThrow();
        assertThat(seg.pixels()).as("%s on %s", roi, s.filepath()).isEqualTo(expected.pixels().get(roi));
        if (seg.pixels() == 0) {
          assertThat(seg.maskPath()).isNull();
        } else {
          assertThat(nonZero(Path.of(seg.maskPath()))).isEqualTo(seg.pixels());
          checkedFiles++;
        }
      }
    }
    assertThat(checkedFiles).isPositive();
    assertThat(ds.match("Hippocampus_L.pixels > 0").count()).isPositive();
  }

  @Test
  void groupsOneVolumePerPatientInSliceOrder() throws Exception {
    Dataset ds = catalog.create("hippo");
    importSlices(demo.resolve(HippocampusDemo.ROOT), ds);
    List<View.Group> groups = ds.groupBy("PatientID", "slice_index").groups(1000);
    assertThat(groups).hasSize(manifest.patients().size());
    for (View.Group g : groups) {
      HippocampusManifest.Patient p = manifest.patients().stream()
          .filter(x -> x.patientId().equals(g.key())).findFirst().orElseThrow();
      List<String> expected = p.images().stream()
          .sorted(java.util.Comparator.comparingInt(HippocampusManifest.Image::sliceIndex))
          .map(HippocampusManifest.Image::sopInstanceUid).toList();
      assertThat(g.samples().stream().map(s -> (String) s.get("SOPInstanceUID")).toList())
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void reimportingAddsNothing() throws Exception {
    Dataset ds = catalog.create("hippo");
    importSlices(demo.resolve(HippocampusDemo.ROOT), ds);
    ImportReport again = importSlices(demo.resolve(HippocampusDemo.ROOT), ds);
    assertThat(again.imported()).isZero();
    assertThat(again.existing()).isEqualTo(manifest.imageCount());
    assertThat(ds.count()).isEqualTo(manifest.imageCount());
  }

  @Test
  void importsTheRestAndReportsJunkTruncatedFilesAndOrphanStructureSets() throws Exception {
    // patient 01's folder, plus junk, a truncated slice and patient 02's RTSTRUCT without its images
    Path root = dir.resolve("mixed");
    HippocampusManifest.Patient p1 = manifest.patients().get(0);
    HippocampusManifest.Patient p2 = manifest.patients().get(1);
    Path folder = root.resolve(p1.folder());
    Files.createDirectories(folder);
    for (HippocampusManifest.Image i : p1.images()) {
      Files.copy(demo.resolve(i.file()), folder.resolve(Path.of(i.file()).getFileName()));
    }
    Files.copy(demo.resolve(p1.rtstruct()), folder.resolve(Path.of(p1.rtstruct()).getFileName()));
    Path orphan = root.resolve("RS.orphan.dcm");
    Files.copy(demo.resolve(p2.rtstruct()), orphan, StandardCopyOption.REPLACE_EXISTING);
    Path junk = root.resolve("MR.notes.dcm");
    Files.writeString(junk, "this is not DICOM at all, but it matches the glob\n".repeat(20));
    byte[] whole = Files.readAllBytes(demo.resolve(p2.images().get(0).file()));
    Path truncated = root.resolve("MR.truncated.dcm");
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 1000));

    Dataset ds = catalog.create("mixed");
    ImportReport report = importSlices(root, ds);
    assertThat(report.imported()).isEqualTo(p1.images().size());
    Map<String, String> reasons = new HashMap<>();
    report.skipped().forEach(s -> reasons.put(s.path().getFileName().toString(), s.reason()));
    assertThat(reasons).containsOnlyKeys("RS.orphan.dcm", "MR.notes.dcm", "MR.truncated.dcm");
    assertThat(reasons.get("RS.orphan.dcm")).contains("none of them imported");
    assertThat(reasons.get("MR.truncated.dcm")).containsIgnoringCase("pixel");
    assertThat(report.toJson().get("skipped")).asList().hasSize(3);
    assertThat(ds.exists("Hippocampus_L", true).count()).isEqualTo(p1.images().size());
  }

  @Test
  void importsVolumesWithFramesAndLabelVolumes() throws Exception {
    Dataset ds = catalog.create("vols", MediaType.VOLUME);
    ImportReport report = DicomImporter.run(demo.resolve(HippocampusDemo.ROOT), ds,
        new DicomImporter.Options("MR*.dcm", "RS*.dcm", DicomImporter.Mode.VOLUMES), Progress.NONE,
        MediaFiles.of(catalog.store(), "vols"));
    assertThat(report.imported()).isEqualTo(manifest.patients().size());
    for (HippocampusManifest.Patient p : manifest.patients()) {
      Sample s = ds.match("PatientID == \"" + p.patientId() + "\"").first().orElseThrow();
      assertThat(s.frames().count()).isEqualTo(p.images().size());
      for (HippocampusManifest.RoiSummary roi : p.rois()) {
        Segmentation seg = s.label(roi.name(), Segmentation.class).orElseThrow();
        assertThat(seg.pixels()).isEqualTo(roi.voxels());
        assertThat(seg.maskPath()).endsWith(".nii.gz");
        assertThat(Segmentation.ofMask(Path.of(seg.maskPath())).pixels()).isEqualTo(roi.voxels());
      }
      List<Long> perFrame = new ArrayList<>();
      s.frames().forEach(f -> perFrame.add(((Number) ((Map<?, ?>) f.get("Hippocampus_L")).get("pixels")).longValue()));
      List<Long> expected = p.images().stream()
          .sorted(java.util.Comparator.comparingInt(HippocampusManifest.Image::sliceIndex))
          .map(i -> i.pixels().get("Hippocampus_L")).toList();
      assertThat(perFrame).containsExactlyElementsOf(expected);
    }
  }

  private static long nonZero(Path png) throws Exception {
    Raster r = ImageIO.read(png.toFile()).getRaster();
    long n = 0;
    for (int y = 0; y < r.getHeight(); y++) {
      for (int x = 0; x < r.getWidth(); x++) {
        n += r.getSample(x, y, 0) != 0 ? 1 : 0;
      }
    }
    return n;
  }
}
