// SPDX-License-Identifier: Apache-2.0
package org.scanbase.metaimage;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.array.VoxelIO;
import org.scanbase.volume.Volume;

/**
 * Reads MetaImage files (MetaIO, as ITK writes them): {@code .mha} with {@code ElementDataFile =
 * LOCAL}, and {@code .mhd} headers naming a data file ({@code .raw}, {@code .zraw}), a
 * {@code LIST}, or a printf pattern. {@code CompressedData = True} data are one zlib stream
 * (RFC 1950; a gzip stream is accepted too, found by its magic). Sizes are checked against the
 * data before anything is allocated. Data paths are relative to the header's folder; absolute
 * and {@code ..} paths are followed (read only).
 */
public final class MetaImageReader {
    private static final long MAX_DEFLATE_RATIO = 1040;
    private static final int MAX_VALUES = Integer.MAX_VALUE - 8;

    private MetaImageReader() {
    }

    /** The header only. */
    public static MetaImageHeader readHeader(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        return MetaImageHeaderParser.parse(file);
    }

    /** Header and values. */
    public static MetaImage read(Path file) throws IOException {
        MetaImageHeader h = readHeader(file);
        return new MetaImage(h, readData(h));
    }

    /** Shortcut for {@code read(file).toVolume()}. */
    public static Volume readVolume(Path file) throws IOException {
        return read(file).toVolume();
    }

    private static NdArray readData(MetaImageHeader h) throws IOException {
        Path file = h.file();
        long count = h.channels();
        for (long d : h.dimSize()) {
            count *= d;
            if (count > MAX_VALUES) {
                throw MetaImageFormatException.of(file, "DimSize", "is " + Arrays.toString(h.dimSize()) + " x "
                        + h.channels() + " channels: more than " + MAX_VALUES + " values, too many to hold as one array");
            }
        }
        DType dtype = h.elementType().dtype();
        List<Path> files = h.local() ? List.of(file) : h.dataFiles();
        if (count % files.size() != 0) {
            throw MetaImageFormatException.of(file, "ElementDataFile", "lists " + files.size()
                    + " files, which do not divide the " + count + " values evenly");
        }
        if (h.compressed() && files.size() > 1) {
            throw MetaImageFormatException.of(file, "CompressedData", "is True with several data files, which MetaIO"
                    + " does not write");
        }
        int perFile = (int) (count / files.size());
        long perFileBytes = (long) perFile * dtype.bytes();
        for (Path f : files) {
            precheck(h, f, perFileBytes);
        }
        int rank = h.ndims() + (h.channels() > 1 ? 1 : 0);
        int[] shape = new int[rank];
        for (int i = 0; i < h.ndims(); i++) {
            shape[i] = (int) h.dimSize()[h.ndims() - 1 - i];
        }
        if (h.channels() > 1) {
            shape[rank - 1] = h.channels();
        }
        Object dest = NdArray.newStorage(dtype, (int) count);
        for (int i = 0; i < files.size(); i++) {
            readFile(h, files.get(i), dest, i * perFile, perFile);
        }
        return new NdArray(dtype, shape, dest);
    }

    private static long start(MetaImageHeader h, Path f, long size, long bytes) {
        if (h.headerSize() == -1) {
            return size - bytes;
        }
        return (f.equals(h.file()) ? h.dataOffset() : 0) + h.headerSize();
    }

    private static void precheck(MetaImageHeader h, Path f, long bytes) throws IOException {
        if (!Files.isRegularFile(f)) {
            throw MetaImageFormatException.of(h.file(), "ElementDataFile", "names " + f + ", which does not exist");
        }
        long size = Files.size(f);
        long start = start(h, f, size, bytes);
        long avail = size - start;
        String need = "DimSize " + Arrays.toString(h.dimSize()) + (h.channels() > 1 ? " x " + h.channels() : "")
                + " of " + h.elementType() + " needs " + bytes + " bytes";
        if (start < 0 || (f.equals(h.file()) && start < h.dataOffset())) {
            throw MetaImageFormatException.of(h.file(), "DimSize", "does not match the data: " + need + ", but " + f
                    + " has only " + size + " bytes");
        }
        if (!h.compressed() && avail < bytes) {
            throw MetaImageFormatException.of(h.file(), "DimSize", "does not match the data: " + need + ", " + f
                    + " holds " + Math.max(0, avail) + " after the header (truncated data or wrong DimSize)");
        }
        if (h.compressed()) {
            long csize = h.compressedSize() >= 0 ? Math.min(h.compressedSize(), avail) : avail;
            if (h.compressedSize() > avail) {
                throw MetaImageFormatException.of(h.file(), "CompressedDataSize", "is " + h.compressedSize() + ", but "
                        + f + " holds only " + avail + " bytes of data (truncated)");
            }
            if (csize * MAX_DEFLATE_RATIO < bytes) {
                throw MetaImageFormatException.of(h.file(), "DimSize", "does not match the data: " + need
                        + ", more than " + csize + " zlib bytes can hold");
            }
        }
    }

    private static void readFile(MetaImageHeader h, Path f, Object dest, int offset, int count) throws IOException {
        DType dtype = h.elementType().dtype();
        long bytes = (long) count * dtype.bytes();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long start = start(h, f, ch.size(), bytes);
            ch.position(start);
            if (!h.compressed()) {
                long got = VoxelIO.read(ch, dest, dtype, h.byteOrder(), offset, count);
                if (got < bytes) {
                    throw MetaImageFormatException.of(h.file(), "DimSize", "needs " + bytes + " bytes of " + f
                            + ", it ends after " + got + " (truncated data)");
                }
                return;
            }
            InputStream raw = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            java.util.zip.Inflater inflater = new java.util.zip.Inflater();
            try {
                InputStream in = b0 == 0x1F && b1 == 0x8B ? new GZIPInputStream(raw, 1 << 16)
                        : new InflaterInputStream(raw, inflater, 1 << 16);
                long got = VoxelIO.read(VoxelIO.channel(in), dest, dtype, h.byteOrder(), offset, count);
                if (got < bytes) {
                    throw MetaImageFormatException.of(h.file(), "DimSize", "needs " + bytes + " bytes, the zlib data of "
                            + f + " inflate to only " + got + " (truncated data)");
                }
            } catch (ZipException | EOFException e) {
                throw new MetaImageFormatException(h.file() + ": CompressedData: corrupt or truncated zlib data in " + f
                        + ": " + e.getMessage(), e);
            } finally {
                inflater.end();
            }
        }
    }
}
