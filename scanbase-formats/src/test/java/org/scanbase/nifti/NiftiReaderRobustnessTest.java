// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.array.DType;

/**
 * Malformed files give a {@link NiftiFormatException} naming the file and the header field, fast
 * and without allocating what the header claims.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class NiftiReaderRobustnessTest {
    /** More than any of these files may make the reader allocate. */
    private static final long ALLOCATION_LIMIT = 64L << 20;

    @TempDir
    Path dir;

    /** A valid little-endian NIfTI-1 int16 file of 8 x 6 x 4 voxels. */
    private byte[] valid() throws Exception {
        Path f = dir.resolve("valid.nii");
        NiftiWriter.write(TestVolumes.volume(DType.INT16, 8, 6, 4, 1, 1, 1, 0), f);
        return Files.readAllBytes(f);
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private static byte[] patchShort(byte[] b, int offset, int value) {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(offset, (short) value);
        return b;
    }

    private static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    /** Runs the read, checks the exception names the file and the field, and that little was allocated. */
    private static void failsNaming(Path file, String field, ThrowingCallable read) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(read).isInstanceOf(NiftiFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(field);
        assertThat(mx.getCurrentThreadAllocatedBytes() - before).as("bytes allocated").isLessThan(ALLOCATION_LIMIT);
    }

    @Test
    void truncatedDataNamesTheDims() throws Exception {
        byte[] b = valid();
        Path f = write("cut.nii", Arrays.copyOf(b, b.length - 10));
        failsNaming(f, "dim", () -> NiftiReader.read(f));
    }

    @Test
    void truncatedGzipDataSaysTruncatedOrCorrupt() throws Exception {
        byte[] gz = gzip(valid());
        Path f = write("cut.nii.gz", Arrays.copyOf(gz, gz.length / 2 + 20));
        assertThatThrownBy(() -> NiftiReader.read(f)).isInstanceOf(NiftiFormatException.class)
                .hasMessageContaining(f.toString()).hasMessageMatching("(?s).*(truncated|corrupt gzip).*");
    }

    @Test
    void shortGzipDataSaysTruncatedWithByteCounts() throws Exception {
        byte[] b = valid();
        Path f = write("short.nii.gz", gzip(Arrays.copyOf(b, b.length - 7)));
        failsNaming(f, "truncated", () -> NiftiReader.read(f));
        assertThatThrownBy(() -> NiftiReader.read(f)).hasMessageContaining("expected 384 bytes from byte 352");
    }

    @Test
    void corruptGzipIsNamed() throws Exception {
        byte[] gz = gzip(valid());
        for (int i = 30; i < gz.length - 30; i += 7) {
            gz[i] ^= 0x5A;
        }
        Path f = write("bad.nii.gz", gz);
        failsNaming(f, "gzip", () -> NiftiReader.read(f));
    }

    @Test
    void dimsLargerThanTheFileAreRefusedBeforeReading() throws Exception {
        Path f = write("big.nii", patchShort(valid(), 46, 400)); // dim[3] = 400
        failsNaming(f, "dim", () -> NiftiReader.read(f));
    }

    @Test
    void aKibibyteFileClaiming2To31VoxelsFailsFast() throws Exception {
        byte[] b = Arrays.copyOf(valid(), 1024);
        patchShort(b, 42, 32767);
        patchShort(b, 44, 32767);
        patchShort(b, 46, 3); // 32767 * 32767 * 3 > 2^31 voxels
        Path f = write("absurd.nii", b);
        failsNaming(f, "dim[1..3]", () -> NiftiReader.read(f));
        Path gz = write("absurd.nii.gz", gzip(b));
        failsNaming(gz, "dim[1..3]", () -> NiftiReader.read(gz));
    }

    @Test
    void aSmallGzipClaimingAGibibyteFailsBeforeAllocating() throws Exception {
        byte[] b = Arrays.copyOf(valid(), 1024);
        patchShort(b, 42, 16384);
        patchShort(b, 44, 16384);
        patchShort(b, 46, 2); // 2^29 int16 = 1 GiB, fits one array, not this file
        Path f = write("claims.nii.gz", gzip(b));
        failsNaming(f, "dim", () -> NiftiReader.read(f));
    }

    @Test
    void negativeDimsAreNamed() throws Exception {
        Path f = write("neg.nii", patchShort(valid(), 44, -6));
        failsNaming(f, "dim[2]", () -> NiftiReader.read(f));
    }

    @Test
    void dimZeroOutOfRangeIsNamedAfterCheckingTheOtherByteOrder() throws Exception {
        Path f = write("rank.nii", patchShort(valid(), 40, 9));
        failsNaming(f, "dim[0]", () -> NiftiReader.readHeader(f));
        Path swapped = write("swapped.nii", patchShort(valid(), 40, 0x0300));
        failsNaming(swapped, "dim[0]", () -> NiftiReader.readHeader(swapped));
        assertThatThrownBy(() -> NiftiReader.readHeader(swapped)).hasMessageContaining("BIG_ENDIAN");
    }

    @Test
    void bitpixThatDoesNotMatchTheDatatypeIsNamed() throws Exception {
        Path f = write("bitpix.nii", patchShort(valid(), 72, 8));
        failsNaming(f, "bitpix", () -> NiftiReader.read(f));
    }

    @Test
    void unknownAndUnsupportedDatatypesAreNamed() throws Exception {
        Path unknown = write("unknown.nii", patchShort(valid(), 70, 3));
        failsNaming(unknown, "datatype", () -> NiftiReader.read(unknown));
        byte[] c = patchShort(valid(), 70, 1792);
        Path complex = write("complex.nii", patchShort(c, 72, 128));
        failsNaming(complex, "unsupported datatype", () -> NiftiReader.read(complex));
    }

    @Test
    void anExtensionThatOverrunsVoxOffsetIsNamed() throws Exception {
        byte[] b = valid();
        byte[] withExt = new byte[b.length + 16];
        System.arraycopy(b, 0, withExt, 0, 348);
        ByteBuffer bb = ByteBuffer.wrap(withExt).order(ByteOrder.LITTLE_ENDIAN);
        bb.putFloat(108, 368);          // vox_offset after one 16-byte extension
        bb.put(348, (byte) 1);           // extender: extensions follow
        bb.putInt(352, 32);              // esize 32 runs past vox_offset 368
        bb.putInt(356, 6);
        System.arraycopy(b, 352, withExt, 368, b.length - 352);
        Path f = write("ext.nii", withExt);
        failsNaming(f, "esize", () -> NiftiReader.read(f));
        bb.putInt(352, 0);               // esize 0 would never advance
        Path zero = write("ext0.nii", withExt);
        failsNaming(zero, "esize", () -> NiftiReader.read(zero));
        bb.putInt(352, 16);              // the valid one
        Path ok = write("ext-ok.nii", withExt);
        assertThat(NiftiReader.read(ok).header().extensions()).hasSize(1);
    }

    @Test
    void aWrongSizeofHdrOrEmptyFileIsNamed() throws Exception {
        byte[] b = valid();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 349);
        Path f = write("size.nii", b);
        failsNaming(f, "sizeof_hdr", () -> NiftiReader.read(f));
        Path empty = write("empty.nii", new byte[0]);
        failsNaming(empty, "sizeof_hdr", () -> NiftiReader.read(empty));
        Path headerOnly = write("cut-header.nii", Arrays.copyOf(valid(), 200));
        failsNaming(headerOnly, "header", () -> NiftiReader.read(headerOnly));
    }

    @Test
    void aVoxOffsetInsideTheHeaderIsNamed() throws Exception {
        byte[] b = valid();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(108, 100);
        Path f = write("offset.nii", b);
        failsNaming(f, "vox_offset", () -> NiftiReader.read(f));
    }

    @Test
    void aBadMagicIsNamed() throws Exception {
        byte[] b = valid();
        b[345] = 'x';
        Path f = write("magic.nii", b);
        failsNaming(f, "magic", () -> NiftiReader.read(f));
    }

    @Test
    void aPairWithoutItsImageFileIsNamed() throws Exception {
        NiftiWriter.write(TestVolumes.volume(DType.INT16, 4, 3, 2, 1, 1, 1, 0), dir.resolve("p.hdr"));
        Files.delete(dir.resolve("p.img"));
        Path hdr = dir.resolve("p.hdr");
        assertThat(NiftiReader.readHeader(hdr).shape()).containsExactly(4, 3, 2);
        failsNaming(hdr, "image file", () -> NiftiReader.read(hdr));
    }
}
