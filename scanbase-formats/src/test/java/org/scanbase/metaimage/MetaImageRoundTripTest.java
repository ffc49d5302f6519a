// SPDX-License-Identifier: Apache-2.0
package org.scanbase.metaimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scanbase.nrrd.VolumeFixtures.assertSameVolume;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scanbase.array.DType;
import org.scanbase.nrrd.NrrdReader;
import org.scanbase.nrrd.NrrdWriter;
import org.scanbase.nrrd.VolumeFixtures;
import org.scanbase.volume.Volume;

class MetaImageRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String name : new String[] {"v.mha", "v.mhd"}) {
            for (boolean z : new boolean[] {true, false}) {
                out.add(Arguments.of(name, z, DType.INT16, 1, 1));
                out.add(Arguments.of(name, z, DType.UINT8, 1, 1));
                out.add(Arguments.of(name, z, DType.FLOAT32, 1, 1));
                out.add(Arguments.of(name, z, DType.UINT8, 1, 3));
                out.add(Arguments.of(name, z, DType.INT64, 3, 1));
                out.add(Arguments.of(name, z, DType.FLOAT64, 2, 2));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} compressed={1} {2} nt={3} components={4}")
    @MethodSource("cases")
    void writtenVolumesReadBackWithIdenticalValuesAndGeometry(String name, boolean z, DType dtype, int nt, int comps)
            throws Exception {
        Volume v = VolumeFixtures.volume(dtype, 5, 4, 3, nt, comps);
        Path file = dir.resolve(name);
        MetaImageWriter.write(v, file, new MetaImageWriter.Options(z));
        assertSameVolume(MetaImageReader.readVolume(file), v);
        if (name.endsWith(".mhd")) {
            assertThat(dir.resolve(z ? "v.zraw" : "v.raw")).exists();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))).isEmpty();
        }
    }

    @Test
    void compressedDataIsAZlibStreamOfTheStatedSize() throws Exception {
        Volume v = VolumeFixtures.volume(DType.INT16, 5, 4, 3, 1, 1);
        Path file = dir.resolve("z.mhd");
        MetaImageWriter.write(v, file);
        byte[] z = Files.readAllBytes(dir.resolve("z.zraw"));
        assertThat(z[0] & 0xFF).isEqualTo(0x78); // zlib CMF: deflate, 32K window (RFC 1950), not gzip's 1F 8B
        MetaImageHeader h = MetaImageReader.readHeader(file);
        assertThat(h.compressedSize()).isEqualTo(z.length);
        assertThat(h.fields()).containsEntry("ElementDataFile", "z.zraw").containsEntry("ElementType", "MET_SHORT")
                .containsEntry("AnatomicalOrientation", MetaImageWriter.itkOrientation(v.geometry()));
    }

    @Test
    void transformMatrixHoldsTheAxisDirectionsOneAfterAnother() throws Exception {
        Volume v = VolumeFixtures.volume(DType.INT16, 5, 4, 3, 1, 1);
        Path file = dir.resolve("t.mha");
        MetaImageWriter.write(v, file, new MetaImageWriter.Options(false));
        String[] m = MetaImageReader.readHeader(file).fields().get("TransformMatrix").split(" ");
        double[] j = v.geometry().axis(1);
        assertThat(new double[] {Double.parseDouble(m[3]), Double.parseDouble(m[4]), Double.parseDouble(m[5])})
                .containsExactly(j);
    }

    @Test
    void nrrdAndMetaImageOfOneVolumeReadBackEqual() throws Exception {
        for (Volume v : List.of(VolumeFixtures.volume(DType.INT16, 6, 5, 4, 1, 1),
                VolumeFixtures.volume(DType.UINT8, 6, 5, 4, 1, 3), VolumeFixtures.volume(DType.FLOAT32, 6, 5, 4, 2, 1))) {
            Path nrrd = dir.resolve("x.nrrd");
            Path mha = dir.resolve("x.mha");
            NrrdWriter.write(v, nrrd);
            MetaImageWriter.write(v, mha);
            Volume fromNrrd = NrrdReader.readVolume(nrrd);
            Volume fromMha = MetaImageReader.readVolume(mha);
            assertSameVolume(fromMha, fromNrrd);
            // and through each other: NRRD -> MHA -> NRRD
            MetaImageWriter.write(fromNrrd, dir.resolve("y.mhd"));
            NrrdWriter.write(MetaImageReader.readVolume(dir.resolve("y.mhd")), dir.resolve("y.nhdr"));
            assertSameVolume(NrrdReader.readVolume(dir.resolve("y.nhdr")), v);
        }
    }
}
