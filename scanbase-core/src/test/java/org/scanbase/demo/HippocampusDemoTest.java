// SPDX-License-Identifier: Apache-2.0
package org.scanbase.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomReader;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.pixel.PixelArray;
import org.scanbase.dicom.pixel.PixelDecoder;
import org.scanbase.rt.ContourRasterizer;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.rt.ReferencedGrids;
import org.scanbase.rt.RoiMasks;
import org.scanbase.rt.RtStructReader;

/** The hippocampus demo read back with scanbase's own readers, and its folder rules. */
class HippocampusDemoTest {
  @TempDir
  static Path tmp;
  static Path out;
  static DemoResult<HippocampusManifest> result;

  @BeforeAll
  static void generate() throws IOException {
    out = tmp.resolve("demo");
    result = HippocampusDemo.write(out, HippocampusDemo.Options.defaults());
  }

  HippocampusManifest manifest() {
    return result.manifest();
  }

  @Test
  void writesTheKaggleLayoutAndTheManifestBesideIt() throws IOException {
    assertThat(result.reused()).isFalse();
    assertThat(names(out)).containsExactly("HippocampalMRISlices", "hippocampus-demo.json");
    assertThat(names(out.resolve("HippocampalMRISlices"))).containsExactly("01", "02", "03", "04");
    for (HippocampusManifest.Patient p : manifest().patients()) {
      List<String> files = names(out.resolve("HippocampalMRISlices").resolve(p.folder()));
      assertThat(files).hasSize(25);
      assertThat(files.stream().filter(f -> f.matches("MR\\.2\\.25\\.\\d+\\.dcm"))).hasSize(24);
      assertThat(files.stream().filter(f -> f.matches("RS\\.2\\.25\\.\\d+\\.dcm"))).hasSize(1);
      assertThat(out.resolve(p.rtstruct())).isRegularFile();
    }
    assertThat(manifest().files()).hasSize(100).allSatisfy(f -> assertThat(out.resolve(f)).isRegularFile());
    assertThat(DemoFolder.read(result.manifestFile(), HippocampusManifest.class).files())
        .isEqualTo(manifest().files());
  }

  @Test
  void slicesCarryRealisticHeadersThatVaryAcrossPatients() throws IOException {
    for (HippocampusManifest.Patient p : manifest().patients()) {
      for (HippocampusManifest.Image image : p.images()) {
        Attributes ds = DicomReader.readHeader(out.resolve(image.file())).dataset();
        assertThat(out.resolve(image.file()).getFileName().toString())
            .isEqualTo("MR." + ds.getString(Tags.SOPInstanceUID).orElseThrow() + ".dcm");
        assertThat(ds.getString(Tags.SOPClassUID)).hasValue(HippocampusPatient.MR_IMAGE_STORAGE);
        assertThat(ds.getString(Tags.Modality)).hasValue("MR");
        assertThat(ds.getString(Tags.BodyPartExamined)).hasValue("HEAD");
        assertThat(ds.getString(Tags.PatientID)).hasValue(p.patientId());
        assertThat(ds.getString(Tags.Manufacturer)).hasValue(p.manufacturer());
        assertThat(ds.getDouble(Tags.MagneticFieldStrength).orElseThrow()).isEqualTo(p.magneticFieldStrength());
        assertThat(ds.getInt(Tags.InstanceNumber, -1)).isEqualTo(image.instanceNumber());
        assertThat(ds.getDouble(Tags.SliceLocation).orElseThrow()).isEqualTo(image.sliceLocation());
        assertThat(ds.getDoubles(Tags.PixelSpacing)).containsExactly(p.pixelSpacing());
        assertThat(ds.getDoubles(Tags.ImageOrientationPatient)).containsExactly(p.imageOrientationPatient());
        assertThat(ds.getInt(Tags.BitsStored, -1)).isEqualTo(12);
        assertThat(ds.contains(Tags.RescaleSlope) || ds.contains(Tags.RescaleIntercept)).isFalse();
        assertThat(ds.getString(Tags.FrameOfReferenceUID)).hasValue(p.frameOfReferenceUid());
      }
    }
    List<HippocampusManifest.Patient> ps = manifest().patients();
    assertThat(ps.stream().map(HippocampusManifest.Patient::manufacturer).distinct()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(ps.stream().map(HippocampusManifest.Patient::magneticFieldStrength).distinct())
        .containsExactlyInAnyOrder(1.5, 3.0);
    assertThat(ps.stream().map(HippocampusManifest.Patient::oblique)).containsExactly(false, false, true, true);
    assertThat(ps.stream().map(HippocampusManifest.Patient::anisotropic)).containsExactly(false, true, false, true);
    for (HippocampusManifest.Patient p : ps) {
      double[] iop = p.imageOrientationPatient();
      assertThat(iop[0] == 1 && iop[4] == 1).as("axial orientation of %s", p.folder()).isEqualTo(!p.oblique());
      assertThat(p.pixelSpacing()[0] != p.pixelSpacing()[1]).isEqualTo(p.anisotropic());
    }
  }

  /**
   * Each ROI's pixels per slice are the pixel centres inside the ellipse where the slice plane
   * cuts the ROI's ellipsoid, counted here from the slice headers by hand. The contour is a
   * 48-point polygon inscribed in that ellipse: it holds every centre inside the ellipse shrunk
   * by cos(pi/48) and none outside the ellipse, so the count lies between those two hand counts.
   * Slices where the ellipse would be narrower than a pixel, or that pass within 2 % of the tip,
   * carry no contour.
   */
  @Test
  void roiPixelsAreThePixelCentresInsideTheEllipseOfEachSlice() throws IOException {
    long compared = 0;
    for (HippocampusManifest.Patient p : manifest().patients()) {
      for (HippocampusManifest.RoiSummary roi : p.rois()) {
        long total = 0;
        for (HippocampusManifest.Image image : p.images()) {
          Attributes ds = DicomReader.readHeader(out.resolve(image.file())).dataset();
          double shrink = Math.cos(Math.PI / HippocampusStructures.POINTS);
          long outer = ellipsePixels(ds, roi.ellipsoid(), 1);
          long inner = ellipsePixels(ds, roi.ellipsoid(), shrink * shrink);
          long actual = image.pixels().get(roi.name());
          assertThat(actual).as("%s %s slice %d", p.folder(), roi.name(), image.instanceNumber())
              .isBetween(inner, outer);
          total += actual;
          compared += outer > 0 ? 1 : 0;
        }
        assertThat(roi.voxels()).isEqualTo(total).isPositive();
        assertThat(roi.contours()).isGreaterThanOrEqualTo(roi.slices()).isGreaterThanOrEqualTo(2);
      }
    }
    assertThat(compared).isGreaterThan(20);
  }

  /**
   * Pixel centres of one slice inside the ellipsoid's section scaled by sqrt(r2), or 0 where the
   * demo draws no contour.
   */
  static long ellipsePixels(Attributes ds, Ellipsoid e, double r2) {
    double[] ipp = ds.getDoubles(Tags.ImagePositionPatient);
    double[] ps = ds.getDoubles(Tags.PixelSpacing);
    double[] c = e.center();
    double[] semi = e.semiAxes();
    double[][] axes = e.axes();
    double[] d = {c[0] - ipp[0], c[1] - ipp[1], c[2] - ipp[2]};
    double w = dot(d, axes[2]) / semi[2];
    double s = Math.sqrt(Math.max(0, 1 - w * w));
    double a = semi[0] * s;
    double b = semi[1] * s;
    if (1 - w * w < 0.04 || a < ps[1] || b < ps[0]) {
      return 0;
    }
    double u0 = dot(d, axes[0]);
    double v0 = dot(d, axes[1]);
    long n = 0;
    for (int j = 0; j < ds.getInt(Tags.Rows, 0); j++) {
      for (int i = 0; i < ds.getInt(Tags.Columns, 0); i++) {
        double u = (i * ps[1] - u0) / a;
        double v = (j * ps[0] - v0) / b;
        n += u * u + v * v <= r2 ? 1 : 0;
      }
    }
    return n;
  }

  /**
   * Read from disk the way an importer does (grid from the folder, structure set from its file),
   * the masks have the manifest's pixel counts and lie on the image's hippocampi: the mean value
   * under them is the hippocampus's nominal T1 signal for that scanner (within 10 %: bias field
   * and noise).
   */
  @Test
  void masksReadFromDiskMatchTheManifestAndCoverTheHippocampiInTheImage() throws IOException {
    for (HippocampusManifest.Patient p : manifest().patients()) {
      Path dir = out.resolve("HippocampalMRISlices").resolve(p.folder());
      ReferencedGrid grid = ReferencedGrids.fromFolder(dir);
      RoiMasks masks = ContourRasterizer.rasterize(RtStructReader.read(out.resolve(p.rtstruct())).structureSet(),
          grid, new ContourRasterizer.Options(true));
      assertThat(masks.warnings()).isEmpty();
      Map<String, HippocampusManifest.Image> bySop = new HashMap<>();
      p.images().forEach(i -> bySop.put(i.sopInstanceUid(), i));
      int nx = p.columns();
      int ny = p.rows();
      for (RoiMasks.RoiMask m : masks.masks()) {
        byte[] v = (byte[]) m.mask().voxels().data();
        double sum = 0;
        long n = 0;
        for (int k = 0; k < grid.sopInstanceUids().size(); k++) {
          HippocampusManifest.Image image = bySop.get(grid.sopInstanceUids().get(k));
          PixelArray px = PixelDecoder.decode(out.resolve(image.file()));
          long count = 0;
          for (int q = 0; q < nx * ny; q++) {
            if (v[k * nx * ny + q] != 0) {
              count++;
              sum += px.getDouble(q);
            }
          }
          assertThat(count).as("%s %s slice %d", p.folder(), m.name(), k).isEqualTo(image.pixels().get(m.name()));
          n += count;
        }
        double gain = MrScanner.ALL.stream().filter(s -> s.model().equals(p.manufacturerModelName()))
            .findFirst().orElseThrow().gain();
        assertThat(sum / n).as("mean under %s of %s", m.name(), p.folder())
            .isCloseTo(HeadPhantom.HIPPOCAMPUS * gain, within(0.10 * HeadPhantom.HIPPOCAMPUS * gain));
      }
      assertThat(masks.mask("Hippocampus_L").orElseThrow().roiNumber()).isEqualTo(1);
      assertThat(masks.mask("Hippocampus_R").orElseThrow().roiNumber()).isEqualTo(2);
    }
  }

  @Test
  void theLeftHippocampusIsOnThePatientsLeft() {
    for (HippocampusManifest.Patient p : manifest().patients()) {
      assertThat(p.rois().get(0).name()).isEqualTo("Hippocampus_L");
      assertThat(p.rois().get(0).ellipsoid().center()[0]).isGreaterThan(p.rois().get(1).ellipsoid().center()[0] + 30);
    }
  }

  @Test
  void theSameOptionsGiveTheSameBytesAndAnotherSeedOtherPixels() throws IOException {
    Path again = tmp.resolve("again");
    HippocampusDemo.write(again, HippocampusDemo.Options.defaults());
    Map<String, String> first = DemoTools.checksums(out);
    assertThat(DemoTools.checksums(again)).isEqualTo(first).hasSize(101);
    Path other = tmp.resolve("other-seed");
    HippocampusManifest m = HippocampusDemo.write(other, new HippocampusDemo.Options(1, 24, 128, 2)).manifest();
    assertThat(DemoTools.checksums(other).get(m.patients().get(0).images().get(12).file()))
        .isNotEqualTo(first.get(manifest().patients().get(0).images().get(12).file()));
  }

  @Test
  void aSecondRunReusesTheDataAndOtherOptionsAreRefused() throws IOException {
    Path dir = tmp.resolve("reuse");
    HippocampusDemo.Options small = new HippocampusDemo.Options(1, 8, 64, 1);
    DemoResult<HippocampusManifest> first = HippocampusDemo.write(dir, small);
    assertThat(first.reused()).isFalse();
    Path slice = dir.resolve(first.manifest().files().get(0));
    FileTime before = Files.getLastModifiedTime(slice);
    DemoResult<HippocampusManifest> second = HippocampusDemo.write(dir, small);
    assertThat(second.reused()).isTrue();
    assertThat(Files.getLastModifiedTime(slice)).isEqualTo(before);
    assertThatThrownBy(() -> HippocampusDemo.write(dir, new HippocampusDemo.Options(2, 8, 64, 1)))
        .isInstanceOf(IOException.class).hasMessageContaining("other options");
    Files.delete(slice);
    assertThatThrownBy(() -> HippocampusDemo.write(dir, small))
        .isInstanceOf(IOException.class).hasMessageContaining("missing");
  }

  @Test
  void refusesAFileAndAForeignKaggleFolderAndClearsStagingLeftovers() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    assertThatThrownBy(() -> HippocampusDemo.write(file, HippocampusDemo.Options.defaults()))
        .isInstanceOf(IOException.class).hasMessageContaining("a-file").hasMessageContaining("not a folder");
    Path real = tmp.resolve("real-download");
    Files.createDirectories(real.resolve("HippocampalMRISlices/01"));
    assertThatThrownBy(() -> HippocampusDemo.write(real, HippocampusDemo.Options.defaults()))
        .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("HippocampalMRISlices");
    Path crashed = tmp.resolve("crashed");
    Files.createDirectories(crashed.resolve(".scanbase-hippocampus-demo-123/HippocampalMRISlices/01"));
    HippocampusDemo.write(crashed, new HippocampusDemo.Options(1, 4, 32, 1));
    assertThat(names(crashed)).containsExactly("HippocampalMRISlices", "hippocampus-demo.json");
  }

  @Test
  void aFailingGeneratorLeavesNothingBehind() throws IOException {
    Path dir = tmp.resolve("failing");
    assertThatThrownBy(() -> DemoFolder.write(dir, "hippocampus", List.of("HippocampalMRISlices"),
        HippocampusDemo.Options.defaults(), HippocampusManifest.class, staging -> {
          Files.createDirectories(staging.resolve("HippocampalMRISlices/01"));
          Files.writeString(staging.resolve("HippocampalMRISlices/01/MR.1.dcm"), "half");
          throw new IOException("disk full");
        })).hasMessage("disk full");
    assertThat(names(dir)).isEmpty();
  }

  @Test
  void optionsOutOfRangeAreRejected() {
    assertThatThrownBy(() -> new HippocampusDemo.Options(0, 24, 128, 1)).hasMessageContaining("patients");
    assertThatThrownBy(() -> new HippocampusDemo.Options(1, 2, 128, 1)).hasMessageContaining("slices");
    assertThatThrownBy(() -> new HippocampusDemo.Options(1, 24, 8, 1)).hasMessageContaining("size");
  }

  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }
}
