// SPDX-License-Identifier: Apache-2.0
package org.scanbase.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.array.DType;
import org.scanbase.volume.Volume;
import org.scanbase.volume.VolumeFiles;

/** The COVID-19 CT demo read back with scanbase's own readers, and its folder rules. */
class CovidCtDemoTest {
  @TempDir
  static Path tmp;
  static Path out;
  static DemoResult<CovidCtManifest> result;

  @BeforeAll
  static void generate() throws IOException {
    out = tmp.resolve("demo");
    result = CovidCtDemo.write(out, CovidCtDemo.Options.defaults());
  }

  @Test
  void writesTheKaggleLayoutWithItsNamingDifferenceAndMetadataCsv() throws IOException {
    assertThat(HippocampusDemoTest.names(out)).containsExactly("covid-ct-demo.json", "ct_scans", "infection_mask",
        "lung_and_infection_mask", "lung_mask", "metadata.csv");
    assertThat(HippocampusDemoTest.names(out.resolve("ct_scans"))).containsExactly("coronacases_org_001.nii",
        "coronacases_org_002.nii", "radiopaedia_org_covid-19-pneumonia-4_85506_1-dcm.nii",
        "radiopaedia_org_covid-19-pneumonia-7_85703_0-dcm.nii");
    for (String masks : List.of("lung_mask", "infection_mask", "lung_and_infection_mask")) {
      assertThat(HippocampusDemoTest.names(out.resolve(masks))).containsExactly("coronacases_001.nii",
          "coronacases_002.nii", "radiopaedia_4_85506_1.nii", "radiopaedia_7_85703_0.nii");
    }
    List<String> csv = Files.readAllLines(out.resolve("metadata.csv"));
    assertThat(csv).hasSize(5);
    assertThat(csv.get(0)).isEqualTo("ct_scan,lung_mask,infection_mask,lung_and_infection_mask");
    assertThat(csv.get(2)).isEqualTo("../input/covid19-ct-scans/ct_scans/radiopaedia_org_covid-19-pneumonia-4_85506_1-dcm.nii,"
        + "../input/covid19-ct-scans/lung_mask/radiopaedia_4_85506_1.nii,"
        + "../input/covid19-ct-scans/infection_mask/radiopaedia_4_85506_1.nii,"
        + "../input/covid19-ct-scans/lung_and_infection_mask/radiopaedia_4_85506_1.nii");
    assertThat(result.manifest().files()).hasSize(17).allSatisfy(f -> assertThat(out.resolve(f)).isRegularFile());
  }

  @Test
  void volumesReadBackOnTheManifestsGridWithTheManifestsCounts() throws IOException {
    for (CovidCtManifest.Scan s : result.manifest().scans()) {
      Volume image = VolumeFiles.read(out.resolve(s.ctScan()));
      assertThat(image.voxels().dtype()).isEqualTo(DType.INT16);
      assertThat(image.slope()).isEqualTo(1);
      assertThat(image.intercept()).isZero();
      assertThat(image.geometry().size()).containsExactly(s.shape());
      assertThat(image.geometry().rasAffine()).isDeepEqualTo(s.affine());
      NdStats stats = NdStats.of(image);
      assertThat(stats.min).isEqualTo(s.huMin());
      assertThat(stats.max).isEqualTo(s.huMax());
      for (String field : List.of("lung_mask", "infection_mask", "lung_and_infection_mask")) {
        Volume mask = VolumeFiles.read(out.resolve(path(s, field)));
        assertThat(mask.voxels().dtype()).isEqualTo(DType.UINT8);
        assertThat(mask.geometry()).isEqualTo(image.geometry());
        Map<String, Long> counts = s.voxels().get(field);
        long[] byLabel = new long[4];
        long[] bySlice = new long[s.shape()[2]];
        byte[] v = (byte[]) mask.voxels().data();
        for (int i = 0; i < v.length; i++) {
          byLabel[v[i]]++;
          bySlice[i / (s.shape()[0] * s.shape()[1])] += v[i] != 0 ? 1 : 0;
        }
        for (Map.Entry<String, Long> e : counts.entrySet()) {
          assertThat(byLabel[Integer.parseInt(e.getKey())]).as("%s %s label %s", s.name(), field, e.getKey())
              .isEqualTo(e.getValue()).isPositive();
        }
        assertThat(bySlice).containsExactly(s.sliceVoxels().get(field));
      }
    }
  }

  /**
   * The masks agree with the image: under the lung labels the image is lung (about -860 HU, pulled
   * up a little by vessels at 40 HU), under the infection label ground glass (about -520 HU); the
   * combined mask is the lung mask with infection (3) on top; outside the body there is air.
   */
  @Test
  void masksLieOnTheTissuesTheyName() throws IOException {
    for (CovidCtManifest.Scan s : result.manifest().scans()) {
      short[] hu = (short[]) VolumeFiles.read(out.resolve(s.ctScan())).voxels().data();
      byte[] lung = data(s, "lung_mask");
      byte[] infection = data(s, "infection_mask");
      byte[] both = data(s, "lung_and_infection_mask");
      double[] sum = new double[3];
      long[] n = new long[3];
      for (int i = 0; i < hu.length; i++) {
        assertThat(both[i]).isEqualTo(infection[i] != 0 ? (byte) 3 : lung[i]);
        if (infection[i] != 0) {
          assertThat(lung[i]).isNotZero();
        }
        int cls = infection[i] != 0 ? 1 : lung[i] != 0 ? 0 : 2;
        sum[cls] += hu[i];
        n[cls]++;
      }
      assertThat(sum[0] / n[0]).as("lung HU of %s", s.name()).isCloseTo(-840, within(40.0));
      assertThat(sum[1] / n[1]).as("infection HU of %s", s.name()).isCloseTo(-510, within(40.0));
      assertThat(hu[0]).as("corner voxel of %s", s.name()).isBetween((short) -1024, (short) -975);
    }
  }

  /** Label 1 is the patient's left lung (+x in LPS) both in LPS-stored and in RAS-stored scans. */
  @Test
  void labelOneIsThePatientsLeftLungWhateverTheStorageOrder() throws IOException {
    for (CovidCtManifest.Scan s : result.manifest().scans()) {
      Volume mask = VolumeFiles.read(out.resolve(s.lungMask()));
      double[] sumX = new double[3];
      double[] sumI = new double[3];
      long[] n = new long[3];
      int nx = mask.nx();
      int ny = mask.ny();
      byte[] v = (byte[]) mask.voxels().data();
      for (int q = 0; q < v.length; q++) {
        if (v[q] != 0) {
          int i = q % nx;
          double[] lps = mask.geometry().voxelToLps(i, (q / nx) % ny, q / (nx * ny));
          sumX[v[q]] += lps[0];
          sumI[v[q]] += i;
          n[v[q]]++;
        }
      }
      assertThat(sumX[1] / n[1]).as("left lung x of %s", s.name()).isGreaterThan(sumX[2] / n[2] + 80);
      boolean lpsStored = s.source().equals("coronacases");
      assertThat(sumI[1] / n[1] > sumI[2] / n[2]).as("left lung at higher i in %s", s.name()).isEqualTo(lpsStored);
      assertThat(s.affine()[0][0] < 0).isEqualTo(lpsStored);
    }
  }

  @Test
  void theSameOptionsGiveTheSameBytes() throws IOException {
    Path again = tmp.resolve("again");
    CovidCtDemo.write(again, CovidCtDemo.Options.defaults());
    assertThat(DemoTools.checksums(again)).isEqualTo(DemoTools.checksums(out)).hasSize(18);
  }

  @Test
  void reusesCompleteDataAndRefusesForeignFolders() throws IOException {
    assertThat(CovidCtDemo.write(out, CovidCtDemo.Options.defaults()).reused()).isTrue();
    assertThatThrownBy(() -> CovidCtDemo.write(out, new CovidCtDemo.Options(2, 128, 48, 1)))
        .hasMessageContaining("other options");
    Path real = tmp.resolve("real");
    Files.createDirectories(real);
    Files.writeString(real.resolve("metadata.csv"), "ct_scan\n");
    assertThatThrownBy(() -> CovidCtDemo.write(real, CovidCtDemo.Options.defaults()))
        .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("metadata.csv");
  }

  @Test
  void namesFollowKagglesTwoSchemes() {
    assertThat(CovidCtDemo.names(1)).containsExactly("coronacases_org_001", "coronacases_001");
    assertThat(CovidCtDemo.names(19)).containsExactly("coronacases_org_010", "coronacases_010");
    assertThat(CovidCtDemo.names(20)).containsExactly("radiopaedia_org_covid-19-pneumonia-40_86625_0-dcm",
        "radiopaedia_40_86625_0");
    assertThat(CovidCtDemo.names(24)).containsExactly("radiopaedia_org_covid-19-pneumonia-46_86827_0-dcm",
        "radiopaedia_46_86827_0");
  }

  private byte[] data(CovidCtManifest.Scan s, String field) throws IOException {
    return (byte[]) VolumeFiles.read(out.resolve(path(s, field))).voxels().data();
  }

  static String path(CovidCtManifest.Scan s, String field) {
    return switch (field) {
      case "lung_mask" -> s.lungMask();
      case "infection_mask" -> s.infectionMask();
      default -> s.lungAndInfectionMask();
    };
  }

  /** Min and max of an int16 volume. */
  record NdStats(int min, int max) {
    static NdStats of(Volume v) {
      int min = Integer.MAX_VALUE;
      int max = Integer.MIN_VALUE;
      for (short x : (short[]) v.voxels().data()) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      return new NdStats(min, max);
    }
  }
}
