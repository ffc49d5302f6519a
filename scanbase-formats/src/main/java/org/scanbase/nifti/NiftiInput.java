// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nifti;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.scanbase.array.DType;

/**
 * Sequential reading of a NIfTI file, plain or gzip (found by the magic bytes 1F 8B, not the
 * name), with voxel data copied in large chunks straight into the destination array: plain
 * files through a {@link FileChannel} and a direct buffer, gzip files through a
 * {@link GZIPInputStream} inflating into a reusable chunk. Peak memory is the destination plus
 * one chunk.
 */
final class NiftiInput implements Closeable {
    /** Chunk size: a multiple of every element size. */
    private static final int CHUNK = 4 << 20;
    /** Deflate cannot compress by more than about 1032:1; a claim beyond that is impossible. */
    static final long MAX_DEFLATE_RATIO = 1040;

    private final Path file;
    private final FileChannel channel;
    private final InputStream gz;
    private final long fileSize;
    private long position;

    private NiftiInput(Path file, FileChannel channel, InputStream gz, long fileSize) {
        this.file = file;
        this.channel = channel;
        this.gz = gz;
        this.fileSize = fileSize;
    }

    /** True when the file starts with the gzip magic 1F 8B. */
    static boolean isGzip(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(2);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // fill
            }
            return b.position() == 2 && (b.get(0) & 0xFF) == 0x1F && (b.get(1) & 0xFF) == 0x8B;
        }
    }

    static NiftiInput open(Path file) throws IOException {
        long size = Files.size(file);
        if (isGzip(file)) {
            InputStream raw = Files.newInputStream(file);
            try {
                return new NiftiInput(file, null, new GZIPInputStream(raw, 1 << 16), size);
            } catch (ZipException | EOFException e) {
                raw.close();
                throw new NiftiFormatException(file + ": corrupt gzip header: " + e.getMessage(), e);
            }
        }
        return new NiftiInput(file, FileChannel.open(file, StandardOpenOption.READ), null, size);
    }

    boolean gzipped() {
        return gz != null;
    }

    /** Size of the file on disk (compressed size for gzip). */
    long fileSize() {
        return fileSize;
    }

    /** Bytes read so far (uncompressed). */
    long position() {
        return position;
    }

    /** Reads up to {@code len} bytes; fewer only at the end of the file. */
    int read(byte[] b, int off, int len) throws IOException {
        int done = 0;
        try {
            if (channel != null) {
                ByteBuffer bb = ByteBuffer.wrap(b, off, len);
                while (bb.hasRemaining()) {
                    int n = channel.read(bb, position + done);
                    if (n < 0) {
                        break;
                    }
                    done += n;
                }
            } else {
                while (done < len) {
                    int n = gz.read(b, off + done, len - done);
                    if (n < 0) {
                        break;
                    }
                    done += n;
                }
            }
        } catch (ZipException | EOFException e) {
            throw corrupt(e, position + done);
        }
        position += done;
        return done;
    }

    /** Moves forward to byte {@code target} of the (uncompressed) file. */
    void skipTo(long target, String field) throws IOException {
        if (target < position) {
            throw new IllegalStateException("cannot seek backwards from " + position + " to " + target);
        }
        if (channel != null) {
            if (target > fileSize) {
                throw NiftiFormatException.of(file, field, "is " + target + ", beyond the end of the file ("
                        + fileSize + " bytes)");
            }
            position = target;
            return;
        }
        byte[] sink = new byte[(int) Math.min(CHUNK, Math.max(1, target - position))];
        while (position < target) {
            int n = read(sink, 0, (int) Math.min(sink.length, target - position));
            if (n == 0) {
                throw NiftiFormatException.of(file, field, "is " + target + ", beyond the end of the uncompressed"
                        + " data (" + position + " bytes)");
            }
        }
    }

    /**
     * Reads {@code count} values of {@code dtype} in byte order {@code order} into {@code dest}
     * (a primitive array of the storage type), starting at the current position.
     *
     * @throws NiftiFormatException when the file ends first, or the gzip data is corrupt
     */
    void readVoxels(Object dest, DType dtype, ByteOrder order, int count, String what) throws IOException {
        int size = dtype.bytes();
        long total = (long) count * size;
        if (size == 1) {
            readFully((byte[]) dest, 0, count, total, what);
            return;
        }
        ByteBuffer buf;
        byte[] heap = null;
        if (channel != null) {
            buf = ByteBuffer.allocateDirect((int) Math.min(CHUNK, total));
        } else {
            heap = new byte[(int) Math.min(CHUNK, total)];
            buf = ByteBuffer.wrap(heap);
        }
        long start = position;
        int off = 0;
        while (off < count) {
            int n = Math.min(count - off, buf.capacity() / size);
            int bytes = n * size;
            buf.clear().limit(bytes);
            if (channel != null) {
                int got = 0;
                while (got < bytes) {
                    int r = channel.read(buf, position + got);
                    if (r < 0) {
                        throw truncated(what, start, total, position + got - start);
                    }
                    got += r;
                }
                position += got;
                buf.flip();
            } else {
                int got = read(heap, 0, bytes);
                if (got < bytes) {
                    throw truncated(what, start, total, position - start);
                }
                buf.position(0).limit(bytes);
            }
            ByteBuffer b = buf.order(order);
            switch (dtype) {
                case UINT16, INT16 -> b.asShortBuffer().get((short[]) dest, off, n);
                case UINT32, INT32 -> b.asIntBuffer().get((int[]) dest, off, n);
                case INT64, UINT64 -> b.asLongBuffer().get((long[]) dest, off, n);
                case FLOAT32 -> b.asFloatBuffer().get((float[]) dest, off, n);
                case FLOAT64 -> b.asDoubleBuffer().get((double[]) dest, off, n);
                default -> throw new IllegalStateException("1-byte types are read directly: " + dtype);
            }
            off += n;
        }
    }

    private void readFully(byte[] dest, int off, int len, long total, String what) throws IOException {
        long start = position;
        int got = read(dest, off, len);
        if (got < len) {
            throw truncated(what, start, total, got);
        }
    }

    private NiftiFormatException truncated(String what, long start, long expected, long got) {
        return new NiftiFormatException(file + ": " + what + " truncated: expected " + expected + " bytes from byte "
                + start + (gz != null ? " of the uncompressed data" : "") + ", the file ends after " + got);
    }

    private NiftiFormatException corrupt(IOException e, long at) {
        return new NiftiFormatException(file + ": corrupt gzip data near uncompressed byte " + at + ": "
                + e.getMessage(), e);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        } else {
            gz.close();
        }
    }
}
