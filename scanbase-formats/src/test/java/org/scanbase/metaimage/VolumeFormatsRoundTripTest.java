// SPDX-License-Identifier: Apache-2.0
package org.scanbase.metaimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scanbase.nrrd.VolumeFixtures.assertSameGeometry;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scanbase.array.DType;
import org.scanbase.nrrd.VolumeFixtures;
import org.scanbase.volume.Volume;
import org.scanbase.volume.VolumeFiles;

/** NIfTI <-> NRRD <-> MHA through {@link VolumeFiles}: values identical, geometry within NIfTI's float32 precision. */
class VolumeFormatsRoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} nt={1} components={2} via {3}")
    @CsvSource({"INT16,1,1,a.nii.gz b.nrrd c.mha d.nii", "UINT8,1,3,a.nii b.mhd c.nhdr d.nii.gz",
        "FLOAT32,1,1,a.mha b.nii c.nrrd d.mhd", "INT16,3,1,a.nrrd b.nii.gz c.mha d.nhdr"})
    void aVolumeKeepsValuesAndGeometryThroughEveryFormat(DType dtype, int nt, int comps, String chain) throws Exception {
        Volume original = VolumeFixtures.volume(dtype, 7, 5, 4, nt, comps);
        Volume v = new Volume(original.voxels(), original.geometry(), nt, comps, 1, 0, List.of());
        Volume current = v;
        for (String name : chain.split(" ")) {
            Path file = dir.resolve(name);
            VolumeFiles.write(current, file);
            current = VolumeFiles.read(file);
            assertThat(current.voxels().sha256()).as(name).isEqualTo(v.voxels().sha256());
            assertThat(current.voxels().shape()).as(name).containsExactly(v.voxels().shape());
            assertThat(current.components()).as(name).isEqualTo(comps);
            assertThat(current.timepoints()).as(name).isEqualTo(nt);
            // NIfTI stores the affine as float32: 1e-4 mm at origins of ~100 mm
            assertSameGeometry(current.geometry(), v.geometry(), 1e-4);
        }
    }
}
