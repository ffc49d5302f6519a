// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The inspect document of nibabel's own files agrees with nibabel (run at test time). */
class VolumeInspectorIT {
    private static final Path DATA = Path.of("/usr/lib/python3/dist-packages/nibabel/tests/data");

    @ParameterizedTest
    @ValueSource(strings = {"anatomical.nii", "functional.nii", "example4d.nii.gz", "example_nifti2.nii.gz",
        "standard.nii.gz", "reoriented_anat_moved.nii"})
    void pixelsShapeAndAffineAgreeWithNibabel(String name) throws Exception {
        Path f = DATA.resolve(name);
        Process p = new ProcessBuilder("/usr/bin/python3", "src/test/python/nibabel_reference.py", "ref", f.toString())
                .redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("nibabel_reference.py (needs apt-get install python3-nibabel)").isZero();
        JsonNode ref = new ObjectMapper().readTree(out).get(0);
        JsonNode doc = new ObjectMapper().valueToTree(VolumeInspector.inspect(f, true));
        assertThat(doc.get("shape").toString()).isEqualTo(ref.get("shape").toString());
        assertThat(doc.get("pixels").get("shape").toString()).isEqualTo(ref.get("array_shape").toString());
        assertThat(doc.get("pixels").get("dtype").asText()).isEqualTo(ref.get("dtype").asText());
        assertThat(doc.get("pixels").get("sha256").asText()).isEqualTo(ref.get("sha256").asText());
        assertThat(doc.get("pixels").get("min").asDouble()).isEqualTo(ref.get("min").asDouble());
        assertThat(doc.get("pixels").get("max").asDouble()).isEqualTo(ref.get("max").asDouble());
        assertThat(doc.get("pixels").get("mean").asDouble()).isCloseTo(ref.get("mean").asDouble(), within(1e-9));
        assertThat(doc.get("affine_source").asText()).isEqualTo(ref.get("affine_source").asText());
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertThat(doc.get("affine").get(r).get(c).asDouble())
                        .isCloseTo(ref.get("affine").get(r).get(c).asDouble(), within(1e-6));
            }
        }
        assertThat(doc.get("format").asText()).isEqualTo("nifti" + ref.get("version").asInt());
        assertThat(List.of(doc.get("header").get("datatype").asInt())).containsExactly(ref.get("datatype").asInt());
    }
}
