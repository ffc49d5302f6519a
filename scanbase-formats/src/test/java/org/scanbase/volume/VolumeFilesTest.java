// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;

class VolumeFilesTest {
    @TempDir
    Path dir;

    private static Volume sample() {
        NdArray v = NdArray.allocate(DType.INT16, new int[] {3, 4, 5});
        for (int i = 0; i < v.size(); i++) {
            v.setDouble(i, i * 7 - 100);
        }
        Geometry g = new Geometry(new int[] {5, 4, 3}, new double[] {0.5, 0.8, 3}, new double[] {10, -20, 30},
                new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0});
        return new Volume(v, g, 1, 1, 2, -5, List.of());
    }

    @Test
    void writesByExtensionAndReadsByMagicWhateverTheName() throws Exception {
        Volume v = sample();
        Path gz = dir.resolve("a.nii.gz");
        VolumeFiles.write(v, gz);
        // gzip is found from the bytes, not the name
        Path renamed = Files.move(gz, dir.resolve("renamed.data"));
        assertThat(VolumeFiles.formatOf(renamed)).isEqualTo(VolumeFiles.Format.NIFTI1);
        Volume back = VolumeFiles.read(renamed);
        assertThat(back.voxels().sha256()).isEqualTo(v.voxels().sha256());
        assertThat(back.slope()).isEqualTo(2);
        assertThat(back.intercept()).isEqualTo(-5);
        assertThat(back.geometry().spacing()).containsExactly(new double[] {0.5, 0.8, 3}, within(1e-6));
        assertThat(back.geometry().direction()).containsExactly(v.geometry().direction(), within(1e-7));
        assertThat(back.geometry().origin()).containsExactly(v.geometry().origin(), within(1e-5));
    }

    @Test
    void readsAPairByItsImageFile() throws Exception {
        VolumeFiles.write(sample(), dir.resolve("p.img"));
        assertThat(dir.resolve("p.hdr")).isRegularFile();
        assertThat(VolumeFiles.formatOf(dir.resolve("p.img"))).isEqualTo(VolumeFiles.Format.NIFTI1);
        assertThat(VolumeFiles.read(dir.resolve("p.img")).voxels().sha256()).isEqualTo(sample().voxels().sha256());
    }

    @Test
    void unknownFilesAreAClearError() throws Exception {
        Path txt = Files.writeString(dir.resolve("notes.nii"), "hello, this is not an image");
        assertThat(VolumeFiles.formatOf(txt)).isNull();
        assertThatThrownBy(() -> VolumeFiles.read(txt)).isInstanceOf(IOException.class).hasMessageContaining(txt.toString());
        assertThatThrownBy(() -> VolumeFiles.read(dir.resolve("missing.nii"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> VolumeFiles.write(sample(), dir.resolve("x.tiff")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.tiff");
    }

    @Test
    void inspectsANiftiFileAsTheContractSays() throws Exception {
        Volume v = sample();
        Path f = dir.resolve("i.nii");
        VolumeFiles.write(v, f);
        Map<String, Object> doc = VolumeInspector.inspect(f, true);
        assertThat(doc.keySet()).containsExactly("format", "path", "shape", "spacing", "affine", "affine_source",
                "header", "pixels");
        assertThat(doc.get("format")).isEqualTo("nifti1");
        assertThat(doc.get("shape")).isEqualTo(List.of(5L, 4L, 3L));
        @SuppressWarnings("unchecked")
        Map<String, Object> px = (Map<String, Object>) doc.get("pixels");
        assertThat(px.keySet()).containsExactly("shape", "dtype", "min", "max", "mean", "sha256");
        assertThat(px.get("shape")).isEqualTo(doc.get("shape"));
        assertThat(px.get("dtype")).isEqualTo("int16");
        assertThat(px.get("min")).isEqualTo(-100.0);
        assertThat(px.get("max")).isEqualTo(59 * 7 - 100.0);
        assertThat(px.get("sha256")).isEqualTo(v.voxels().sha256());
        @SuppressWarnings("unchecked")
        Map<String, Object> header = (Map<String, Object>) doc.get("header");
        assertThat(header).containsEntry("datatype", 4).containsEntry("bitpix", 16).containsEntry("sform_code", 1)
                .containsEntry("qform_code", 1).containsEntry("scl_slope", 2.0).containsEntry("scl_inter", -5.0)
                .containsEntry("xyzt_units", 10).containsEntry("descrip", "scanbase");
        assertThat(VolumeInspector.inspect(f, false)).doesNotContainKey("pixels");
    }
}
