// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.scanbase.array.DType;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

class NiftiWriterTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(DType.class)
    void roundTripsEveryElementTypeWithIdenticalValuesAndAffine(DType dtype) throws Exception {
        Volume v = TestVolumes.volume(dtype, 7, 5, 4, 1, 1, 1, 0);
        Path f = dir.resolve("v.nii");
        NiftiWriter.write(v, f);
        NiftiImage img = NiftiReader.read(f);
        assertThat(img.data().dtype()).isEqualTo(dtype);
        assertThat(img.data().sha256()).isEqualTo(v.voxels().sha256());
        assertThat(img.shape()).containsExactly(7, 5, 4);
        assertAffine(img.affine(), v.geometry().rasAffine(), 1e-4);
        Volume back = img.toVolume();
        assertThat(back.geometry().size()).containsExactly(7, 5, 4);
        assertThat(back.geometry().spacing()).containsExactly(new double[] {0.7, 0.9, 2.5}, within(1e-6));
        assertThat(back.geometry().origin()).containsExactly(v.geometry().origin(), within(1e-4));
        assertThat(back.geometry().direction()).containsExactly(v.geometry().direction(), within(1e-6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v.nii", "v.nii.gz", "v.hdr", "v.img", "v.img.gz", "V.NII.GZ"})
    void writesEveryFileKindAndReadsItBack(String name) throws Exception {
        Volume v = TestVolumes.volume(DType.INT16, 9, 6, 3, 2, 1, 0.5, -1024);
        Path f = dir.resolve(name);
        NiftiWriter.write(v, f);
        NiftiImage img = NiftiReader.read(f);
        assertThat(img.shape()).containsExactly(9, 6, 3, 2);
        assertThat(img.data().sha256()).isEqualTo(v.voxels().sha256());
        Volume back = img.toVolume();
        assertThat(back.timepoints()).isEqualTo(2);
        assertThat(back.slope()).isEqualTo(0.5);
        assertThat(back.intercept()).isEqualTo(-1024);
        assertThat(back.voxels().shape()).containsExactly(2, 3, 6, 9);
        boolean pair = name.toLowerCase().contains(".hdr") || name.toLowerCase().contains(".img");
        assertThat(img.header().singleFile()).isEqualTo(!pair);
        assertThat(img.header().voxOffset()).isEqualTo(pair ? 0 : 352);
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void setsTheHeaderAsDcm2niixDoesForScannerData() throws Exception {
        Volume v = TestVolumes.volume(DType.INT16, 4, 3, 2, 1, 1, 1, 0);
        Path f = dir.resolve("h.nii");
        NiftiWriter.write(v, f);
        NiftiHeader h = NiftiReader.readHeader(f);
        assertThat(h.version()).isEqualTo(1);
        assertThat(h.magic()).isEqualTo("n+1");
        assertThat(h.sformCode()).isEqualTo(1);
        assertThat(h.qformCode()).isEqualTo(1);
        assertThat(h.xyztUnits()).isEqualTo(10);
        assertThat(h.spatialUnit()).isEqualTo("mm");
        assertThat(h.temporalUnit()).isEqualTo("sec");
        assertThat(h.datatype()).isEqualTo(4);
        assertThat(h.bitpix()).isEqualTo(16);
        assertThat(h.dim()).containsExactly(3, 4, 3, 2, 1, 1, 1, 1);
        assertThat(h.voxOffset()).isEqualTo(352);
        assertThat(Files.size(f)).isEqualTo(352 + 4 * 3 * 2 * 2);
        // the qform says the same as the sform
        assertAffine(NiftiAffine.qform(h), NiftiAffine.sform(h), 1e-5);
    }

    @Test
    void writesNiftiTwoWithA544ByteOffset() throws Exception {
        Volume v = TestVolumes.volume(DType.FLOAT64, 4, 3, 2, 1, 1, 1, 0);
        Path f = dir.resolve("n2.nii");
        NiftiWriter.write(v, f, new NiftiWriter.Options(2, 2));
        NiftiImage img = NiftiReader.read(f);
        assertThat(img.header().version()).isEqualTo(2);
        assertThat(img.header().magic()).isEqualTo("n+2");
        assertThat(img.header().voxOffset()).isEqualTo(544);
        assertThat(img.header().sformCode()).isEqualTo(2);
        assertThat(img.data().sha256()).isEqualTo(v.voxels().sha256());
        // NIfTI-2 keeps doubles: the affine is exact
        assertAffine(img.affine(), v.geometry().rasAffine(), 1e-12);
    }

    @Test
    void aLeftHandedGridGetsQfacMinusOneAndTheSameQform() throws Exception {
        Geometry g = TestVolumes.oblique(4, 3, 5, false);
        Volume v = Volume.of(TestVolumes.values(DType.INT16, new int[] {5, 3, 4}, 1), g);
        Path f = dir.resolve("left.nii");
        NiftiWriter.write(v, f);
        NiftiHeader h = NiftiReader.readHeader(f);
        assertThat(h.pixdim()[0]).isEqualTo(-1);
        assertAffine(NiftiAffine.qform(h), g.rasAffine(), 1e-5);
    }

    @Test
    void writesRgb24FromThreeUint8Components() throws Exception {
        Volume v = TestVolumes.volume(DType.UINT8, 4, 3, 2, 1, 3, 1, 0);
        Path f = dir.resolve("rgb.nii.gz");
        NiftiWriter.write(v, f);
        NiftiImage img = NiftiReader.read(f);
        assertThat(img.header().dataType()).isEqualTo(NiftiDataType.RGB24);
        assertThat(img.data().shape()).containsExactly(2, 3, 4, 3);
        assertThat(img.data().sha256()).isEqualTo(v.voxels().sha256());
        assertThat(img.toVolume().components()).isEqualTo(3);
    }

    @Test
    void refusesNamesAndVolumesNiftiCannotHold() {
        Volume v = TestVolumes.volume(DType.INT16, 4, 3, 2, 1, 1, 1, 0);
        assertThatThrownBy(() -> NiftiWriter.write(v, dir.resolve("x.png"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x.png");
        Volume twoComponents = new Volume(TestVolumes.values(DType.FLOAT32, new int[] {2, 3, 4, 2}, 1),
                TestVolumes.oblique(4, 3, 2, true), 1, 2, 1, 0, List.of());
        assertThatThrownBy(() -> NiftiWriter.write(twoComponents, dir.resolve("x.nii")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("components");
    }

    @Test
    void theQuaternionOfARotationGivesItBack() {
        double[][] ras = TestVolumes.oblique(2, 2, 2, true).rasAffine();
        double[] q = NiftiAffine.quaternion(ras);
        double a = Math.sqrt(1 - q[0] * q[0] - q[1] * q[1] - q[2] * q[2]);
        double[][] r = NiftiAffine.rotation(a, q[0], q[1], q[2]);
        double[] zooms = {0.7, 0.9, 2.5};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(r[i][j] * zooms[j] * (j == 2 ? q[3] : 1)).isCloseTo(ras[i][j], within(1e-12));
            }
        }
    }

    static void assertAffine(double[][] actual, double[][] expected, double tol) {
        for (int r = 0; r < 4; r++) {
            assertThat(actual[r]).as("affine row %d", r).containsExactly(expected[r], within(tol));
        }
    }
}
