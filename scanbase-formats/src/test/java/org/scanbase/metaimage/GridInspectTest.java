// SPDX-License-Identifier: Apache-2.0
package org.scanbase.metaimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.array.DType;
import org.scanbase.nrrd.NrrdWriter;
import org.scanbase.nrrd.VolumeFixtures;
import org.scanbase.volume.Volume;
import org.scanbase.volume.VolumeInspector;

/** {@code inspect} documents of NRRD and MetaImage files of one volume agree with each other and the volume. */
class GridInspectTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void nrrdAndMetaImageDocumentsReportTheSameShapeAffineAndChecksum() throws Exception {
        Volume v = VolumeFixtures.volume(DType.UINT8, 6, 5, 4, 1, 3);
        Path nrrd = dir.resolve("v.nrrd");
        Path mha = dir.resolve("v.mha");
        NrrdWriter.write(v, nrrd);
        MetaImageWriter.write(v, mha);
        Map<String, Object> a = VolumeInspector.inspect(nrrd, true);
        Map<String, Object> b = VolumeInspector.inspect(mha, true);
        assertThat(a.get("format")).isEqualTo("nrrd");
        assertThat(b.get("format")).isEqualTo("metaimage");
        assertThat(a.get("shape")).isEqualTo(List.of(6L, 5L, 4L, 3L)).isEqualTo(b.get("shape"));
        assertCloseAffine(a.get("affine"), b.get("affine")); // NRRD keeps spacing * direction: last-digit rounding
        Map<String, Object> pa = (Map<String, Object>) a.get("pixels");
        Map<String, Object> pb = (Map<String, Object>) b.get("pixels");
        assertThat(pa.get("sha256")).isEqualTo(v.voxels().sha256()).isEqualTo(pb.get("sha256"));
        assertThat(pa.get("shape")).isEqualTo(a.get("shape"));
        assertThat(pa).containsKey("channel_mean");
        assertCloseAffine(b.get("affine"), List.of(toList(v.geometry().rasAffine()[0]), toList(v.geometry().rasAffine()[1]),
                toList(v.geometry().rasAffine()[2]), toList(v.geometry().rasAffine()[3])));
        Map<String, Object> headerOnly = VolumeInspector.inspect(nrrd, false);
        assertThat(headerOnly).doesNotContainKey("pixels").containsEntry("shape", a.get("shape"));
    }

    @SuppressWarnings("unchecked")
    private static void assertCloseAffine(Object actual, Object expected) {
        List<List<Object>> x = (List<List<Object>>) actual;
        List<List<Object>> y = (List<List<Object>>) expected;
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertThat((Double) x.get(r).get(c)).isCloseTo((Double) y.get(r).get(c),
                        org.assertj.core.api.Assertions.within(1e-12));
            }
        }
    }

    private static List<Object> toList(double[] row) {
        return List.of(row[0] + 0.0, row[1] + 0.0, row[2] + 0.0, row[3] + 0.0);
    }
}
