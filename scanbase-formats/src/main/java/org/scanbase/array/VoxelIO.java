// SPDX-License-Identifier: Apache-2.0
package org.scanbase.array;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Bulk copies between byte channels (a {@link java.nio.channels.FileChannel}, or an inflating
 * stream wrapped with {@link java.nio.channels.Channels#newChannel}) and the primitive array of
 * an {@link NdArray}, in either byte order. One-byte values are read straight into the
 * destination; wider values go through one reusable chunk and a typed buffer view, so peak
 * memory is the array plus one chunk. Used by the NRRD and MetaImage readers and writers.
 */
public final class VoxelIO {
    /** Chunk size: a multiple of every element size. */
    private static final int CHUNK = 4 << 20;

    private VoxelIO() {
    }

    /**
     * Reads up to {@code count} values of {@code dtype} into {@code dest} (a primitive array of
     * the storage type) from index {@code offset}.
     *
     * @return the number of bytes read: less than {@code count * dtype.bytes()} only when the
     *         channel ended first (the caller names the file and field in its error)
     * @throws IOException as the channel throws it (e.g. {@link java.util.zip.ZipException} for
     *                     corrupt compressed data)
     */
    public static long read(ReadableByteChannel in, Object dest, DType dtype, ByteOrder order, int offset,
                            int count) throws IOException {
        int size = dtype.bytes();
        long total = (long) count * size;
        if (size == 1) {
            ByteBuffer b = ByteBuffer.wrap((byte[]) dest, offset, count);
            return fill(in, b);
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, total)).order(order);
        long done = 0;
        int off = offset;
        int end = offset + count;
        while (off < end) {
            int n = Math.min(end - off, buf.capacity() / size);
            buf.clear().limit(n * size);
            int got = fill(in, buf);
            done += got;
            int whole = got / size;
            buf.flip();
            switch (dtype) {
                case UINT16, INT16 -> buf.asShortBuffer().get((short[]) dest, off, whole);
                case UINT32, INT32 -> buf.asIntBuffer().get((int[]) dest, off, whole);
                case INT64, UINT64 -> buf.asLongBuffer().get((long[]) dest, off, whole);
                case FLOAT32 -> buf.asFloatBuffer().get((float[]) dest, off, whole);
                case FLOAT64 -> buf.asDoubleBuffer().get((double[]) dest, off, whole);
                default -> throw new IllegalStateException("one-byte types are read directly: " + dtype);
            }
            if (got < n * size) {
                return done;
            }
            off += n;
        }
        return done;
    }

    /**
     * A channel over a stream that reads straight into a heap buffer's array (no intermediate
     * copy), so inflated one-byte data land directly in the destination array.
     */
    public static ReadableByteChannel channel(InputStream in) {
        return new ReadableByteChannel() {
            private boolean open = true;

            @Override
            public int read(ByteBuffer dst) throws IOException {
                if (!dst.hasRemaining()) {
                    return 0;
                }
                int n;
                if (dst.hasArray()) {
                    n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                    if (n > 0) {
                        dst.position(dst.position() + n);
                    }
                } else {
                    byte[] tmp = new byte[Math.min(dst.remaining(), 1 << 16)];
                    n = in.read(tmp);
                    if (n > 0) {
                        dst.put(tmp, 0, n);
                    }
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() throws IOException {
                open = false;
                in.close();
            }
        };
    }

    /** Writes all values of {@code array} in byte order {@code order}. */
    public static void write(WritableByteChannel out, NdArray array, ByteOrder order) throws IOException {
        DType dtype = array.dtype();
        int size = dtype.bytes();
        int count = array.size();
        Object src = array.data();
        if (size == 1) {
            drain(out, ByteBuffer.wrap((byte[]) src, 0, count));
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(size, (long) count * size))).order(order);
        int off = 0;
        while (off < count) {
            int n = Math.min(count - off, buf.capacity() / size);
            buf.clear();
            switch (dtype) {
                case UINT16, INT16 -> buf.asShortBuffer().put((short[]) src, off, n);
                case UINT32, INT32 -> buf.asIntBuffer().put((int[]) src, off, n);
                case INT64, UINT64 -> buf.asLongBuffer().put((long[]) src, off, n);
                case FLOAT32 -> buf.asFloatBuffer().put((float[]) src, off, n);
                case FLOAT64 -> buf.asDoubleBuffer().put((double[]) src, off, n);
                default -> throw new IllegalStateException("one-byte types are written directly: " + dtype);
            }
            buf.position(0).limit(n * size);
            drain(out, buf);
            off += n;
        }
    }

    private static int fill(ReadableByteChannel in, ByteBuffer b) throws IOException {
        int start = b.position();
        while (b.hasRemaining()) {
            if (in.read(b) < 0) {
                break;
            }
        }
        return b.position() - start;
    }

    private static void drain(WritableByteChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }
}
