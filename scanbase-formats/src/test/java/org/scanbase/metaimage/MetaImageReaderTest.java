// SPDX-License-Identifier: Apache-2.0
package org.scanbase.metaimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.scanbase.nrrd.VolumeFixtures.concat;
import static org.scanbase.nrrd.VolumeFixtures.gzip;
import static org.scanbase.nrrd.VolumeFixtures.shorts;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scanbase.array.DType;
import org.scanbase.volume.Volume;

/** Hand-written MetaImage headers for every field variant, and malformed files. */
class MetaImageReaderTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p;
    }

    private static byte[] zlib(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private static String header(String type, String extra, String dataFile) {
        return "ObjectType = Image\nNDims = 3\nDimSize = 2 2 1\nElementType = " + type + "\n" + extra
                + "ElementDataFile = " + dataFile + "\n";
    }

    private void assertFails(Path f, String... parts) {
        assertThatThrownBy(() -> MetaImageReader.read(f)).isInstanceOf(MetaImageFormatException.class)
                .hasMessageContaining(f.toString()).hasMessageContainingAll(parts);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"MET_UCHAR,UINT8", "MET_CHAR,INT8", "MET_SHORT,INT16", "MET_USHORT,UINT16", "MET_INT,INT32",
        "MET_UINT,UINT32", "MET_LONG,INT32", "MET_ULONG,UINT32", "MET_LONG_LONG,INT64", "MET_ULONG_LONG,UINT64",
        "MET_FLOAT,FLOAT32", "MET_DOUBLE,FLOAT64", "MET_UCHAR_ARRAY,UINT8"})
    void readsEveryElementType(String type, DType expected) throws Exception {
        byte[] data = new byte[4 * expected.bytes()];
        for (int i = 0; i < 4; i++) {
            data[i * expected.bytes()] = (byte) (i + 1);
        }
        MetaImage img = MetaImageReader.read(write("t.mha", concat(header(type, "", "LOCAL"), data)));
        assertThat(img.data().dtype()).isEqualTo(expected);
        if (!expected.floating()) {
            assertThat(img.data().getDouble(3)).isEqualTo(4);
        }
    }

    @Test
    void geometryFieldsAndTheirAliasesAreRead() throws Exception {
        // axis i along LPS +y, j along -x, k along +z
        for (String[] keys : new String[][] {{"TransformMatrix", "Offset", "ElementSpacing"},
            {"Rotation", "Position", "ElementSize"}, {"Orientation", "Origin", "ElementSpacing"}}) {
            String extra = keys[0] + " = 0 1 0 -1 0 0 0 0 1\n" + keys[1] + " = 1.5 -2 3\n" + keys[2] + " = 0.5 0.75 4\n"
                    + "AnatomicalOrientation = ARI\n";
            Volume v = MetaImageReader.readVolume(write("g.mha", concat(header("MET_SHORT", extra, "LOCAL"),
                    shorts(LE, 1, 2, 3, 4))));
            assertThat(v.geometry().axis(0)).containsExactly(0, 1, 0);
            assertThat(v.geometry().axis(1)).containsExactly(-1, 0, 0);
            assertThat(v.geometry().origin()).containsExactly(1.5, -2, 3);
            assertThat(v.geometry().spacing()).containsExactly(0.5, 0.75, 4);
            // RAS affine negates x and y of LPS
            assertThat(v.geometry().rasAffine()[1]).containsExactly(new double[] {-0.5, 0, 0, 2}, within(1e-12));
        }
    }

    @Test
    void byteOrderMsbSwapsValues() throws Exception {
        for (String key : new String[] {"BinaryDataByteOrderMSB", "ElementByteOrderMSB"}) {
            MetaImage img = MetaImageReader.read(write("be.mha", concat(header("MET_SHORT", key + " = True\n", "LOCAL"),
                    shorts(ByteOrder.BIG_ENDIAN, 1, -2, 300, 4))));
            assertThat(img.data().getDouble(2)).isEqualTo(300);
            assertThat(img.data().getDouble(1)).isEqualTo(-2);
        }
    }

    @Test
    void channelsBecomeComponentsAndAFourthAxisTimepoints() throws Exception {
        String h = "ObjectType = Image\nNDims = 4\nDimSize = 2 1 1 2\nElementNumberOfChannels = 3\n"
                + "ElementType = MET_UCHAR\nElementDataFile = LOCAL\n";
        Volume v = MetaImageReader.readVolume(write("c.mha", concat(h, new byte[12])));
        assertThat(v.components()).isEqualTo(3);
        assertThat(v.timepoints()).isEqualTo(2);
        assertThat(v.voxels().shape()).containsExactly(2, 1, 1, 2, 3);
    }

    @Test
    void compressedLocalDataAreAZlibStreamAndGzipIsAccepted() throws Exception {
        byte[] z = zlib(shorts(LE, 5, 6, 7, 8));
        MetaImage img = MetaImageReader.read(write("z.mha", concat(header("MET_SHORT", "CompressedData = True\n"
                + "CompressedDataSize = " + z.length + "\n", "LOCAL"), z)));
        assertThat(img.data().getDouble(3)).isEqualTo(8);
        MetaImage g = MetaImageReader.read(write("gz.mha", concat(header("MET_SHORT", "CompressedData = True\n", "LOCAL"),
                gzip(shorts(LE, 5, 6, 7, 8)))));
        assertThat(g.data().getDouble(0)).isEqualTo(5);
    }

    @Test
    void detachedRawZrawListAndParentFolderFilesAreRead() throws Exception {
        write("d.raw", shorts(LE, 1, 2, 3, 4));
        assertThat(MetaImageReader.read(write("d.mhd", header("MET_SHORT", "", "d.raw").getBytes(
                StandardCharsets.US_ASCII))).data().getDouble(3)).isEqualTo(4);
        write("d.zraw", zlib(shorts(LE, 1, 2, 3, 4)));
        assertThat(MetaImageReader.read(write("dz.mhd", header("MET_SHORT", "CompressedData = True\n", "d.zraw")
                .getBytes(StandardCharsets.US_ASCII))).data().getDouble(2)).isEqualTo(3);
        write("s1.raw", shorts(LE, 1, 2));
        write("s2.raw", shorts(LE, 3, 4));
        String list = "NDims = 3\nDimSize = 2 1 2\nElementType = MET_SHORT\nElementDataFile = LIST 2D\ns1.raw\ns2.raw\n";
        assertThat(MetaImageReader.read(write("l.mhd", list.getBytes(StandardCharsets.US_ASCII))).data().getDouble(2))
                .isEqualTo(3);
        String printf = "NDims = 3\nDimSize = 2 1 2\nElementType = MET_SHORT\nElementDataFile = s%d.raw 1 2 1\n";
        assertThat(MetaImageReader.read(write("p.mhd", printf.getBytes(StandardCharsets.US_ASCII))).data().getDouble(3))
                .isEqualTo(4);
        assertThat(MetaImageReader.read(write("sub/u.mhd", header("MET_SHORT", "", "../d.raw").getBytes(
                StandardCharsets.US_ASCII))).data().getDouble(0)).isEqualTo(1);
    }

    @Test
    void headerSizeSkipsBytesAndMinusOneReadsTheEnd() throws Exception {
        write("h.raw", concat("preamble!", shorts(LE, 1, 2, 3, 4)));
        assertThat(MetaImageReader.read(write("h.mhd", header("MET_SHORT", "HeaderSize = 9\n", "h.raw").getBytes(
                StandardCharsets.US_ASCII))).data().getDouble(0)).isEqualTo(1);
        assertThat(MetaImageReader.read(write("h2.mhd", header("MET_SHORT", "HeaderSize = -1\n", "h.raw").getBytes(
                StandardCharsets.US_ASCII))).data().getDouble(3)).isEqualTo(4);
    }

    @Test
    void malformedFilesNameTheFieldBeforeAllocating() throws Exception {
        assertFails(write("tr.mha", concat(header("MET_SHORT", "", "LOCAL"), shorts(LE, 1, 2, 3))), "DimSize",
                "truncated");
        assertFails(write("big.mha", concat(header("MET_SHORT", "", "LOCAL").replace("2 2 1", "65536 65536 1"),
                shorts(LE, 1))), "DimSize", "too many");
        assertFails(write("bigz.mha", concat(header("MET_SHORT", "CompressedData = True\n", "LOCAL")
                .replace("2 2 1", "1024 1024 1024"), zlib(shorts(LE, 1)))), "DimSize", "zlib");
        byte[] z = zlib(shorts(LE, 1, 2, 3, 4));
        assertFails(write("cut.mha", concat(header("MET_SHORT", "CompressedData = True\n", "LOCAL"),
                Arrays.copyOf(z, z.length - 6))), "zlib");
        assertFails(write("junk.mha", concat(header("MET_SHORT", "CompressedData = True\n", "LOCAL"),
                "not zlib at all".getBytes(StandardCharsets.US_ASCII))), "zlib");
        assertFails(write("csize.mha", concat(header("MET_SHORT", "CompressedData = True\nCompressedDataSize = 999\n",
                "LOCAL"), z)), "CompressedDataSize");
        assertFails(write("nodims.mha", concat("NDims = 3\nElementType = MET_SHORT\nElementDataFile = LOCAL\n",
                new byte[8])), "DimSize", "missing");
        assertFails(write("nofile.mha", "NDims = 3\nDimSize = 1 1 1\nElementType = MET_SHORT\n".getBytes(
                StandardCharsets.US_ASCII)), "ElementDataFile");
        assertFails(write("type.mha", concat(header("MET_QUATERNION", "", "LOCAL"), new byte[8])), "ElementType");
        assertFails(write("ndims.mha", concat(header("MET_SHORT", "", "LOCAL").replace("2 2 1", "2 2"), new byte[8])),
                "DimSize", "NDims is 3");
        assertFails(write("gone.mhd", header("MET_SHORT", "", "gone.raw").getBytes(StandardCharsets.US_ASCII)),
                "ElementDataFile", "gone.raw");
        assertFails(write("obj.mha", concat(header("MET_SHORT", "", "LOCAL").replace("Image", "Mesh"), new byte[8])),
                "ObjectType");
        assertFails(write("tm.mha", concat(header("MET_SHORT", "TransformMatrix = 1 0 0\n", "LOCAL"), new byte[8])),
                "TransformMatrix");
    }
}
