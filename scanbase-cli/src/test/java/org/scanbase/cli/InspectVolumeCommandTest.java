// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.nifti.NiftiWriter;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

class InspectVolumeCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** 5 x 4 x 3 int16 voxels 0..59, 2 mm isotropic, LPS origin (10, 20, 30), identity directions. */
    private Volume volume() {
        NdArray v = NdArray.allocate(DType.INT16, new int[] {3, 4, 5});
        for (int i = 0; i < v.size(); i++) {
            v.setDouble(i, i);
        }
        return Volume.of(v, Geometry.axisAligned(new int[] {5, 4, 3}, new double[] {2, 2, 2}, new double[] {10, 20, 30}));
    }

    @Test
    void inspectsANiftiFileAsOneJsonDocument() throws Exception {
        Path f = dir.resolve("ct.nii.gz");
        NiftiWriter.write(volume(), f);
        CliRun r = run("inspect", f.toString(), "--json", "--pixels");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("format").asText()).isEqualTo("nifti1");
        assertThat(doc.get("path").asText()).isEqualTo(f.toString());
        assertThat(doc.get("shape").toString()).isEqualTo("[5,4,3]");
        assertThat(doc.get("spacing").toString()).isEqualTo("[2.0,2.0,2.0]");
        // LPS (10, 20, 30) is RAS (-10, -20, 30); i and j point to L and P: negative in RAS
        assertThat(doc.get("affine").get(0).toString()).isEqualTo("[-2.0,0.0,0.0,-10.0]");
        assertThat(doc.get("affine").get(1).toString()).isEqualTo("[0.0,-2.0,0.0,-20.0]");
        assertThat(doc.get("affine").get(2).toString()).isEqualTo("[0.0,0.0,2.0,30.0]");
        JsonNode px = doc.get("pixels");
        assertThat(px.get("shape")).isEqualTo(doc.get("shape"));
        assertThat(px.get("dtype").asText()).isEqualTo("int16");
        assertThat(px.get("min").asDouble()).isZero();
        assertThat(px.get("max").asDouble()).isEqualTo(59);
        assertThat(px.get("mean").asDouble()).isEqualTo(29.5);
        assertThat(px.get("sha256").asText()).isEqualTo(volume().voxels().sha256());
        assertThat(doc.get("header").get("datatype").asInt()).isEqualTo(4);
    }

    @Test
    void listsAVolumeWithoutJson() throws Exception {
        Path f = dir.resolve("v.nii");
        NiftiWriter.write(volume(), f);
        CliRun r = run("inspect", f.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("format: nifti1", "shape: [5, 4, 3]", "header:", "  datatype: 4");
    }

    @Test
    void aTruncatedNiftiFileIsAOneLineUserErrorNamingTheFileAndField() throws Exception {
        Path f = dir.resolve("v.nii");
        NiftiWriter.write(volume(), f);
        byte[] b = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.nii");
        Files.write(cut, Arrays.copyOf(b, b.length - 20));
        CliRun r = run("inspect", cut.toString(), "--json", "--pixels");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().split("\\R")).hasSize(1);
        assertThat(r.err()).contains(cut.toString(), "dim").doesNotContain("Exception", "\tat ");
        assertThat(r.out()).isEmpty();
        assertThat(List.of(r.exit())).containsExactly(1);
    }
}
