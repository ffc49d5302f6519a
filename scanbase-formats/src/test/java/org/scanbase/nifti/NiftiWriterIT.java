// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.array.DType;
import org.scanbase.volume.Volume;

/** nibabel 5.0 reads what {@link NiftiWriter} writes with the same values, shape, scaling and affine. */
class NiftiWriterIT {
    @TempDir
    Path dir;

    @Test
    void nibabelReadsOurFilesWithTheSameValuesAndAffine() throws Exception {
        Map<Path, Volume> written = new LinkedHashMap<>();
        String[] names = {"n1.nii", "n1.nii.gz", "pair.hdr", "pairgz.img.gz"};
        for (DType t : DType.values()) {
            for (String n : names) {
                written.put(dir.resolve(t.numpyName() + "_" + n), TestVolumes.volume(t, 6, 5, 4, 1, 1, 1, 0));
            }
        }
        written.put(dir.resolve("scaled_4d.nii.gz"), TestVolumes.volume(DType.INT16, 6, 5, 4, 3, 1, 0.25, -1000));
        written.put(dir.resolve("rgb.nii"), TestVolumes.volume(DType.UINT8, 6, 5, 4, 1, 3, 1, 0));
        written.put(dir.resolve("v2.nii"), TestVolumes.volume(DType.FLOAT32, 6, 5, 4, 2, 1, 1, 0));
        written.put(dir.resolve("v2pair.hdr"), TestVolumes.volume(DType.INT32, 6, 5, 4, 1, 1, 1, 0));
        List<Path> files = new ArrayList<>();
        for (Map.Entry<Path, Volume> e : written.entrySet()) {
            String n = e.getKey().getFileName().toString();
            NiftiWriter.write(e.getValue(), e.getKey(), new NiftiWriter.Options(n.startsWith("v2") ? 2 : 1, 1));
            files.add(e.getKey());
        }
        Map<String, JsonNode> ref = Nibabel.describe(files);
        SoftAssertions soft = new SoftAssertions();
        for (Map.Entry<Path, Volume> e : written.entrySet()) {
            Volume v = e.getValue();
            JsonNode r = ref.get(e.getKey().toString());
            String n = e.getKey().getFileName().toString();
            soft.assertThat(r.has("error")).as(n + ": " + r.path("error").asText()).isFalse();
            soft.assertThat(r.get("version").asInt()).as(n + " version").isEqualTo(n.startsWith("v2") ? 2 : 1);
            soft.assertThat(r.get("sha256").asText()).as(n + " sha256").isEqualTo(v.voxels().sha256());
            soft.assertThat(r.get("dtype").asText()).as(n + " dtype").isEqualTo(v.voxels().dtype().numpyName());
            List<Integer> shape = new ArrayList<>(List.of(v.nx(), v.ny(), v.nz()));
            if (v.timepoints() > 1) {
                shape.add(v.timepoints());
            }
            soft.assertThat(r.get("shape").toString()).as(n + " shape").isEqualTo(shape.toString().replace(" ", ""));
            soft.assertThat(r.get("affine_source").asText()).as(n + " affine source").isEqualTo("SFORM");
            double[][] expected = v.geometry().rasAffine();
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    soft.assertThat(Nibabel.number(r.get("affine").get(i).get(j))).as(n + " affine[%d][%d]", i, j)
                            .isCloseTo(expected[i][j], within(1e-4));
                }
            }
            if (v.components() == 1) {
                soft.assertThat(Nibabel.number(r.get("slope"))).as(n + " slope").isEqualTo(v.slope());
                soft.assertThat(Nibabel.number(r.get("inter"))).as(n + " inter").isEqualTo(v.intercept());
            }
        }
        soft.assertAll();
    }
}
