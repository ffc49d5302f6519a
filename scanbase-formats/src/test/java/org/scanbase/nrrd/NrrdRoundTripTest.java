// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nrrd;

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
import org.scanbase.volume.Volume;

class NrrdRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String name : new String[] {"v.nrrd", "v.nhdr"}) {
            for (boolean gzip : new boolean[] {true, false}) {
                out.add(Arguments.of(name, gzip, DType.INT16, 1, 1));
                out.add(Arguments.of(name, gzip, DType.UINT8, 1, 1));
                out.add(Arguments.of(name, gzip, DType.FLOAT32, 1, 1));
                out.add(Arguments.of(name, gzip, DType.UINT8, 1, 3));
                out.add(Arguments.of(name, gzip, DType.FLOAT64, 3, 1));
                out.add(Arguments.of(name, gzip, DType.UINT16, 2, 2));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} gzip={1} {2} nt={3} components={4}")
    @MethodSource("cases")
    void writtenVolumesReadBackWithIdenticalValuesAndGeometry(String name, boolean gzip, DType dtype, int nt, int comps)
            throws Exception {
        Volume v = VolumeFixtures.volume(dtype, 5, 4, 3, nt, comps);
        Path file = dir.resolve(name);
        NrrdWriter.write(v, file, new NrrdWriter.Options(gzip));
        assertSameVolume(NrrdReader.readVolume(file), v);
        if (name.endsWith(".nhdr")) {
            assertThat(dir.resolve(gzip ? "v.raw.gz" : "v.raw")).exists();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void writtenHeaderHasLpsSpaceDirectionsOriginKindsAndEndian() throws Exception {
        Volume v = VolumeFixtures.volume(DType.INT16, 5, 4, 3, 1, 1);
        Path file = dir.resolve("h.nhdr");
        NrrdWriter.write(v, file, new NrrdWriter.Options(false));
        NrrdHeader h = NrrdReader.readHeader(file);
        assertThat(h.space()).isEqualTo("left-posterior-superior");
        assertThat(h.kinds()).containsExactly("domain", "domain", "domain");
        assertThat(h.fields()).containsEntry("endian", "little").containsEntry("encoding", "raw")
                .containsEntry("datafile", "h.raw");
        double[] axis0 = v.geometry().axis(0);
        assertThat(h.spaceDirections()[0][0]).isCloseTo(axis0[0] * 0.7, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(h.spaceOrigin()).containsExactly(v.geometry().origin());
        assertThat(Files.size(dir.resolve("h.raw"))).isEqualTo(5 * 4 * 3 * 2);
    }

    @Test
    void scalingIsKeptInKeyValuePairs() throws Exception {
        Volume v = VolumeFixtures.volume(DType.INT16, 3, 3, 2, 1, 1);
        Volume scaled = new Volume(v.voxels(), v.geometry(), 1, 1, 2.5, -1024, List.of());
        Path file = dir.resolve("s.nrrd");
        NrrdWriter.write(scaled, file);
        assertThat(NrrdReader.readHeader(file).keyValues()).containsEntry("scanbase_rescale_slope", "2.5");
        assertSameVolume(NrrdReader.readVolume(file), scaled);
    }
}
