// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nrrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.scanbase.nrrd.VolumeFixtures.concat;
import static org.scanbase.nrrd.VolumeFixtures.gzip;
import static org.scanbase.nrrd.VolumeFixtures.shorts;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scanbase.array.DType;
import org.scanbase.volume.Volume;

/** Hand-written headers for every field variant scanbase reads. */
class NrrdReaderTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p;
    }

    private static String header(String type, String extra) {
        return "NRRD0005\ntype: " + type + "\ndimension: 3\nsizes: 2 2 1\nencoding: raw\n" + extra + "\n";
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource({"short,INT16", "int16,INT16", "signed short,INT16", "short int,INT16", "signed short int,INT16",
        "int16_t,INT16", "ushort,UINT16", "unsigned short,UINT16", "uint16,UINT16", "uchar,UINT8",
        "unsigned char,UINT8", "uint8,UINT8", "uint8_t,UINT8", "signed char,INT8", "int8,INT8", "int,INT32",
        "signed int,INT32", "uint,UINT32", "unsigned int,UINT32", "longlong,INT64", "long long int,INT64",
        "int64,INT64", "unsigned long long,UINT64", "float,FLOAT32", "double,FLOAT64"})
    void readsEveryTypeSpelling(String type, DType expected) throws Exception {
        byte[] data = new byte[4 * expected.bytes()];
        for (int i = 0; i < 4; i++) {
            data[i * expected.bytes()] = (byte) (i + 1); // little-endian 1..4 for integers
        }
        Path f = write("t.nrrd", concat(header(type, "endian: little\n"), data));
        NrrdImage img = NrrdReader.read(f);
        assertThat(img.data().dtype()).isEqualTo(expected);
        assertThat(img.data().shape()).containsExactly(1, 2, 2);
        if (!expected.floating()) {
            assertThat(img.data().getDouble(3)).isEqualTo(4);
        }
    }

    @Test
    void bigEndianValuesAreSwapped() throws Exception {
        Path f = write("be.nrrd", concat(header("short", "endian: big\n"), shorts(ByteOrder.BIG_ENDIAN, 1, -2, 300, -32768)));
        NrrdImage img = NrrdReader.read(f);
        assertThat(new double[] {img.data().getDouble(0), img.data().getDouble(1), img.data().getDouble(2),
            img.data().getDouble(3)}).containsExactly(1, -2, 300, -32768);
    }

    @Test
    void rasSpaceDirectionsAndOriginAreConvertedToLps() throws Exception {
        for (String space : new String[] {"right-anterior-superior", "RAS"}) {
            String extra = "endian: little\nspace: " + space + "\nspace directions: (-2,0,0) (0,0,3) (0,-4,0)\n"
                    + "space origin: (10,-20,30)\n";
            Volume v = NrrdReader.readVolume(write("ras.nrrd", concat(header("short", extra), shorts(LE, 1, 2, 3, 4))));
            assertThat(v.geometry().spacing()).containsExactly(2, 3, 4);
            // RAS (-2,0,0) is LPS (2,0,0); RAS (0,-4,0) is LPS (0,4,0)
            assertThat(v.geometry().direction()).containsExactly(1, 0, 0, 0, 0, 1, 0, 1, 0);
            assertThat(v.geometry().origin()).containsExactly(-10, 20, 30);
            assertThat(v.geometry().rasAffine()[0]).containsExactly(new double[] {-2, 0, 0, 10}, within(1e-15));
            assertThat(v.warnings()).isEmpty();
        }
    }

    @Test
    void lasAndScannerSpacesAreHandled() throws Exception {
        String las = "endian: little\nspace: LAS\nspace directions: (1,0,0) (0,1,0) (0,0,1)\nspace origin: (1,2,3)\n";
        Volume v = NrrdReader.readVolume(write("las.nrrd", concat(header("short", las), shorts(LE, 1, 2, 3, 4))));
        assertThat(v.geometry().direction()).containsExactly(1, 0, 0, 0, -1, 0, 0, 0, 1);
        assertThat(v.geometry().origin()).containsExactly(1, -2, 3);
        String scanner = "endian: little\nspace: scanner-xyz\nspace directions: (1,0,0) (0,1,0) (0,0,1)\n";
        Volume s = NrrdReader.readVolume(write("sc.nrrd", concat(header("short", scanner), shorts(LE, 1, 2, 3, 4))));
        assertThat(s.warnings()).anyMatch(w -> w.contains("scanner-xyz"));
        String dimOnly = "endian: little\nspace dimension: 3\nspace directions: (1,0,0) (0,1,0) (0,0,2)\n";
        Volume d = NrrdReader.readVolume(write("sd.nrrd", concat(header("short", dimOnly), shorts(LE, 1, 2, 3, 4))));
        assertThat(d.geometry().spacing()).containsExactly(1, 1, 2);
    }

    @Test
    void aNoneFirstAxisBecomesComponents() throws Exception {
        String h = "NRRD0004\ntype: uchar\ndimension: 4\nspace: left-posterior-superior\nsizes: 3 2 1 1\n"
                + "space directions: none (0.5,0,0) (0,0.5,0) (0,0,1)\nkinds: RGB-color domain domain domain\n"
                + "encoding: raw\n\n";
        Volume v = NrrdReader.readVolume(write("rgb.nrrd", concat(h, new byte[] {1, 2, 3, 4, 5, 6})));
        assertThat(v.components()).isEqualTo(3);
        assertThat(v.voxels().shape()).containsExactly(1, 1, 2, 3);
        assertThat(v.geometry().size()).containsExactly(2, 1, 1);
        assertThat(v.voxels().getDouble(4)).isEqualTo(5);
    }

    @Test
    void aVectorFirstAxisWithoutSpaceIsComponentsAndSpacingsAreUsed() throws Exception {
        String h = "NRRD0003\ntype: float\ndimension: 4\nsizes: 2 2 1 1\nspacings: nan 1.5 2 NaN\n"
                + "kinds: vector domain domain domain\nendian: little\nencoding: raw\n\n";
        Volume v = NrrdReader.readVolume(write("vec.nrrd", concat(h, new byte[16])));
        assertThat(v.components()).isEqualTo(2);
        assertThat(v.geometry().spacing()).containsExactly(1.5, 2, 1);
        assertThat(v.geometry().direction()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(v.warnings()).anyMatch(w -> w.contains("no space directions"));
    }

    @Test
    void aFourthNonSpatialAxisIsTime() throws Exception {
        String h = "NRRD0004\ntype: short\ndimension: 4\nspace: LPS\nsizes: 2 1 1 3\n"
                + "space directions: (1,0,0) (0,1,0) (0,0,1) none\nkinds: domain domain domain list\n"
                + "endian: little\nencoding: raw\n\n";
        Volume v = NrrdReader.readVolume(write("t.nrrd", concat(h, shorts(LE, 1, 2, 3, 4, 5, 6))));
        assertThat(v.timepoints()).isEqualTo(3);
        assertThat(v.voxels().shape()).containsExactly(3, 1, 1, 2);
    }

    @Test
    void twoDimensionalImagesGetOneSliceAlongTheNormal() throws Exception {
        String h = "NRRD0004\ntype: short\ndimension: 2\nspace: LPS\nsizes: 2 2\n"
                + "space directions: (0,1,0) (0,0,-1)\nendian: little\nencoding: raw\n\n";
        Volume v = NrrdReader.readVolume(write("2d.nrrd", concat(h, shorts(LE, 1, 2, 3, 4))));
        assertThat(v.geometry().size()).containsExactly(2, 2, 1);
        assertThat(v.geometry().axis(2)).containsExactly(-1, 0, 0);
    }

    @Test
    void commentsKeyValuePairsAndUnknownFieldsAreKept() throws Exception {
        String extra = "endian: little\n# a comment\nmodality:=CT\nDICOM_0008_0060 :=MR\ncontent: hello\n";
        NrrdHeader h = NrrdReader.read(write("kv.nrrd", concat(header("short", extra), shorts(LE, 1, 2, 3, 4)))).header();
        assertThat(h.comments()).containsExactly("a comment");
        assertThat(h.keyValues()).containsEntry("modality", "CT").containsEntry("DICOM_0008_0060 ", "MR");
        assertThat(h.fields()).containsEntry("content", "hello");
    }

    @Test
    void gzipEncodingWithGzAlias() throws Exception {
        Path f = write("g.nrrd", concat(header("short", "endian: little\nencoding: gz\n").replace("encoding: raw\n", ""),
                gzip(shorts(LE, 5, 6, 7, 8))));
        assertThat(NrrdReader.read(f).data().getDouble(3)).isEqualTo(8);
    }

    @Test
    void asciiEncodingIsRead() throws Exception {
        String h = "NRRD0004\ntype: float\ndimension: 3\nsizes: 2 2 1\nencoding: text\n\n";
        NrrdImage img = NrrdReader.read(write("a.nrrd", (h + "1.5 -2\n3e2, 4\n").getBytes(StandardCharsets.US_ASCII)));
        assertThat(img.data().getDouble(0)).isEqualTo(1.5);
        assertThat(img.data().getDouble(2)).isEqualTo(300);
    }

    @Test
    void detachedDataWithLineSkipAndByteSkip() throws Exception {
        write("d.raw", concat("line one\nline two\nXYZ", shorts(LE, 9, 8, 7, 6)));
        String h = "NRRD0004\ntype: short\ndimension: 3\nsizes: 2 2 1\nendian: little\nencoding: raw\n"
                + "line skip: 2\nbyte skip: 3\ndata file: d.raw\n";
        NrrdImage img = NrrdReader.read(write("d.nhdr", h.getBytes(StandardCharsets.US_ASCII)));
        assertThat(img.header().attached()).isFalse();
        assertThat(img.data().getDouble(0)).isEqualTo(9);
        assertThat(img.data().getDouble(3)).isEqualTo(6);
    }

    @Test
    void byteSkipMinusOneReadsTheLastBytes() throws Exception {
        write("e.raw", concat("some preamble of any length", shorts(LE, 1, 2, 3, 4)));
        String h = "NRRD0004\ntype: short\ndimension: 3\nsizes: 2 2 1\nendian: little\nencoding: raw\n"
                + "byte skip: -1\ndatafile: e.raw\n";
        assertThat(NrrdReader.read(write("e.nhdr", h.getBytes(StandardCharsets.US_ASCII))).data().getDouble(0)).isEqualTo(1);
    }

    @Test
    void listAndPrintfDataFilesAreConcatenated() throws Exception {
        write("s001.raw", shorts(LE, 1, 2));
        write("s002.raw", shorts(LE, 3, 4));
        String list = "NRRD0004\ntype: short\ndimension: 3\nsizes: 2 1 2\nendian: little\nencoding: raw\n"
                + "data file: LIST\ns001.raw\ns002.raw\n";
        assertThat(NrrdReader.read(write("l.nhdr", list.getBytes(StandardCharsets.US_ASCII))).data().getDouble(3)).isEqualTo(4);
        String printf = "NRRD0004\ntype: short\ndimension: 3\nsizes: 2 1 2\nendian: little\nencoding: raw\n"
                + "data file: s%03d.raw 1 2 1 2\n";
        NrrdImage img = NrrdReader.read(write("p.nhdr", printf.getBytes(StandardCharsets.US_ASCII)));
        assertThat(img.header().dataFiles()).hasSize(2);
        assertThat(img.data().getDouble(2)).isEqualTo(3);
    }

    @Test
    void aDataFileInAParentFolderIsAllowed() throws Exception {
        write("up.raw", shorts(LE, 1, 2, 3, 4));
        String h = "NRRD0004\ntype: short\ndimension: 3\nsizes: 2 2 1\nendian: little\nencoding: raw\n"
                + "data file: ../up.raw\n";
        assertThat(NrrdReader.read(write("sub/up.nhdr", h.getBytes(StandardCharsets.US_ASCII))).data().getDouble(1))
                .isEqualTo(2);
    }

    @Test
    void crlfLineEndsAreAccepted() throws Exception {
        String h = "NRRD0004\r\ntype: short\r\ndimension: 3\r\nsizes: 2 2 1\r\nendian: little\r\nencoding: raw\r\n"
                + "spacings: 1 2 3\r\n\r\n";
        Volume v = NrrdReader.readVolume(write("crlf.nrrd", concat(h, shorts(LE, 1, 2, 3, 4))));
        assertThat(v.geometry().spacing()).containsExactly(new double[] {1, 2, 3}, within(0.0));
    }
}
