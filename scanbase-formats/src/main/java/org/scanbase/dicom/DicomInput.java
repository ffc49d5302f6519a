// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The byte source of the parser: a window over a file channel, an input stream (the inflated
 * data of a deflated transfer syntax) or a byte array, that knows the absolute offset of every
 * byte and, where it can, how many bytes remain.
 *
 * <p>Lengths read from a file are never trusted for allocation: values are read into arrays
 * only after the length was checked against the bytes remaining in the file, and for streams
 * of unknown length arrays grow as data actually arrives (so a lying length field costs at most
 * the data really present).
 */
final class DicomInput {
    private static final int BUFFER = 16 * 1024;
    private static final int CHUNK = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final InputStream stream;
    /** Absolute end of the data, or -1 when unknown (streams). */
    private final long end;
    private byte[] buf;
    private int pos;
    private int lim;
    /** Absolute offset of buf[0]. */
    private long bufStart;
    private boolean eof;

    private DicomInput(Path file, FileChannel channel, InputStream stream, long end, byte[] buf, int lim, long bufStart) {
        this.file = file;
        this.channel = channel;
        this.stream = stream;
        this.end = end;
        this.buf = buf;
        this.lim = lim;
        this.bufStart = bufStart;
        this.eof = channel == null && stream == null;
    }

    /**
     * A window a thread gave back ({@link #release}) for its next file: a scan reads thousands of
     * files, and a fresh 16 KiB window for each was a tenth of what an import allocates.
     */
    private static final ThreadLocal<byte[]> SPARE = new ThreadLocal<>();

    /**
     * Reads a file channel from its current position to its size. Give the window back with
     * {@link #release} once nothing refers to it any more.
     */
    static DicomInput of(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        long start = channel.position();
        int window = (int) Math.min(BUFFER, Math.max(1024, size - start));
        byte[] spare = SPARE.get();
        if (window == BUFFER && spare != null) {
            SPARE.set(null); // a read nested in this one allocates its own
            return new DicomInput(file, channel, null, size, spare, 0, start);
        }
        return new DicomInput(file, channel, null, size, new byte[window], 0, start);
    }

    /**
     * Hands the window to the next {@link #of(Path, FileChannel)} on this thread. Only when the
     * read is over: the values read are copies, nothing keeps the window.
     */
    void release() {
        if (buf.length == BUFFER) {
            SPARE.set(buf);
        }
        buf = null;
    }

    /** Reads a stream of unknown length; offsets start at {@code start}. */
    static DicomInput of(Path file, InputStream stream, long start) {
        return new DicomInput(file, null, stream, -1, new byte[BUFFER], 0, start);
    }

    /** Reads an array whose first byte is at absolute offset {@code start}. */
    static DicomInput of(Path file, byte[] bytes, long start) {
        return new DicomInput(file, null, null, start + bytes.length, bytes, bytes.length, start);
    }

    Path file() {
        return file;
    }

    long position() {
        return bufStart + pos;
    }

    /** Absolute end of the data, or -1 when not known. */
    long end() {
        return end;
    }

    /** Bytes left to read, or {@link Long#MAX_VALUE} when not known. */
    long remaining() {
        return end < 0 ? Long.MAX_VALUE : end - position();
    }

    /** Bytes in the window from the current position. */
    int buffered() {
        return lim - pos;
    }

    byte[] buffer() {
        return buf;
    }

    int bufferPosition() {
        return pos;
    }

    /** Makes at least {@code n} bytes (n <= 1024) readable in the window; false at end of data. */
    boolean ensure(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (eof) {
            return false;
        }
        if (n > buf.length) {
            throw new IllegalArgumentException("window of " + buf.length + " bytes cannot hold " + n);
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            bufStart += pos;
            lim -= pos;
            pos = 0;
        }
        while (lim < n && !eof) {
            int r = fill(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
            }
        }
        return lim - pos >= n;
    }

    private int fill(byte[] dst, int off, int len) throws IOException {
        if (channel != null) {
            return channel.read(ByteBuffer.wrap(dst, off, len));
        }
        if (stream != null) {
            return stream.read(dst, off, len);
        }
        return -1;
    }

    void advance(int n) {
        pos += n;
    }

    int u8(int i) {
        return buf[pos + i] & 0xFF;
    }

    int u16(int i, boolean bigEndian) {
        int a = buf[pos + i] & 0xFF;
        int b = buf[pos + i + 1] & 0xFF;
        return bigEndian ? (a << 8) | b : (b << 8) | a;
    }

    int i32(int i, boolean bigEndian) {
        int a = buf[pos + i] & 0xFF;
        int b = buf[pos + i + 1] & 0xFF;
        int c = buf[pos + i + 2] & 0xFF;
        int d = buf[pos + i + 3] & 0xFF;
        return bigEndian ? (a << 24) | (b << 16) | (c << 8) | d : (d << 24) | (c << 16) | (b << 8) | a;
    }

    /**
     * Reads {@code n} bytes, {@code n} having been checked against {@link #remaining()} by the
     * caller; for streams the array grows with the data that arrives.
     *
     * @return the bytes, or null when the data ended first
     */
    byte[] read(long n) throws IOException {
        if (n > Integer.MAX_VALUE - 16 || n > remaining()) {
            return null;
        }
        int len = (int) n;
        if (end >= 0) {
            byte[] out = new byte[len];
            return readFully(out, 0, len) ? out : null;
        }
        byte[] out = new byte[Math.min(len, CHUNK)];
        int done = 0;
        while (done < len) {
            if (done == out.length) {
                out = Arrays.copyOf(out, (int) Math.min(len, (long) out.length * 2));
            }
            int want = out.length - done;
            if (!readFully(out, done, want)) {
                return null;
            }
            done += want;
        }
        return out;
    }

    private boolean readFully(byte[] out, int off, int len) throws IOException {
        int inBuf = Math.min(len, lim - pos);
        System.arraycopy(buf, pos, out, off, inBuf);
        pos += inBuf;
        int done = inBuf;
        if (done < len && len - done < buf.length / 2) {
            if (!ensure(len - done > 64 ? 1 : len - done)) {
                return false;
            }
        }
        while (done < len) {
            if (lim > pos) {
                int k = Math.min(len - done, lim - pos);
                System.arraycopy(buf, pos, out, off + done, k);
                pos += k;
                done += k;
                continue;
            }
            if (eof) {
                return false;
            }
            bufStart += lim;
            pos = 0;
            lim = 0;
            int r = fill(out, off + done, len - done);
            if (r < 0) {
                eof = true;
                return false;
            }
            done += r;
            bufStart += r;
        }
        return true;
    }

    /** Skips {@code n} bytes without reading them when the source allows; false at end of data. */
    boolean skip(long n) throws IOException {
        if (n <= lim - pos) {
            pos += (int) n;
            return true;
        }
        if (n > remaining()) {
            return false;
        }
        long target = position() + n;
        if (channel != null) {
            channel.position(target);
            bufStart = target;
            pos = 0;
            lim = 0;
            return true;
        }
        long left = n;
        while (left > 0) {
            if (lim == pos && !ensure(1)) {
                return false;
            }
            int k = (int) Math.min(left, lim - pos);
            pos += k;
            left -= k;
        }
        return true;
    }

    /** True when no byte is left. */
    boolean atEnd() throws IOException {
        return !ensure(1);
    }

    /**
     * The rest of the data as a stream: the bytes already in the window, then the source. This
     * input must not be used afterwards.
     */
    InputStream rest() {
        InputStream head = new java.io.ByteArrayInputStream(buf, pos, lim - pos);
        InputStream tail = channel != null ? java.nio.channels.Channels.newInputStream(channel)
                : stream != null ? stream : InputStream.nullInputStream();
        return new java.io.SequenceInputStream(head, tail);
    }
}
