// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nrrd;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.array.VoxelIO;
import org.scanbase.volume.Volume;

/**
 * Reads NRRD files (teem NRRD0001-0005): {@code .nrrd} with attached data and {@code .nhdr}
 * headers with detached data ({@code data file:} one file, {@code LIST}, or the printf form
 * {@code name%03d.raw min max step}); encodings raw, gzip and ascii (bzip2 and hex are refused
 * with a clear error); either endian; {@code line skip} and {@code byte skip} (-1: data at the
 * end of a raw file). Sizes are checked against the data files before anything is allocated.
 * Detached data paths are relative to the header's folder; absolute and {@code ..} paths are
 * followed, since the format allows them (they are only ever read).
 *
 * <pre>{@code
 * Volume v = NrrdReader.read(Path.of("ct.nrrd")).toVolume();
 * }</pre>
 */
public final class NrrdReader {
    /** Deflate cannot compress by more than about 1032:1; a claim beyond that is impossible. */
    private static final long MAX_DEFLATE_RATIO = 1040;
    private static final int MAX_VALUES = Integer.MAX_VALUE - 8;

    private NrrdReader() {
    }

    /** The header only (detached data files need not exist). */
    public static NrrdHeader readHeader(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        return NrrdHeaderParser.parse(file);
    }

    /** Header and values. */
    public static NrrdImage read(Path file) throws IOException {
        NrrdHeader h = readHeader(file);
        return new NrrdImage(h, readData(h));
    }

    /**
     * How the header's axes make a volume (grid, components, timepoints), without reading data.
     *
     * @throws NrrdFormatException when the axes do not describe a 2-D, 3-D or 4-D grid
     */
    public static NrrdLayout layout(NrrdHeader header) throws NrrdFormatException {
        return NrrdVolumes.layout(header);
    }

    /** Shortcut for {@code read(file).toVolume()}. */
    public static Volume readVolume(Path file) throws IOException {
        return read(file).toVolume();
    }

    private static NdArray readData(NrrdHeader h) throws IOException {
        Path file = h.file();
        long[] sizes = h.sizes();
        long count = 1;
        for (long s : sizes) {
            count *= s;
            if (count > MAX_VALUES) {
                throw NrrdFormatException.of(file, "sizes", "is " + Arrays.toString(sizes) + ": more than " + MAX_VALUES
                        + " values, too many to hold as one array");
            }
        }
        switch (h.encoding()) {
            case "raw", "gzip", "ascii" -> { }
            case "bzip2" -> throw NrrdFormatException.of(file, "encoding", "is bzip2, which scanbase does not read;"
                    + " convert it to gzip or raw (e.g. unu save -e gzip)");
            default -> throw NrrdFormatException.of(file, "encoding", "is \"" + h.encoding() + "\": scanbase reads"
                    + " raw, gzip and ascii");
        }
        List<Path> files = h.attached() ? List.of(file) : h.dataFiles();
        DType dtype = h.type().dtype();
        if (count % files.size() != 0) {
            throw NrrdFormatException.of(file, "data file", "lists " + files.size() + " files, which do not divide the "
                    + count + " values evenly");
        }
        int perFile = (int) (count / files.size());
        long perFileBytes = (long) perFile * dtype.bytes();
        for (Path f : files) {
            precheck(h, f, perFileBytes);
        }
        int[] shape = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            shape[i] = (int) sizes[sizes.length - 1 - i];
        }
        Object dest = NdArray.newStorage(dtype, (int) count);
        for (int i = 0; i < files.size(); i++) {
            readFile(h, files.get(i), dest, i * perFile, perFile);
        }
        return new NdArray(dtype, shape, dest);
    }

    /** Checks that {@code f} can hold {@code bytes} of data, before anything is allocated. */
    private static void precheck(NrrdHeader h, Path f, long bytes) throws IOException {
        if (!Files.isRegularFile(f)) {
            throw NrrdFormatException.of(h.file(), "data file", "names " + f + ", which does not exist");
        }
        long size = Files.size(f);
        long start = f.equals(h.file()) ? h.dataOffset() : 0;
        long avail = size - start - Math.max(0, h.byteSkip());
        String need = "sizes " + Arrays.toString(h.sizes()) + " of " + h.type().canonicalName() + " need " + bytes
                + " bytes";
        switch (h.encoding()) {
            case "raw" -> {
                if (avail < bytes) {
                    throw NrrdFormatException.of(h.file(), "sizes", "do not match the data: " + need + " in " + f
                            + ", which holds " + Math.max(0, avail) + " after the header and byte skip"
                            + " (truncated data or wrong sizes)");
                }
            }
            case "gzip" -> {
                if (avail * MAX_DEFLATE_RATIO < bytes) {
                    throw NrrdFormatException.of(h.file(), "sizes", "do not match the data: " + need + ", more than"
                            + " the " + Math.max(0, avail) + " gzip bytes of " + f + " can hold");
                }
            }
            default -> { // ascii: at least one character a value
                if (avail < bytes / h.type().dtype().bytes()) {
                    throw NrrdFormatException.of(h.file(), "sizes", "do not match the data: " + f + " has "
                            + Math.max(0, avail) + " characters for " + (bytes / h.type().dtype().bytes()) + " values");
                }
            }
        }
    }

    private static void readFile(NrrdHeader h, Path f, Object dest, int offset, int count) throws IOException {
        DType dtype = h.type().dtype();
        long bytes = (long) count * dtype.bytes();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long start = f.equals(h.file()) ? h.dataOffset() : 0;
            start = skipLines(ch, start, h.lineSkip(), h, f);
            String what = "data of " + f;
            if (h.encoding().equals("raw")) {
                long pos = h.byteSkip() == -1 ? ch.size() - bytes : start + h.byteSkip();
                if (pos < start) {
                    throw NrrdFormatException.of(h.file(), "byte skip", "is -1 but " + f + " is shorter than the "
                            + bytes + " bytes of data");
                }
                ch.position(pos);
                long got = VoxelIO.read(ch, dest, dtype, h.endian(), offset, count);
                if (got < bytes) {
                    throw truncated(h, f, bytes, got, "");
                }
                return;
            }
            ch.position(start);
            InputStream raw = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
            try {
                InputStream in = h.encoding().equals("gzip") ? new GZIPInputStream(raw, 1 << 16) : raw;
                in.skipNBytes(h.byteSkip());
                if (h.encoding().equals("gzip")) {
                    long got = VoxelIO.read(VoxelIO.channel(in), dest, dtype, h.endian(), offset, count);
                    if (got < bytes) {
                        throw truncated(h, f, bytes, got, " of the uncompressed data");
                    }
                } else {
                    int got = AsciiValues.read(in, dest, dtype, offset, count);
                    if (got < count) {
                        throw NrrdFormatException.of(h.file(), "sizes", "need " + count + " values, " + what
                                + " holds only " + got);
                    }
                }
            } catch (ZipException | EOFException e) {
                throw new NrrdFormatException(h.file() + ": corrupt or truncated " + h.encoding() + " " + what + ": " + e.getMessage(), e);
            } catch (NumberFormatException e) {
                throw new NrrdFormatException(h.file() + ": ascii " + what + " holds a value that is not a "
                        + h.type().canonicalName() + ": " + e.getMessage(), e);
            }
        }
    }

    private static long skipLines(FileChannel ch, long start, int lines, NrrdHeader h, Path f) throws IOException {
        long pos = start;
        ByteBuffer b = ByteBuffer.allocate(8192);
        int left = lines;
        while (left > 0) {
            b.clear();
            int n = ch.read(b, pos);
            if (n <= 0) {
                throw NrrdFormatException.of(h.file(), "line skip", "is " + lines + ", but " + f + " has fewer lines");
            }
            for (int i = 0; i < n && left > 0; i++) {
                pos++;
                if (b.get(i) == '\n') {
                    left--;
                }
            }
        }
        return pos;
    }

    private static NrrdFormatException truncated(NrrdHeader h, Path f, long expected, long got, String where) {
        return NrrdFormatException.of(h.file(), "sizes", "need " + expected + " bytes" + where + " of " + f
                + ", it ends after " + got + " (truncated data)");
    }
}
