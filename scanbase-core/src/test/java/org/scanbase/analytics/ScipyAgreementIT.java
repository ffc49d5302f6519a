// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.volume.Geometry;

/**
 * Metrics and statistics of random multi-label blobs against numpy + scipy.ndimage computed at
 * test time by {@code src/test/python/analytics_reference.py} (Debian python3-scipy): 3D grids,
 * a 2D slice, blobs cut by the grid's border, all with anisotropic spacing.
 */
class ScipyAgreementIT {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path SCRIPT = Path.of("src/test/python/analytics_reference.py");

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}x{1}x{2} spacing {3}/{4}/{5} seed {6}")
  @CsvSource({
      "64, 48, 30, 0.7, 1.1, 2.5, 1",
      "96, 80, 1, 0.6, 0.9, 3.0, 2",
      "40, 40, 40, 1.0, 1.0, 1.0, 3",
      "50, 30, 20, 0.45, 0.45, 5.0, 4"})
  void agreesWithScipyOnRandomBlobs(int nx, int ny, int nz, double sx, double sy, double sz, long seed) throws Exception {
    Geometry g = new Geometry(new int[] {nx, ny, nz}, new double[] {sx, sy, sz}, new double[] {-30, 12.5, 100},
        new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0});
    Random rnd = new Random(seed);
    boolean planar = nz == 1;
    LabelVolume gt = new LabelVolume(new short[(int) g.voxelCount()], g, planar);
    LabelVolume pred = new LabelVolume(new short[(int) g.voxelCount()], g, planar);
    for (int label = 1; label <= 2; label++) {
      for (int n = 0; n < 3; n++) {
        double[] c = {rnd.nextDouble() * nx * sx, rnd.nextDouble() * ny * sy, rnd.nextDouble() * nz * sz};
        double r = 4 + rnd.nextDouble() * 10;
        Shapes.sphere(gt.labels(), g, c, r, label);
        c[0] += rnd.nextGaussian() * 3;
        c[1] += rnd.nextGaussian() * 3;
        Shapes.sphere(pred.labels(), g, c, r * (0.8 + rnd.nextDouble() * 0.4), label);
      }
    }
    NdArray image = NdArray.allocate(DType.INT16, new int[] {nz, ny, nx});
    short[] px = (short[]) image.data();
    for (int i = 0; i < px.length; i++) {
      px[i] = (short) rnd.nextInt(2000);
    }
    ImageValues values = new ImageValues(image, 1.5, -1024);

    JsonNode ref = reference(g, gt, pred, px, values);
    Evaluation e = Evaluator.evaluate(gt, pred, new int[] {1, 2});
    MaskStats.Result st = MaskStats.compute(gt, values);

    assertThat(e.perLabel().keySet()).map(String::valueOf).containsExactlyElementsOf(() -> ref.get("metrics").fieldNames());
    e.perLabel().forEach((label, m) -> {
      JsonNode r = ref.get("metrics").get(label.toString());
      m.toDoc().forEach((name, value) -> {
        if (r.get(name).isNull()) {
          assertThat(value).as("label %d %s", label, name).isNull();
        } else {
          assertThat((Double) value).as("label %d %s", label, name).isCloseTo(r.get(name).asDouble(), within(1e-9));
        }
      });
    });
    assertThat(st.labels()).hasSize(ref.get("stats").size());
    st.labels().forEach((label, s) -> {
      JsonNode r = ref.get("stats").get(label.toString());
      Map<String, Object> doc = s.toDoc();
      assertThat(doc.keySet()).containsExactlyInAnyOrderElementsOf(() -> r.fieldNames());
      doc.forEach((name, value) -> {
        double tolerance = name.equals("std") || name.equals("mean") ? 1e-6 : 1e-9;
        assertThat(new ObjectMapper().valueToTree(value).toString().length()).isPositive();
        if (value instanceof List<?> l) {
          assertThat(flatten(new ObjectMapper().valueToTree(l))).as("label %d %s", label, name)
              .containsExactly(flatten(r.get(name)), within(1e-9));
        } else {
          assertThat(((Number) value).doubleValue()).as("label %d %s", label, name)
              .isCloseTo(r.get(name).asDouble(), within(tolerance));
        }
      });
    });
  }

  private static double[] flatten(JsonNode n) {
    List<Double> out = new java.util.ArrayList<>();
    n.forEach(x -> {
      if (x.isArray()) {
        x.forEach(y -> out.add(y.asDouble()));
      } else {
        out.add(x.asDouble());
      }
    });
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private JsonNode reference(Geometry g, LabelVolume gt, LabelVolume pred, short[] px, ImageValues v)
      throws IOException, InterruptedException {
    assertThat(PYTHON).as("/usr/bin/python3 with numpy and scipy (apt-get install python3-scipy)").isExecutable();
    int[] n = g.size();
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("shape", n[2] == 1 ? List.of(n[1], n[0]) : List.of(n[2], n[1], n[0]));
    spec.put("spacing", g.spacing());
    spec.put("affine", g.lpsAffine());
    spec.put("gt", raw(gt.labels(), "gt.raw").toString());
    spec.put("pred", raw(pred.labels(), "pred.raw").toString());
    spec.put("image", raw(px, "image.raw").toString());
    spec.put("slope", v.slope());
    spec.put("intercept", v.intercept());
    spec.put("labels", List.of(1, 2));
    Path specFile = dir.resolve("spec.json");
    new ObjectMapper().writeValue(specFile.toFile(), spec);
    Process p = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), specFile.toString())
        .redirectError(dir.resolve("stderr.txt").toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("analytics_reference.py: %s", Files.readString(dir.resolve("stderr.txt"))).isZero();
    return new ObjectMapper().readTree(out);
  }

  private Path raw(short[] values, String name) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.asShortBuffer().put(values);
    Path f = dir.resolve(name);
    Files.write(f, b.array());
    return f;
  }
}
