// SPDX-License-Identifier: Apache-2.0
package org.scanbase.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The COVID-19 CT demo read by nibabel, its label counts computed by numpy. */
class CovidCtDemoIT {
  @TempDir
  static Path tmp;
  static Path out;
  static CovidCtManifest manifest;

  @BeforeAll
  static void generate() throws Exception {
    out = tmp.resolve("demo");
    manifest = CovidCtDemo.write(out, CovidCtDemo.Options.defaults()).manifest();
  }

  @Test
  void nibabelReadsImagesAndMasksWithTheManifestsAffineAndCounts() throws Exception {
    List<Path> files = new ArrayList<>();
    for (CovidCtManifest.Scan s : manifest.scans()) {
      for (String f : List.of(s.ctScan(), s.lungMask(), s.infectionMask(), s.lungAndInfectionMask())) {
        files.add(out.resolve(f));
      }
    }
    JsonNode read = DemoTools.python("nifti", files);
    assertThat(read).hasSize(16);
    for (int n = 0; n < manifest.scans().size(); n++) {
      CovidCtManifest.Scan s = manifest.scans().get(n);
      JsonNode image = read.get(4 * n);
      assertThat(image.get("dtype").asText()).isEqualTo("int16");
      assertThat(image.get("scl_slope").asDouble()).isEqualTo(1.0);
      assertThat(image.get("scl_inter").asDouble()).isEqualTo(0.0);
      assertThat(image.get("min").asInt()).isEqualTo(s.huMin());
      assertThat(image.get("max").asInt()).isEqualTo(s.huMax());
      assertThat(image.get("axcodes").toString())
          .isEqualTo(s.source().equals("coronacases") ? "[\"L\",\"P\",\"S\"]" : "[\"R\",\"A\",\"S\"]");
      String[] fields = {null, "lung_mask", "infection_mask", "lung_and_infection_mask"};
      for (int f = 0; f < 4; f++) {
        JsonNode d = read.get(4 * n + f);
        assertThat(d.get("shape").toString()).isEqualTo(java.util.Arrays.toString(s.shape()).replace(" ", ""));
        assertThat(d.get("sform_code").asInt()).isEqualTo(1);
        for (int r = 0; r < 4; r++) {
          for (int c = 0; c < 4; c++) {
            assertThat(d.get("affine").get(r).get(c).asDouble()).as("%s affine[%d][%d]", d.get("file"), r, c)
                .isEqualTo(s.affine()[r][c]);
          }
        }
        if (fields[f] == null) {
          continue;
        }
        assertThat(d.get("dtype").asText()).isEqualTo("uint8");
        Map<String, Long> counts = s.voxels().get(fields[f]);
        assertThat(d.get("counts").size()).isEqualTo(counts.size());
        counts.forEach((label, count) -> assertThat(d.get("counts").get(label).asLong())
            .as("%s label %s", d.get("file"), label).isEqualTo(count));
        long[] perSlice = s.sliceVoxels().get(fields[f]);
        for (int k = 0; k < perSlice.length; k++) {
          assertThat(d.get("slice_nonzero").get(k).asLong()).isEqualTo(perSlice[k]);
        }
      }
      JsonNode lungs = read.get(4 * n + 1).get("centroid_ras");
      assertThat(lungs.get("1").get(0).asDouble()).as("RAS x of the left lung (label 1) of %s", s.name())
          .isLessThan(lungs.get("2").get(0).asDouble() - 80);
    }
  }
}
