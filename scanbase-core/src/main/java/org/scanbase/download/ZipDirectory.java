// SPDX-License-Identifier: Apache-2.0
package org.scanbase.download;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;

/**
 * The central directory of a zip archive (APPNOTE.TXT 6.3, sections 4.3.12 to 4.3.16), Zip64
 * included, read by scanbase itself because {@link java.util.zip.ZipFile} does not expose what
 * safe unzipping needs: the Unix mode of an entry (symbolic links) and where its data lies
 * (overlapping entries). Sizes are the declared ones; {@link SafeUnzip} holds the data to them.
 */
final class ZipDirectory {
  private static final int EOCD = 0x06054b50;
  private static final int ZIP64_LOCATOR = 0x07064b50;
  private static final int ZIP64_EOCD = 0x06064b50;
  private static final int CENTRAL_HEADER = 0x02014b50;
  private static final int LOCAL_HEADER = 0x04034b50;
  private static final long MAX32 = 0xFFFFFFFFL;
  private static final Charset CP437 = Charset.isSupported("IBM437") ? Charset.forName("IBM437")
      : StandardCharsets.ISO_8859_1;

  /**
   * One central directory record.
   *
   * @param name               the entry's name as stored ('/'-separated, directories end with '/')
   * @param versionMadeBy      the "version made by" field: the high byte is the host system
   * @param flags              the general purpose bit flags
   * @param method             the compression method (0 stored, 8 deflated)
   * @param crc                the CRC-32 of the uncompressed data
   * @param compressedSize     declared compressed size in bytes
   * @param size               declared uncompressed size in bytes
   * @param externalAttributes the external file attributes: the Unix mode in the high 16 bits
   * @param localHeaderOffset  byte offset of the entry's local header
   */
  record Entry(String name, int versionMadeBy, int flags, int method, long crc, long compressedSize, long size,
               long externalAttributes, long localHeaderOffset) {
    /** A directory entry: its name ends with a slash. */
    boolean isDirectory() {
      return name.endsWith("/") || name.endsWith("\\");
    }

    /** The file type bits of the Unix mode (S_IFMT), 0 when the archiver stored none. */
    int unixFileType() {
      return (int) (externalAttributes >>> 16) & 0xF000;
    }

    /** Bit 0: the data is encrypted. */
    boolean isEncrypted() {
      return (flags & 1) != 0;
    }
  }

  /**
   * The records of an archive and where its central directory starts (the end of the entries' data).
   *
   * @param entries                the records in directory order
   * @param centralDirectoryOffset byte offset of the central directory
   */
  record Listing(List<Entry> entries, long centralDirectoryOffset) {}

  private ZipDirectory() {}

  /**
   * Reads the central directory.
   *
   * @param ch         the archive
   * @param what       the archive's name for messages
   * @param maxEntries refuse archives with more entries (before reading them)
   * @throws ZipException when the archive is not a zip or its directory is malformed
   */
  static Listing read(FileChannel ch, String what, long maxEntries) throws IOException {
    long length = ch.size();
    int tail = (int) Math.min(length, 22 + 0xFFFF);
    ByteBuffer end = readAt(ch, length - tail, tail, what);
    int eocd = -1;
    for (int i = tail - 22; i >= 0; i--) {
      if (end.getInt(i) == EOCD && i + 22 + u16(end, i + 20) <= tail) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) {
      throw new ZipException(what + ": not a zip archive (no end of central directory record)");
    }
    long count = u16(end, eocd + 10);
    long cdSize = u32(end, eocd + 12);
    long cdOffset = u32(end, eocd + 16);
    long eocdPosition = length - tail + eocd;
    if (eocdPosition >= 20) {
      ByteBuffer locator = readAt(ch, eocdPosition - 20, 20, what);
      if (locator.getInt(0) == ZIP64_LOCATOR) {
        long at = locator.getLong(8);
        ByteBuffer z = readAt(ch, at, 56, what);
        if (z.getInt(0) != ZIP64_EOCD) {
          throw new ZipException(what + ": no Zip64 end of central directory record at byte offset " + at);
        }
        count = z.getLong(32);
        cdSize = z.getLong(40);
        cdOffset = z.getLong(48);
      }
    }
    if (count < 0 || count > maxEntries) {
      throw new UnsafeZipException(what + ": " + Long.toUnsignedString(count) + " entries, more than the limit of "
          + maxEntries);
    }
    if (cdOffset < 0 || cdSize < 0 || cdOffset + cdSize > eocdPosition) {
      throw new ZipException(what + ": central directory (byte offset " + cdOffset + ", " + cdSize
          + " bytes) lies outside the archive");
    }
    List<Entry> entries = new ArrayList<>((int) Math.min(count, 1 << 16));
    try (InputStream in = new BufferedInputStream(new Slice(ch, cdOffset), 1 << 16)) {
      long position = cdOffset;
      for (long i = 0; i < count; i++) {
        ByteBuffer h = ByteBuffer.wrap(readFully(in, 46, what)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (h.getInt(0) != CENTRAL_HEADER) {
          throw new ZipException(what + ": no central directory header at byte offset " + position);
        }
        int nameLength = u16(h, 28);
        int extraLength = u16(h, 30);
        int commentLength = u16(h, 32);
        byte[] name = readFully(in, nameLength, what);
        byte[] extra = readFully(in, extraLength, what);
        readFully(in, commentLength, what);
        int flags = u16(h, 8);
        entries.add(zip64(new Entry(new String(name, (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : CP437),
            u16(h, 4), flags, u16(h, 10), u32(h, 16), u32(h, 20), u32(h, 24), u32(h, 38), u32(h, 42)),
            extra, what));
        position += 46L + nameLength + extraLength + commentLength;
      }
    }
    return new Listing(List.copyOf(entries), cdOffset);
  }

  /**
   * The byte offset of an entry's data: after its local header, whose name and extra field
   * lengths may differ from the central directory's.
   */
  static long dataOffset(FileChannel ch, Entry e, String what) throws IOException {
    ByteBuffer h = readAt(ch, e.localHeaderOffset(), 30, what);
    if (h.getInt(0) != LOCAL_HEADER) {
      throw new ZipException(what + ": entry '" + SafeUnzip.printable(e.name())
          + "' has no local header at byte offset " + e.localHeaderOffset());
    }
    return e.localHeaderOffset() + 30 + u16(h, 26) + u16(h, 28);
  }

  /** Replaces the 0xFFFFFFFF sizes and offset by the Zip64 extended information (APPNOTE 4.5.3). */
  private static Entry zip64(Entry e, byte[] extra, String what) throws ZipException {
    if (e.size() != MAX32 && e.compressedSize() != MAX32 && e.localHeaderOffset() != MAX32) {
      return e;
    }
    ByteBuffer x = ByteBuffer.wrap(extra).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int i = 0;
    while (i + 4 <= extra.length) {
      int id = u16(x, i);
      int size = u16(x, i + 2);
      if (id == 0x0001) {
        int p = i + 4;
        long usize = e.size();
        long csize = e.compressedSize();
        long offset = e.localHeaderOffset();
        try {
          if (usize == MAX32) {
            usize = x.getLong(p);
            p += 8;
          }
          if (csize == MAX32) {
            csize = x.getLong(p);
            p += 8;
          }
          if (offset == MAX32) {
            offset = x.getLong(p);
          }
        } catch (IndexOutOfBoundsException tooShort) {
          break;
        }
        if (usize < 0 || csize < 0 || offset < 0) {
          break;
        }
        return new Entry(e.name(), e.versionMadeBy(), e.flags(), e.method(), e.crc(), csize, usize,
            e.externalAttributes(), offset);
      }
      i += 4 + size;
    }
    throw new ZipException(what + ": entry '" + SafeUnzip.printable(e.name())
        + "' needs a valid Zip64 extended information field");
  }

  /** {@code n} bytes at {@code position}, little-endian. */
  static ByteBuffer readAt(FileChannel ch, long position, int n, String what) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    long p = position;
    while (b.hasRemaining()) {
      int r = p < 0 ? -1 : ch.read(b, p);
      if (r < 0) {
        throw new ZipException(what + ": truncated, " + n + " bytes expected at byte offset " + position);
      }
      p += r;
    }
    return b.flip();
  }

  /** The channel from a position on, read by position: closing it leaves the channel open. */
  private static final class Slice extends InputStream {
    private final FileChannel ch;
    private long position;

    Slice(FileChannel ch, long position) {
      this.ch = ch;
      this.position = position;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = ch.read(ByteBuffer.wrap(b, off, len), position);
      if (n > 0) {
        position += n;
      }
      return n;
    }
  }

  private static byte[] readFully(InputStream in, int n, String what) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new EOFException(what + ": truncated central directory");
    }
    return b;
  }

  private static int u16(ByteBuffer b, int at) {
    return Short.toUnsignedInt(b.getShort(at));
  }

  private static long u32(ByteBuffer b, int at) {
    return Integer.toUnsignedLong(b.getInt(at));
  }
}
