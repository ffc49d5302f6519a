// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.core.Progress;
import org.scanbase.dataset.Catalog;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.MediaType;
import org.scanbase.dataset.Sample;
import org.scanbase.label.Segmentation;
import org.scanbase.store.sqlite.SqliteStore;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;
import org.scanbase.volume.VolumeFiles;

/** How an export treats bad input: one bad case is skipped with its reason, the rest is written. */
class ExporterTest {
  @TempDir
  Path dir;
  Catalog catalog;
  Dataset ds;

  @BeforeEach
  void open() throws IOException {
    catalog = new Catalog(new SqliteStore(dir.resolve("scanbase.db")));
    ds = catalog.create("vols", MediaType.VOLUME);
    for (String name : List.of("a", "b")) {
      Path image = dir.resolve(name + ".nii.gz");
      Path mask = dir.resolve(name + "-mask.nii.gz");
      Geometry g = Geometry.axisAligned(new int[] {4, 3, 2}, new double[] {1, 1, 2}, new double[] {0, 0, 0});
      NdArray m = NdArray.allocate(DType.UINT8, new int[] {2, 3, 4});
      m.setDouble(5, 1);
      m.setDouble(17, 1);
      VolumeFiles.write(Volume.of(NdArray.allocate(DType.INT16, new int[] {2, 3, 4}), g), image);
      VolumeFiles.write(Volume.of(m, g), mask);
      ds.addSample(Sample.of(image, MediaType.VOLUME).set("Organ", Segmentation.ofMask(mask)));
    }
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  @Test
  void aCaseWhoseImageIsGoneIsSkippedNamingTheFileAndTheOthersAreExported() throws Exception {
    Files.delete(dir.resolve("a.nii.gz"));
    ExportReport report = Exporter.export(ds, ExportOptions.of(ExportFormat.NIFTI, dir.resolve("out")), Progress.NONE);
    assertThat(report.exported()).isEqualTo(1);
    assertThat(report.skipped()).singleElement().satisfies(s -> {
      assertThat(s.path()).endsWith("a.nii.gz");
      assertThat(s.reason()).contains("a.nii.gz");
    });
    assertThat(Files.readAllLines(dir.resolve("out/manifest.csv")))
        .containsExactly("image,field,mask", "images/b.nii.gz,Organ,labels/b/Organ.nii.gz");
    assertThat(report.summary()).contains("skipped 1").contains("a.nii.gz");
  }

  @Test
  void segExportOfACaseWithOnlyEmptyMasksIsSkippedWithTheReasonAndTheOthersAreWritten() throws Exception {
    Path empty = dir.resolve("empty-mask.nii.gz");
    Geometry g = Geometry.axisAligned(new int[] {4, 3, 2}, new double[] {1, 1, 2}, new double[] {0, 0, 0});
    VolumeFiles.write(Volume.of(NdArray.allocate(DType.UINT8, new int[] {2, 3, 4}), g), empty);
    for (Sample s : ds.match(org.scanbase.view.F.field("filepath").eq(dir.resolve("a.nii.gz").toString()))) {
      s.set("Organ", Segmentation.ofMask(empty)).save();
    }
    ExportReport report = Exporter.export(ds, ExportOptions.of(ExportFormat.SEG, dir.resolve("seg")), Progress.NONE);
    assertThat(report.exported()).isEqualTo(1);
    assertThat(report.skipped()).singleElement().satisfies(s -> {
      assertThat(s.path()).endsWith("a.nii.gz");
      assertThat(s.reason()).contains("empty");
    });
    assertThat(dir.resolve("seg/b/SEG.dcm")).isRegularFile();
    assertThat(dir.resolve("seg/b/series/IM0002.dcm")).isRegularFile();
  }

  @Test
  void aNonEmptyOutputFolderIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path out = Files.createDirectories(dir.resolve("full"));
    Files.writeString(out.resolve("keep.txt"), "x");
    assertThatThrownBy(() -> Exporter.export(ds, ExportOptions.of(ExportFormat.NIFTI, out), Progress.NONE))
        .isInstanceOf(IOException.class).hasMessageContaining("must be empty");
    try (var s = Files.list(out)) {
      assertThat(s.toList()).containsExactly(out.resolve("keep.txt"));
    }
  }

  @Test
  void aLabelFieldThatIsNotASegmentationIsAUserError() {
    ds.addSample(Sample.of(dir.resolve("c.nii.gz"), MediaType.VOLUME).set("note", "x"));
    assertThatThrownBy(() -> Exporter.export(ds, ExportOptions.of(ExportFormat.NNUNET, dir.resolve("n"))
        .withLabelFields(List.of("note")), Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("note").hasMessageContaining("string");
  }

  @Test
  void nnunetNamesCasesAfterTheDatasetInViewOrder() throws Exception {
    Path out = dir.resolve("nn");
    Exporter.export(ds.sortBy(org.scanbase.view.F.field("filepath"), true), ExportOptions.of(ExportFormat.NNUNET, out),
        Progress.NONE);
    List<String> cases = Files.readAllLines(out.resolve("cases.csv"));
    assertThat(cases.get(1)).startsWith("vols_001,").contains("b.nii.gz");
    assertThat(cases.get(2)).startsWith("vols_002,").contains("a.nii.gz");
  }

  @Test
  void unknownFormatCodesAreRejectedWithTheKnownOnes() {
    assertThatThrownBy(() -> ExportFormat.fromCode("dicomweb")).hasMessageContaining("nifti, png, nnunet, rtstruct, seg");
    assertThat(ExportFormat.fromCode("NNUNET")).isEqualTo(ExportFormat.NNUNET);
  }
}
