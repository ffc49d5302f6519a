// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nrrd;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.scanbase.nrrd.VolumeFixtures.concat;
import static org.scanbase.nrrd.VolumeFixtures.gzip;
import static org.scanbase.nrrd.VolumeFixtures.shorts;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed files give a NrrdFormatException naming the file and the field, before any large allocation. */
class NrrdReaderRobustnessTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static String header(String sizes, String encoding) {
        return "NRRD0004\ntype: short\ndimension: 3\nsizes: " + sizes + "\nendian: little\nencoding: " + encoding + "\n\n";
    }

    private void assertFails(Path f, String... parts) {
        assertThatThrownBy(() -> NrrdReader.read(f)).isInstanceOf(NrrdFormatException.class)
                .hasMessageContaining(f.toString()).hasMessageContainingAll(parts);
    }

    @Test
    void truncatedRawDataNamesSizes() throws Exception {
        assertFails(write("tr.nrrd", concat(header("2 2 2", "raw"), shorts(LE, 1, 2, 3))), "sizes", "16 bytes",
                "truncated");
    }

    @Test
    void absurdSizesAreRefusedBeforeAllocation() throws Exception {
        assertFails(write("big.nrrd", concat(header("65536 65536 1", "raw"), shorts(LE, 1, 2))), "sizes",
                "too many");
        assertFails(write("big2.nrrd", concat(header("1024 1024 1024", "gzip"), gzip(shorts(LE, 1, 2)))), "sizes",
                "gzip");
    }

    @Test
    void truncatedAndCorruptGzipAreReported() throws Exception {
        byte[] gz = gzip(shorts(LE, 1, 2, 3, 4, 5, 6, 7, 8));
        assertFails(write("cut.nrrd", concat(header("2 2 2", "gzip"), Arrays.copyOf(gz, gz.length - 12))), "gzip");
        byte[] bad = gz.clone();
        for (int i = 10; i < bad.length - 8; i++) {
            bad[i] ^= 0x5A;
        }
        assertFails(write("bad.nrrd", concat(header("2 2 2", "gzip"), bad)), "gzip");
        assertFails(write("notgz.nrrd", concat(header("2 2 1", "gzip"), shorts(LE, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10))),
                "gzip");
    }

    @Test
    void missingRequiredFieldsAreNamed() throws Exception {
        assertFails(write("nosizes.nrrd", "NRRD0004\ntype: short\ndimension: 3\nencoding: raw\n\n".getBytes(
                StandardCharsets.US_ASCII)), "sizes", "missing");
        assertFails(write("notype.nrrd", "NRRD0004\ndimension: 3\nsizes: 1 1 1\nencoding: raw\n\n".getBytes(
                StandardCharsets.US_ASCII)), "type", "missing");
        assertFails(write("noendian.nrrd", "NRRD0004\ntype: short\ndimension: 3\nsizes: 1 1 1\nencoding: raw\n\n"
                .getBytes(StandardCharsets.US_ASCII)), "endian", "missing");
    }

    @Test
    void inconsistentOrUnknownFieldsAreNamed() throws Exception {
        assertFails(write("dim.nrrd", concat(header("2 2", "raw"), shorts(LE, 1, 2, 3, 4))), "sizes",
                "dimension is 3");
        assertFails(write("type.nrrd", concat(header("2 2 1", "raw").replace("short", "quaternion"),
                shorts(LE, 1, 2, 3, 4))), "type", "quaternion");
        assertFails(write("bz.nrrd", concat(header("2 2 1", "bzip2"), new byte[8])), "encoding", "bzip2");
        assertFails(write("dirs.nrrd", concat(header("2 2 1", "raw").replace("\n\n",
                "\nspace: LPS\nspace directions: (1,0,0) (0,1,0)\n\n"), shorts(LE, 1, 2, 3, 4))), "space directions");
        assertFails(write("space.nrrd", concat(header("2 2 1", "raw").replace("\n\n", "\nspace: mars\n\n"),
                shorts(LE, 1, 2, 3, 4))), "space", "mars");
        assertFails(write("magic.nrrd", "P5 2 2 255\n".getBytes(StandardCharsets.US_ASCII)), "NRRD000");
    }

    @Test
    void aMissingDetachedFileIsNamed() throws Exception {
        String h = "NRRD0004\ntype: short\ndimension: 3\nsizes: 2 2 1\nendian: little\nencoding: raw\n"
                + "data file: gone.raw\n";
        assertFails(write("m.nhdr", h.getBytes(StandardCharsets.US_ASCII)), "data file", "gone.raw");
    }

    @Test
    void aDetachedHeaderWithoutDataFileIsRefused() throws Exception {
        String h = "NRRD0004\ntype: short\ndimension: 3\nsizes: 2 2 1\nendian: little\nencoding: raw";
        assertFails(write("n.nhdr", h.getBytes(StandardCharsets.US_ASCII)), "data file");
    }
}
