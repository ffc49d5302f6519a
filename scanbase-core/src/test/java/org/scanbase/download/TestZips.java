// SPDX-License-Identifier: Apache-2.0
package org.scanbase.download;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Zip archives made at test time: ordinary ones with the JDK's {@link ZipOutputStream}, and
 * hostile ones written byte by byte (APPNOTE.TXT 4.3) with what the JDK will not write — Unix
 * modes, lying sizes, entries sharing data.
 */
final class TestZips {
  /**
   * One entry of a hand-written archive.
   *
   * @param name         the stored name
   * @param data         the uncompressed content
   * @param deflate      deflated (else stored)
   * @param unixMode     the Unix mode for the external attributes, 0 for none
   * @param declaredSize the uncompressed size to declare, -1 for the true one
   * @param sharesDataOf index of an earlier entry whose local header and data this one points to, -1 for none
   */
  record Entry(String name, byte[] data, boolean deflate, int unixMode, long declaredSize, int sharesDataOf) {
    static Entry of(String name, byte[] data) {
      return new Entry(name, data, true, 0, -1, -1);
    }

    Entry withUnixMode(int mode) {
      return new Entry(name, data, deflate, mode, declaredSize, sharesDataOf);
    }

    Entry declaring(long size) {
      return new Entry(name, data, deflate, unixMode, size, sharesDataOf);
    }

    static Entry sharingDataOf(String name, int index) {
      return new Entry(name, new byte[0], true, 0, -1, index);
    }
  }

  private TestZips() {}

  /** An archive written by the JDK, entries deflated, in map order; names ending in '/' are folders. */
  static byte[] jdkZip(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(f.getKey()));
        zip.write(f.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** A hand-written archive. */
  static byte[] craft(List<Entry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream central = new ByteArrayOutputStream();
    List<long[]> written = new ArrayList<>(); // offset, crc, compressed size, true size
    for (Entry e : entries) {
      byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
      long offset;
      long crc;
      long compressed;
      long size;
      if (e.sharesDataOf() >= 0) {
        long[] w = written.get(e.sharesDataOf());
        offset = w[0];
        crc = w[1];
        compressed = w[2];
        size = w[3];
      } else {
        byte[] body = e.deflate() ? deflate(e.data()) : e.data();
        CRC32 c = new CRC32();
        c.update(e.data());
        offset = out.size();
        crc = c.getValue();
        compressed = body.length;
        size = e.declaredSize() >= 0 ? e.declaredSize() : e.data().length;
        ByteBuffer local = le(30);
        local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x800)
            .putShort((short) (e.deflate() ? 8 : 0)).putShort((short) 0).putShort((short) 0x21)
            .putInt((int) crc).putInt((int) compressed).putInt((int) size)
            .putShort((short) name.length).putShort((short) 0);
        out.writeBytes(local.array());
        out.writeBytes(name);
        out.writeBytes(body);
      }
      written.add(new long[] {offset, crc, compressed, size});
      ByteBuffer h = le(46);
      h.putInt(0x02014b50).putShort((short) (e.unixMode() != 0 ? 3 << 8 | 20 : 20)).putShort((short) 20)
          .putShort((short) 0x800).putShort((short) (e.deflate() ? 8 : 0)).putShort((short) 0)
          .putShort((short) 0x21).putInt((int) crc).putInt((int) compressed).putInt((int) size)
          .putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
          .putShort((short) 0).putInt(e.unixMode() << 16).putInt((int) offset);
      central.writeBytes(h.array());
      central.writeBytes(name);
    }
    long cdOffset = out.size();
    out.writeBytes(central.toByteArray());
    ByteBuffer end = le(22);
    end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
        .putShort((short) entries.size()).putInt(central.size()).putInt((int) cdOffset).putShort((short) 0);
    out.writeBytes(end.array());
    return out.toByteArray();
  }

  /** Raw deflate (no zlib header), as zip stores it. */
  static byte[] deflate(byte[] data) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    d.setInput(data);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }
}
