// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.array.NdArray;
import org.scanbase.volume.Volume;
import org.scanbase.volume.VolumeFiles;

/**
 * {@code compute stats}, {@code compute checks} and {@code evaluate} on the demo data imported
 * through the CLI, every stored figure held against numpy / scipy / nibabel / pydicom computed at
 * test time from the same files ({@code scanbase-core/src/test/python/analytics_reference.py}).
 */
class AnalyticsCommandIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("../scanbase-core/src/test/python/analytics_reference.py");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.on("sqlite:" + dir.resolve("scanbase.db"), args);
    }

    private JsonNode ok(String... args) throws Exception {
        CliRun r = run(args);
        assertThat(r.exit()).as("%s\n%s", String.join(" ", args), r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void covidVolumesGetStatsChecksAndEvaluationsThatAgreeWithScipy() throws Exception {
        Path demo = dir.resolve("covid");
        ok("demo-data", demo.toString(), "--kind", "covid-ct", "--patients", "3", "--size", "64", "--slices", "16", "--json");
        // planted problems: an unknown label, an empty infection mask, lung outside the body
        edit(demo.resolve("lung_mask/coronacases_001.nii"), (v, nx, ny, nz) -> set(v, nx, ny, 30, 33, 30, 33, 7, 9, 7));
        edit(demo.resolve("infection_mask/radiopaedia_4_85506_1.nii"), (v, nx, ny, nz) -> set(v, nx, ny, 0, nx - 1, 0, ny - 1, 0, nz - 1, 0));
        edit(demo.resolve("lung_mask/coronacases_002.nii"), (v, nx, ny, nz) -> set(v, nx, ny, 0, 7, 0, 7, 0, nz - 1, 1));
        ok("import", "nifti", demo.toString(), "--name", "covid", "--layout", "covid19-ct", "--json");

        JsonNode stats = ok("compute", "stats", "covid", "--json");
        assertThat(stats.get("segmentations").asInt()).isEqualTo(9);
        assertThat(stats.get("skipped")).isEmpty();
        JsonNode checks = ok("compute", "checks", "covid", "--json");
        JsonNode eval = ok("evaluate", "covid", "--gt", "All Masks", "--pred", "Lung Mask", "--key", "eval", "--json");
        assertThat(eval.get("samples").asInt()).isEqualTo(3);

        JsonNode samples = ok("query", "covid", "--json").get("samples");
        assertThat(samples).hasSize(3);
        List<Double> dice = new ArrayList<>();
        for (JsonNode s : samples) {
            String image = s.get("filepath").asText();
            Set<String> expectedTags = new HashSet<>();
            for (String field : List.of("Lung Mask", "Infection Mask", "All Masks")) {
                JsonNode seg = s.get(field);
                JsonNode ref = reference("nifti", image, seg.get("mask_path").asText(), null, List.of());
                assertStats(seg.get("stats"), ref.get("stats"), field + " of " + image);
                assertFrameVoxels(s.get("id").asText(), field, ref.get("slice_voxels"));
                for (JsonNode v : ref.get("values")) {
                    if (v.asInt() > 3) {
                        expectedTags.add("unknown_label");
                    }
                }
                if (ref.get("values").isEmpty()) {
                    expectedTags.add("empty_mask");
                }
            }
            if (image.endsWith("coronacases_org_002.nii")) {
                expectedTags.add("mask_outside_body");
            }
            assertThat(s.get("tags")).as(image).map(JsonNode::asText).containsExactlyInAnyOrderElementsOf(expectedTags);

            JsonNode ref = reference("nifti", image, s.get("All Masks").get("mask_path").asText(),
                    s.get("Lung Mask").get("mask_path").asText(), List.of(1, 2, 3));
            JsonNode perLabel = s.get("eval").get("per_label");
            assertThat(iterable(perLabel.fieldNames())).containsExactlyInAnyOrderElementsOf(iterable(ref.get("metrics").fieldNames()));
            double sum = 0;
            for (String label : iterable(perLabel.fieldNames())) {
                for (String metric : List.of("dice", "iou", "precision", "recall", "hd_mm", "hd95_mm", "assd_mm")) {
                    JsonNode want = ref.get("metrics").get(label).get(metric);
                    JsonNode got = perLabel.get(label).get(metric);
                    if (want.isNull()) {
                        assertThat(got.isNull()).as("%s %s %s", image, label, metric).isTrue();
                    } else {
                        assertThat(got.asDouble()).as("%s %s %s", image, label, metric).isCloseTo(want.asDouble(), within(1e-9));
                    }
                }
                sum += ref.get("metrics").get(label).get("dice").asDouble();
            }
            assertThat(s.get("eval").get("dice").asDouble()).isCloseTo(sum / perLabel.size(), within(1e-12));
            dice.add(s.get("eval").get("dice").asDouble());
        }
        assertThat(checks.get("tagged").get("unknown_label").asInt()).isEqualTo(1);
        assertThat(checks.get("tagged").get("mask_outside_body").asInt()).isEqualTo(1);
        assertThat(eval.get("summary").get("dice").get("mean").asDouble())
                .isCloseTo(dice.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), within(1e-12));
        assertThat(eval.get("summary").get("worst").get(0).get("dice").asDouble())
                .isEqualTo(dice.stream().mapToDouble(Double::doubleValue).min().orElseThrow());

        // the stored figures are fields: filter and sort on them
        JsonNode big = ok("query", "covid", "--match", "`Lung Mask`.stats.`1`.volume_ml > 0", "--sort-by", "eval.dice", "--json");
        assertThat(big.get("count").asInt()).isEqualTo(3);
        assertThat(big.get("samples").get(0).get("eval").get("dice").asDouble()).isEqualTo(dice.stream().mapToDouble(d -> d).min().orElseThrow());
    }

    @Test
    void hippocampusSlicesGetStatsAndDistancesInMillimetresFromTheirDicomGeometry() throws Exception {
        Path demo = dir.resolve("hip");
        ok("demo-data", demo.toString(), "--kind", "hippocampus", "--patients", "2", "--json");
        ok("import", "dicom", demo.toString(), "--name", "hip", "--json");
        ok("compute", "stats", "hip", "--fields", "Hippocampus_L,Hippocampus_R", "--json");
        JsonNode eval = ok("evaluate", "hip", "--gt", "Hippocampus_L", "--pred", "Hippocampus_R", "--key", "lr", "--json");
        // the demo's ROIs lie inside the head, on the MR grid, with the value 1 of their mask targets
        JsonNode checks = ok("compute", "checks", "hip", "--json");
        assertThat(checks.get("samples").asInt()).isEqualTo(ok("query", "hip", "--count", "--json").get("count").asInt());
        assertThat(checks.get("problems")).isEmpty();
        assertThat(checks.get("skipped")).isEmpty();

        JsonNode samples = ok("query", "hip", "--match", "Hippocampus_L.pixels > 0", "--json").get("samples");
        assertThat(samples.size()).isPositive();
        int both = 0;
        for (JsonNode s : samples) {
            String mask = s.get("Hippocampus_L").get("mask_path").asText();
            JsonNode right = s.get("Hippocampus_R");
            String pred = right.has("mask_path") ? right.get("mask_path").asText() : null;
            JsonNode ref = reference("png", s.get("filepath").asText(), mask, pred, List.of(1));
            assertStats(s.get("Hippocampus_L").get("stats"), ref.get("stats"), mask);
            if (pred != null) {
                both++;
                JsonNode got = s.get("lr").get("per_label").get("1");
                for (String metric : List.of("dice", "hd_mm", "hd95_mm", "assd_mm")) {
                    assertThat(got.get(metric).asDouble()).as("%s %s", mask, metric)
                            .isCloseTo(ref.get("metrics").get("1").get(metric).asDouble(), within(1e-9));
                }
            }
        }
        assertThat(both).as("slices with both ROIs").isPositive();
        assertThat(eval.get("summary").get("per_label").get("1").get("hd_mm").get("n").asInt()).isEqualTo(both);
    }

    @Test
    void unknownFieldsAreOneLineUserErrorsAndAMissingKeyIsBadUsage() throws Exception {
        Path demo = dir.resolve("covid");
        ok("demo-data", demo.toString(), "--kind", "covid-ct", "--patients", "1", "--size", "32", "--slices", "4", "--json");
        ok("import", "nifti", demo.toString(), "--name", "c", "--layout", "covid19-ct", "--json");
        CliRun r = run("compute", "stats", "c", "--fields", "Nope");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip().lines()).singleElement().asString().contains("Nope");
        assertThat(run("evaluate", "c", "--gt", "Lung Mask", "--pred", "All Masks").exit()).isEqualTo(2);
        assertThat(run("compute", "stats", "missing").exit()).isEqualTo(1);
    }

    private void assertFrameVoxels(String id, String field, JsonNode sliceVoxels) throws Exception {
        JsonNode frames = ok("query", "covid", "--match", "exists(`" + field + "`.stats)", "--json");
        // frames are checked through the Java API of the store: every frame's stats voxels equal the slice's count
        try (var catalog = new org.scanbase.dataset.Catalog(org.scanbase.store.Stores.open("sqlite:" + dir.resolve("scanbase.db")))) {
            var sample = catalog.load("covid").sample(id).orElseThrow();
            for (var f : sample.frames()) {
                Object stats = f.get(field + ".stats");
                for (Iterator<String> it = sliceVoxels.fieldNames(); it.hasNext();) {
                    String label = it.next();
                    long want = sliceVoxels.get(label).get(f.number() - 1).asLong();
                    Object got = stats instanceof Map<?, ?> m && m.get(label) instanceof Map<?, ?> l ? l.get("voxels") : null;
                    assertThat(got == null ? 0L : ((Number) got).longValue()).as("%s frame %d label %s", field, f.number(), label)
                            .isEqualTo(want);
                }
            }
        }
        assertThat(frames.get("count").asInt()).isPositive();
    }

    private static void assertStats(JsonNode got, JsonNode want, String what) {
        assertThat(iterable(got.fieldNames())).as(what).containsExactlyInAnyOrderElementsOf(iterable(want.fieldNames()));
        for (String label : iterable(want.fieldNames())) {
            JsonNode w = want.get(label);
            JsonNode g = got.get(label);
            assertThat(iterable(g.fieldNames())).as(what).containsExactlyInAnyOrderElementsOf(iterable(w.fieldNames()));
            for (String key : iterable(w.fieldNames())) {
                double tolerance = key.equals("std") || key.equals("mean") ? 1e-6 : 1e-6;
                if (w.get(key).isArray()) {
                    assertThat(flatten(g.get(key))).as("%s %s %s", what, label, key).containsExactly(flatten(w.get(key)), within(1e-6));
                } else {
                    assertThat(g.get(key).asDouble()).as("%s %s %s", what, label, key).isCloseTo(w.get(key).asDouble(), within(tolerance));
                }
            }
        }
    }

    private JsonNode reference(String kind, String image, String gt, String pred, List<Integer> labels) throws Exception {
        assertThat(PYTHON).as("/usr/bin/python3 with numpy, scipy, nibabel, pydicom, PIL").isExecutable();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kind", kind);
        spec.put("image_file", image);
        spec.put("gt_file", gt);
        spec.put("pred_file", pred);
        spec.put("labels", labels);
        Path specFile = Files.createTempFile(dir, "spec", ".json");
        JSON.writeValue(specFile.toFile(), spec);
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), specFile.toString())
                .redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("analytics_reference.py: %s", Files.readString(err)).isZero();
        return JSON.readTree(out);
    }

    @FunctionalInterface
    interface Edit {
        void apply(NdArray voxels, int nx, int ny, int nz);
    }

    /** Changes a copy of the demo's mask in place (the demo folder is the test's own). */
    private static void edit(Path file, Edit edit) throws Exception {
        Volume v = VolumeFiles.read(file);
        edit.apply(v.voxels(), v.nx(), v.ny(), v.nz());
        VolumeFiles.write(v, file);
    }

    private static void set(NdArray v, int nx, int ny, int i0, int i1, int j0, int j1, int k0, int k1, int value) {
        for (int k = k0; k <= k1; k++) {
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++) {
                    v.setDouble((k * ny + j) * nx + i, value);
                }
            }
        }
    }

    private static double[] flatten(JsonNode n) {
        List<Double> out = new ArrayList<>();
        n.forEach(x -> {
            if (x.isArray()) {
                x.forEach(y -> out.add(y.asDouble()));
            } else {
                out.add(x.asDouble());
            }
        });
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
