// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.label.Classification;
import org.scanbase.label.Segmentation;
import org.scanbase.store.sqlite.SqliteStore;
import org.scanbase.view.F;
import org.scanbase.view.ViewSpec;

class DatasetApiTest {
  @TempDir
  Path dir;

  Catalog catalog;

  @BeforeEach
  void open() {
    catalog = new Catalog(new SqliteStore(dir.resolve("db").resolve("scanbase.db")));
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  static List<Sample> slices(String patient, int n) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Sample.of(Path.of("/data", patient, "MR" + i + ".dcm"))
          .set("PatientID", patient).set("SliceLocation", 10.0 - 2.5 * i).set("InstanceNumber", i + 1)
          .set("Modality", i == 0 ? "CT" : "MR").set("StudyDate", LocalDate.of(2020, 3, 1 + i)));
    }
    return out;
  }

  static Path mask(Path dir, String name, int onPixels) throws Exception {
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < onPixels; i++) {
      img.getRaster().setSample(i % 8, i / 8, 0, 1);
    }
    Path p = dir.resolve(name);
    ImageIO.write(img, "png", p.toFile());
    return p;
  }

  @Test
  void infersTheSchemaWithDatesAndLabels() throws Exception {
    Dataset ds = catalog.create("p1");
    ds.addSamples(slices("P01", 3));
    Sample s = ds.first().orElseThrow();
    s.set("Hippocampus_L", Segmentation.ofMask(mask(dir, "m.png", 5))).set("metadata.width", 8).save();
    assertThat(ds.reload().schema()).containsEntry("PatientID", "string").containsEntry("SliceLocation", "float")
        .containsEntry("InstanceNumber", "int").containsEntry("StudyDate", "date")
        .containsEntry("tags", "list").containsEntry("metadata.width", "int")
        .containsEntry("Hippocampus_L", "Segmentation");
    Segmentation seg = ds.sample(s.id()).orElseThrow().label("Hippocampus_L", Segmentation.class).orElseThrow();
    assertThat(seg.pixels()).isEqualTo(5);
    assertThat(seg.maskPath()).isEqualTo(dir.resolve("m.png").toString());
    assertThat(ds.sample(s.id()).orElseThrow().getDate("StudyDate")).contains(LocalDate.of(2020, 3, 1));
    assertThat(ds.match("StudyDate >= \"2020-03-02\"").count()).isEqualTo(2);
  }

  @Test
  void runsTheSeedWorkflow() throws Exception {
    Dataset ds = catalog.create("Patient1Scans");
    ds.addSamples(slices("P01", 4));
    View view = ds.sortBy("SliceLocation").match(F.field("Modality").eq("MR"));
    int k = 0;
    for (Sample s : view) {
      s.set("Hippocampus_L", Segmentation.ofMask(mask(dir, "l" + (k++) + ".png", k))).save();
    }
    assertThat(ds.exists("Hippocampus_L", true).count()).isEqualTo(3);
    List<Object> slices = new ArrayList<>();
    view.forEach(s -> slices.add(s.get("SliceLocation")));
    assertThat(slices).containsExactly(2.5, 5.0, 7.5);
    Dataset all = catalog.create("Hippocampal Contouring");
    all.mergeSamples(ds);
    all.mergeSamples(catalog.create("Patient2Scans").view());
    Dataset p2 = catalog.load("Patient2Scans");
    p2.addSamples(slices("P02", 2));
    MergeResult r = all.mergeSamples(p2);
    assertThat(r).isEqualTo(new MergeResult(2, 0, 0));
    assertThat(all.count()).isEqualTo(6);
    assertThat(all.match("PatientID == \"P01\" and exists(Hippocampus_L)").count()).isEqualTo(3);
  }

  @Test
  void mergesExistingSamplesByKeyWithListUnion() {
    Dataset a = catalog.create("a");
    Dataset b = catalog.create("b");
    a.addSamples(List.of(Sample.of(Path.of("/x")).set("n", 1).set("keep", "a").tag("t1"),
        Sample.of(Path.of("/y")).set("n", 2)));
    b.addSamples(List.of(Sample.of(Path.of("/x")).set("n", 10).set("new", true).set("keep", null).tag("t2", "t1"),
        Sample.of(Path.of("/z")).set("n", 3)));
    assertThat(a.mergeSamples(b, MergeOptions.DEFAULTS.withInsertNew(false))).isEqualTo(new MergeResult(0, 1, 1));
    Sample x = a.match("filepath == \"/x\"").first().orElseThrow();
    assertThat(x.get("n")).isEqualTo(10L);
    assertThat(x.get("new")).isEqualTo(true);
    assertThat(x.get("keep")).isEqualTo("a");
    assertThat(x.tags()).containsExactly("t1", "t2");
    assertThat(a.count()).isEqualTo(2);

    assertThat(a.mergeSamples(b, MergeOptions.DEFAULTS.withSkipExisting(true))).isEqualTo(new MergeResult(1, 0, 1));
    assertThat(a.count()).isEqualTo(3);

    Dataset c = catalog.create("c");
    c.addSamples(List.of(Sample.of(Path.of("/other")).set("n", 2).set("only", "c").tag("z")));
    assertThat(a.mergeSamples(c, MergeOptions.DEFAULTS.byField("n").withFields(List.of("only"))))
        .isEqualTo(new MergeResult(0, 1, 0));
    Sample y = a.match("filepath == \"/y\"").first().orElseThrow();
    assertThat(y.get("only")).isEqualTo("c");
    assertThat(y.tags()).isEmpty();
  }

  @Test
  void editsViewsTagsAndFields() {
    Dataset ds = catalog.create("d");
    ds.addSamples(slices("P01", 5));
    View low = ds.match("SliceLocation < 5");
    assertThat(low.setField("review", true)).isEqualTo(2);
    low.tag("check", "low");
    ds.match("InstanceNumber == 5").untag("low");
    assertThat(ds.matchTags(List.of("low"), false).count()).isEqualTo(1);
    assertThat(ds.matchTags(List.of("check"), false).count()).isEqualTo(2);
    assertThat(ds.reload().schema()).containsEntry("review", "bool");
    ds.deleteField("review");
    assertThat(ds.exists("review", true).count()).isZero();
    assertThat(ds.reload().schema()).doesNotContainKey("review");
    assertThat(ds.deleteSamples(low)).isEqualTo(2);
    assertThat(ds.count()).isEqualTo(3);
  }

  @Test
  void clonesAViewIntoANewDatasetWithFrames() {
    Dataset vol = catalog.create("vols", MediaType.VOLUME);
    Sample s = Sample.of(Path.of("/ct/coronacases_org_001.nii")).set("PatientID", "c1");
    s.frames().get(1).set("lung", Classification.of("left"));
    s.frames().get(2).set("SliceLocation", 2.0);
    vol.addSample(s);
    vol.addSample(Sample.of(Path.of("/ct/radiopaedia_1.nii")).set("PatientID", "r1"));
    vol.setMaskTargets("lung", Map.of(1, "left", 2, "right"));
    Dataset copy = vol.match("PatientID == \"c1\"").cloneAs("copy");
    assertThat(copy.mediaType()).isEqualTo(MediaType.VOLUME);
    assertThat(copy.count()).isEqualTo(1);
    assertThat(copy.maskTargets()).isEqualTo(Map.of("lung", Map.of("1", "left", "2", "right")));
    Sample c = copy.first().orElseThrow();
    assertThat(c.id()).isNotEqualTo(s.id());
    assertThat(c.frames().count()).isEqualTo(2);
    assertThat(c.frames().get(2).get("SliceLocation")).isEqualTo(2.0);
    assertThat(copy.toFrames().count()).isEqualTo(2);
    assertThat(vol.toFrames().match("frame_number == 2").first().orElseThrow().get("filepath"))
        .isEqualTo("/ct/coronacases_org_001.nii");
    assertThat(vol.reload().schema()).containsEntry("frames.lung", "Classification");
  }

  @Test
  void savesViewsByName() {
    Dataset ds = catalog.create("d");
    ds.addSamples(slices("P01", 5));
    ds.match("SliceLocation > 0").sortBy("SliceLocation").saveAs("positive");
    View back = ds.savedView("positive").orElseThrow();
    assertThat(back.count()).isEqualTo(4);
    assertThat(back.spec()).isEqualTo(ViewSpec.fromJson(back.toJson()));
    assertThat(ds.savedViewNames()).containsExactly("positive");
  }

  @Test
  void refusesToWriteThroughAFramesView() {
    Dataset vol = catalog.create("v", MediaType.VOLUME);
    Sample s = Sample.of(Path.of("/v.nii"));
    s.frames().get(1);
    vol.addSample(s);
    Sample frame = vol.toFrames().first().orElseThrow();
    assertThatThrownBy(() -> frame.set("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> vol.toFrames().setField("x", 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tagsLabelsInsideSamplesAndDeclaresFieldTypes() {
    Dataset ds = catalog.create("labels");
    ds.declareFieldType("reviewed_on", "date");
    Sample s = Sample.of(Path.of("/a.dcm")).set("truth", new org.scanbase.label.Detections(List.of(
        new org.scanbase.label.Detection("nodule", List.of(0.1, 0.1, 0.2, 0.2), null, List.of(), Map.of()),
        new org.scanbase.label.Detection("vessel", List.of(0.5, 0.5, 0.1, 0.1), 0.9, List.of("old"), Map.of()))))
        .set("grade", Classification.of("benign"));
    ds.addSample(s);
    ds.tagLabels("truth", "checked");
    ds.tagLabels("grade", "checked");
    ds.untagLabels("truth", "old");
    Sample back = ds.first().orElseThrow();
    var dets = back.label("truth", org.scanbase.label.Detections.class).orElseThrow().detections();
    assertThat(dets).allMatch(d -> d.tags().equals(List.of("checked")));
    assertThat(back.label("grade", Classification.class).orElseThrow().tags()).containsExactly("checked");
    assertThat(ds.reload().schema()).containsEntry("reviewed_on", "date").containsEntry("truth", "Detections");
  }

  @Test
  void deletesNonPersistentDatasetsWhenTheirCatalogCloses() {
    Path db = dir.resolve("persist").resolve("scanbase.db");
    try (Catalog c = new Catalog(new SqliteStore(db))) {
      c.create("kept");
      Dataset temp = c.create("temporary");
      temp.setPersistent(false);
      assertThat(temp.persistent()).isFalse();
      assertThat(c.load("kept").persistent()).isTrue();
    }
    try (Catalog c = new Catalog(new SqliteStore(db))) {
      assertThat(c.list()).containsExactly("kept");
    }
  }

  @Test
  void picksOneGroupInItsOrder() {
    Dataset ds = catalog.create("g");
    ds.addSamples(slices("P01", 4));
    ds.addSamples(slices("P02", 3));
    View grouped = ds.groupBy("PatientID", "SliceLocation");
    List<Object> order = new ArrayList<>();
    grouped.group("P02").forEach(s -> order.add(s.get("SliceLocation")));
    assertThat(order).containsExactly(5.0, 7.5, 10.0);
    assertThat(grouped.group("nobody").count()).isZero();
    assertThatThrownBy(() -> ds.group("P01")).isInstanceOf(IllegalArgumentException.class);
  }
}
