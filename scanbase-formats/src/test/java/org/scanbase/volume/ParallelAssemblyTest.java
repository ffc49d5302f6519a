// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.array.DType;
import org.scanbase.dicom.DicomReader;
import org.scanbase.dicom.TransferSyntax;
import org.scanbase.dicom.pixel.PixelDecodeException;

/**
 * Series assembly on several threads gives what it gives on one: the same voxels, warnings and
 * errors, whichever path (mapped native data, decoded in memory, converted to real values) each
 * file takes.
 */
class ParallelAssemblyTest {
    private static final SeriesAssembler.Options ONE = SeriesAssembler.Options.LENIENT.withThreads(1);
    private static final SeriesAssembler.Options FOUR = SeriesAssembler.Options.LENIENT.withThreads(4);

    @TempDir
    Path tmp;

    static void assertSameVolume(Volume parallel, Volume serial) {
        assertThat(parallel.voxels().dtype()).isEqualTo(serial.voxels().dtype());
        assertThat(parallel.voxels().shape()).containsExactly(serial.voxels().shape());
        assertThat(parallel.voxels().sha256()).as("voxels, byte for byte").isEqualTo(serial.voxels().sha256());
        assertThat(parallel.geometry()).isEqualTo(serial.geometry());
        assertThat(parallel.slope()).isEqualTo(serial.slope());
        assertThat(parallel.intercept()).isEqualTo(serial.intercept());
        assertThat(parallel.warnings()).isEqualTo(serial.warnings());
    }

    @Test
    void convertsAPerSliceRescaledSeriesToTheSameRealValuesOnOneThreadAndOnFour() throws IOException {
        TestSeries s = new TestSeries().oblique();
        s.nz = 13;
        s.rescale = w -> new double[] {0.5 + 0.25 * w, -100 + w};
        s.write(tmp);

        Volume serial = SeriesAssembler.assemble(tmp, null, ONE);
        Volume parallel = SeriesAssembler.assemble(tmp, null, FOUR);

        assertSameVolume(parallel, serial);
        assertThat(parallel.voxels().dtype()).isEqualTo(DType.FLOAT32);
        for (int k = 0; k < s.nz; k++) {
            for (int[] ij : new int[][] {{0, 0}, {s.nx - 1, s.ny - 1}, {17, 29}}) {
                double expected = TestSeries.value(ij[0], ij[1], k) * (0.5 + 0.25 * k) + (-100 + k);
                assertThat(parallel.real(ij[0], ij[1], k)).isEqualTo((double) (float) expected);
            }
        }
    }

    @Test
    void assemblesASeriesOfMixedTransferSyntaxesTheSameOnOneThreadAndOnFour() throws IOException {
        TestSeries s = new TestSeries().oblique();
        s.nz = 9;
        List<Path> files = s.write(tmp);
        // native files are mapped straight into place (big endian ones byte-swapped on the way), RLE is decoded
        List<TransferSyntax> syntaxes = List.of(TransferSyntax.EXPLICIT_VR_LE, TransferSyntax.IMPLICIT_VR_LE,
                TransferSyntax.EXPLICIT_VR_BE, TransferSyntax.RLE_LOSSLESS);
        for (int w = 0; w < files.size(); w++) {
            TransferSyntax ts = syntaxes.get(w % syntaxes.size());
            if (!ts.equals(TransferSyntax.EXPLICIT_VR_LE)) {
                Transcode.to(files.get(w), ts);
            }
            assertThat(DicomReader.readHeader(files.get(w)).transferSyntax()).isEqualTo(ts);
        }

        assertThat(SeriesScanner.scan(tmp).unreadable()).isEmpty();
        Volume serial = SeriesAssembler.assemble(tmp, null, ONE);
        Volume parallel = SeriesAssembler.assemble(tmp, null, FOUR);

        assertSameVolume(parallel, serial);
        assertThat(parallel.voxels().dtype()).isEqualTo(DType.UINT16);
        assertThat(parallel.intercept()).isEqualTo(-1024);
        SeriesAssemblerTest.assertVoxels(parallel, s, SeriesAssemblerTest.identity(s.nz));
        SeriesAssemblerTest.assertPlacement(parallel.geometry(), s, SeriesAssemblerTest.identity(s.nz));
    }

    @Test
    void namesTheFirstTruncatedFileInVolumeOrderWhateverTheNumberOfThreads() throws IOException {
        TestSeries s = new TestSeries();
        s.nz = 12;
        List<Path> files = s.write(tmp);
        SliceStack stack = SeriesAssembler.onlyStack(SeriesScanner.scan(tmp).pick(null, tmp), tmp);
        // cut two files after the scan (the files changed under us): written slices 9 and 4
        long size = Files.size(files.get(4));
        for (int w : new int[] {9, 4}) {
            try (RandomAccessFile f = new RandomAccessFile(files.get(w).toFile(), "rw")) {
                f.setLength(size - 100);
            }
        }

        Throwable serial = catchThrowable(() -> SeriesAssembler.assemble(stack, ONE));
        assertThat(serial).isInstanceOf(PixelDecodeException.class)
                .hasMessageStartingWith(files.get(4).toString())
                .hasMessageContaining("(7FE0,0010) PixelData needs bytes")
                .hasMessageContaining("but the file has " + (size - 100));
        for (int run = 0; run < 5; run++) {
            assertThatThrownBy(() -> SeriesAssembler.assemble(stack, FOUR))
                    .isInstanceOf(PixelDecodeException.class).hasMessage(serial.getMessage());
        }
    }

    @Test
    void refusesHeadersThatPromiseMorePixelsThanTheFilesHoldBeforeAllocatingTheVolume() throws IOException {
        TestSeries s = new TestSeries();
        List<Path> files = s.write(tmp);
        for (Path f : files) {
            // every file claims 16384 x 16384: a 3 GiB volume for 6 files of 6 KiB of pixels
            patchUs(f, 0x00280010, 16384);
            patchUs(f, 0x00280011, 16384);
        }

        for (SeriesAssembler.Options o : List.of(ONE, FOUR)) {
            assertThatThrownBy(() -> SeriesAssembler.assemble(tmp, null, o))
                    .isInstanceOf(PixelDecodeException.class)
                    .hasMessageStartingWith(files.get(0).toString())
                    .hasMessageContaining("(7FE0,0010) PixelData has 6144 bytes, expected 536870912 for 1 frame(s)"
                            + " of 16384x16384x1");
        }
    }

    @Test
    void scansTheSameOnOneThreadAndOnFour() throws IOException {
        TestSeries a = new TestSeries();
        a.write(tmp.resolve("a"));
        TestSeries b = new TestSeries().oblique();
        b.seriesUid = "1.2.826.0.1.3680043.10.543.7.2";
        b.nz = 4;
        b.write(tmp.resolve("b"));
        b.writeRtstruct(tmp.resolve("b/RS.dcm"));
        Files.writeString(tmp.resolve("a/README.txt"), "not DICOM");
        Path first = SeriesScanner.files(tmp.resolve("a")).stream().filter(p -> p.toString().endsWith(".dcm"))
                .findFirst().orElseThrow();
        Files.write(tmp.resolve("a/broken.dcm"), java.util.Arrays.copyOf(Files.readAllBytes(first), 600));
        List<Path> paths = SeriesScanner.files(tmp);

        SeriesScan serial = SeriesScanner.scan(paths, 1);
        SeriesScan parallel = SeriesScanner.scan(paths, 4);

        assertThat(parallel.series()).extracting(DicomSeries::uid).containsExactly(a.seriesUid, b.seriesUid);
        assertThat(parallel.series()).extracting(DicomSeries::summary)
                .containsExactlyElementsOf(serial.series().stream().map(DicomSeries::summary).toList());
        for (int i = 0; i < serial.series().size(); i++) {
            assertThat(parallel.series().get(i).slices()).extracting(SliceInfo::path)
                    .containsExactlyElementsOf(serial.series().get(i).slices().stream().map(SliceInfo::path).toList());
        }
        assertThat(parallel.unreadable()).isEqualTo(serial.unreadable()).hasSize(2);
        assertThat(parallel.nonImages()).isEqualTo(serial.nonImages()).hasSize(1);
    }

    /** Overwrites the value of the first (gggg,eeee) US element of an explicit VR little endian file. */
    private static void patchUs(Path file, int tag, int value) throws IOException {
        byte[] b = Files.readAllBytes(file);
        byte[] header = {(byte) (tag >>> 16), (byte) (tag >>> 24), (byte) tag, (byte) (tag >>> 8), 'U', 'S', 2, 0};
        for (int p = 132; p + header.length + 2 <= b.length; p++) {
            if (java.util.Arrays.equals(b, p, p + header.length, header, 0, header.length)) {
                b[p + 8] = (byte) value;
                b[p + 9] = (byte) (value >>> 8);
                Files.write(file, b);
                return;
            }
        }
        throw new AssertionError("no US element " + Integer.toHexString(tag) + " in " + file);
    }
}
