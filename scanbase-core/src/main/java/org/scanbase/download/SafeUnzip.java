// SPDX-License-Identifier: Apache-2.0
package org.scanbase.download;

import org.scanbase.core.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Unpacks a zip archive into an empty folder, refusing archives that could write outside it or
 * fill the disk. Every entry is checked before anything is written:
 * <ul>
 *   <li>names: no absolute path, no drive letter, no {@code ..} segment (backslashes count as
 *       separators), no NUL, no duplicates;</li>
 *   <li>types: no symbolic links or other special files (the Unix mode in the external
 *       attributes), no encryption, only stored and deflated data;</li>
 *   <li>zip bombs: the declared total within {@link Limits#maxTotalBytes()} and the free disk
 *       space, each large entry's compression ratio within {@link Limits#maxRatio()}, and no two
 *       entries sharing data (overlapping entries are how non-recursive bombs multiply).</li>
 * </ul>
 * While unpacking, an entry that inflates past its declared size, or whose CRC-32 differs, stops
 * the run. Files are created new (never overwritten, never through an existing link). On an
 * error the folder may hold part of the archive: unpack into a staging folder and rename it into
 * place, as {@link KaggleDownloader} does.
 */
public final class SafeUnzip {
  /**
   * How much an archive may unpack to.
   *
   * @param maxTotalBytes the declared uncompressed total, in bytes
   * @param maxEntries    entries in the archive
   * @param maxRatio      uncompressed over compressed size of one entry ...
   * @param ratioMinBytes ... checked for entries of at least this many uncompressed bytes
   */
  public record Limits(long maxTotalBytes, long maxEntries, double maxRatio, long ratioMinBytes) {
    /** All positive. */
    public Limits {
      if (maxTotalBytes <= 0 || maxEntries <= 0 || !(maxRatio >= 1) || ratioMinBytes < 0) {
        throw new IllegalArgumentException("unzip limits must be positive (ratio at least 1), were " + maxTotalBytes
            + " bytes, " + maxEntries + " entries, ratio " + maxRatio + " from " + ratioMinBytes + " bytes");
      }
    }

    /**
     * 200 GiB in total, a million entries, and a ratio of at most 1000 for entries of 64 MiB or
     * more (deflate tops out near 1032:1, reached only by long runs of one byte value; real label
     * volumes stay well below).
     */
    public static Limits defaults() {
      return new Limits(200L << 30, 1_000_000, 1000, 64L << 20);
    }
  }

  /**
   * What was unpacked.
   *
   * @param files       regular files written
   * @param directories directory entries
   * @param bytes       bytes written
   */
  public record Result(long files, long directories, long bytes) {}

  private SafeUnzip() {}

  /**
   * Checks then unpacks {@code zip} into {@code folder}.
   *
   * @param folder   an existing empty folder
   * @param progress told of the bytes written (phase "unzipping")
   * @throws UnsafeZipException when the archive breaks a rule above; nothing is written then,
   *                            except for an entry that inflates past its declared size
   * @throws ZipException       when the archive is malformed or corrupt
   */
  public static Result extract(Path zip, Path folder, Limits limits, Progress progress) throws IOException {
    return extract(zip, zip.toString(), folder, limits, progress);
  }

  /** As {@link #extract(Path, Path, Limits, Progress)}, messages naming the archive {@code what}. */
  static Result extract(Path zip, String what, Path folder, Limits limits, Progress progress)
      throws IOException {
    Path root = folder.toAbsolutePath().normalize();
    try (var entries = Files.list(root)) {
      if (entries.findAny().isPresent()) {
        throw new IllegalArgumentException(root + ": unzip needs an empty folder");
      }
    }
    try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
      ZipDirectory.Listing listing = ZipDirectory.read(ch, what, limits.maxEntries());
      List<Planned> plan = check(ch, listing, root, limits, what);
      long total = plan.stream().mapToLong(p -> p.entry().size()).sum();
      long free = Files.getFileStore(root).getUsableSpace();
      if (total > free) {
        throw new ZipException(what + ": unpacks to " + gib(total) + " but " + root + " has only " + gib(free)
            + " free");
      }
      progress.start("unzipping", total);
      long files = 0;
      long directories = 0;
      long bytes = 0;
      try {
        for (Planned p : plan) {
          if (p.entry().isDirectory()) {
            Files.createDirectories(p.path());
            directories++;
          } else {
            Files.createDirectories(p.path().getParent());
            bytes += write(ch, p, what, progress);
            files++;
          }
        }
      } catch (FileAlreadyExistsException e) {
        throw new UnsafeZipException(what + ": " + e.getFile() + " is both a file and a folder in the archive");
      } finally {
        progress.finish();
      }
      return new Result(files, directories, bytes);
    }
  }

  /** An entry and where it goes. */
  private record Planned(ZipDirectory.Entry entry, Path path, long dataOffset) {}

  /** Applies every rule to every entry before anything is written. */
  private static List<Planned> check(FileChannel ch, ZipDirectory.Listing listing, Path root, Limits limits,
                                     String what) throws IOException {
    List<Planned> plan = new ArrayList<>(listing.entries().size());
    Set<String> seen = new HashSet<>();
    long total = 0;
    for (ZipDirectory.Entry e : listing.entries()) {
      String relative = relativePath(e.name(), what);
      String at = what + ": entry '" + printable(e.name()) + "'";
      Path path = root.resolve(relative).normalize();
      if (!path.startsWith(root) || path.equals(root) && !e.isDirectory()) {
        throw new UnsafeZipException(at + " lands outside the target folder");
      }
      if (!seen.add(relative)) {
        throw new UnsafeZipException(at + " appears twice");
      }
      int type = e.unixFileType();
      if (type == 0xA000) {
        throw new UnsafeZipException(at + " is a symbolic link; links are not unpacked");
      }
      if (type != 0 && type != 0x8000 && type != 0x4000) {
        throw new UnsafeZipException(at + " is a special file (Unix mode " + Integer.toOctalString(type) + ")");
      }
      if (e.isEncrypted()) {
        throw new ZipException(at + " is encrypted");
      }
      if (e.method() != 0 && e.method() != 8) {
        throw new ZipException(at + " uses compression method " + e.method() + "; only stored (0) and deflated (8)"
            + " are supported");
      }
      total += e.size();
      if (total > limits.maxTotalBytes()) {
        throw new UnsafeZipException(what + ": unpacks to more than the limit of " + gib(limits.maxTotalBytes())
            + " (possible zip bomb)");
      }
      if (e.size() >= limits.ratioMinBytes() && e.size() > limits.maxRatio() * Math.max(1, e.compressedSize())) {
        throw new UnsafeZipException(String.format(Locale.ROOT, "%s expands %.0f:1 (%d to %d bytes), more than the "
                + "limit of %.0f:1 (possible zip bomb)", at, (double) e.size() / Math.max(1, e.compressedSize()),
            e.compressedSize(), e.size(), limits.maxRatio()));
      }
      plan.add(new Planned(e, path, e.isDirectory() ? -1 : ZipDirectory.dataOffset(ch, e, what)));
    }
    checkNoOverlap(plan, listing.centralDirectoryOffset(), what);
    return plan;
  }

  /** The entries' data ranges, in file order, are disjoint and end before the central directory. */
  private static void checkNoOverlap(List<Planned> plan, long centralDirectory, String what) throws ZipException {
    List<Planned> files = new ArrayList<>(plan.stream().filter(p -> p.dataOffset() >= 0).toList());
    files.sort(Comparator.comparingLong(p -> p.entry().localHeaderOffset()));
    for (int i = 0; i < files.size(); i++) {
      Planned p = files.get(i);
      long end = p.dataOffset() + p.entry().compressedSize();
      long limit = i + 1 < files.size() ? files.get(i + 1).entry().localHeaderOffset() : centralDirectory;
      if (end > limit || end < p.dataOffset()) {
        throw new UnsafeZipException(what + ": entry '" + printable(p.entry().name()) + "' (data at byte offset "
            + p.dataOffset() + ", " + p.entry().compressedSize() + " bytes) overlaps "
            + (i + 1 < files.size() ? "entry '" + printable(files.get(i + 1).entry().name()) + "'"
                : "the central directory") + " (possible zip bomb)");
      }
    }
  }

  /**
   * The entry's path relative to the target, '/'-separated, with empty and "." segments dropped.
   *
   * @throws UnsafeZipException for absolute paths, drive letters, ".." segments and NUL
   */
  static String relativePath(String name, String what) throws UnsafeZipException {
    String at = what + ": entry '" + printable(name) + "'";
    String n = name.replace('\\', '/');
    if (n.indexOf('\0') >= 0) {
      throw new UnsafeZipException(at + " has a NUL character in its name");
    }
    if (n.startsWith("/")) {
      throw new UnsafeZipException(at + " is an absolute path");
    }
    if (n.length() >= 2 && n.charAt(1) == ':' && Character.isLetter(n.charAt(0))) {
      throw new UnsafeZipException(at + " starts with a drive letter");
    }
    StringBuilder out = new StringBuilder();
    for (String segment : n.split("/")) {
      if (segment.equals("..")) {
        throw new UnsafeZipException(at + " climbs out of the target folder with '..'");
      }
      if (!segment.isEmpty() && !segment.equals(".")) {
        out.append(out.length() == 0 ? "" : "/").append(segment);
      }
    }
    return out.toString();
  }

  /** Writes one file entry, holding it to its declared size and CRC-32; returns the bytes written. */
  private static long write(FileChannel ch, Planned p, String what, Progress progress) throws IOException {
    ZipDirectory.Entry e = p.entry();
    String at = what + ": entry '" + printable(e.name()) + "'";
    if (e.method() == 0 && e.compressedSize() != e.size()) {
      throw new ZipException(at + " is stored with " + e.compressedSize() + " bytes but declares " + e.size());
    }
    CRC32 crc = new CRC32();
    long written = 0;
    byte[] in = new byte[1 << 16];
    byte[] out = new byte[1 << 16];
    Inflater inflater = e.method() == 8 ? new Inflater(true) : null;
    try (OutputStream os = Files.newOutputStream(p.path(), StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      long position = p.dataOffset();
      long remaining = e.compressedSize();
      while (inflater == null ? remaining > 0 : !inflater.finished()) {
        int n;
        if (inflater == null) {
          n = read(ch, position, in, (int) Math.min(in.length, remaining), at);
          position += n;
          remaining -= n;
          os.write(in, 0, n);
          crc.update(in, 0, n);
        } else {
          if (inflater.needsInput()) {
            if (remaining == 0) {
              throw new ZipException(at + " is truncated: its deflated data ends early");
            }
            int r = read(ch, position, in, (int) Math.min(in.length, remaining), at);
            position += r;
            remaining -= r;
            inflater.setInput(in, 0, r);
          }
          try {
            n = inflater.inflate(out);
          } catch (DataFormatException bad) {
            throw new ZipException(at + " has corrupt deflated data: " + bad.getMessage());
          }
          if (n == 0 && inflater.needsDictionary()) {
            throw new ZipException(at + " has corrupt deflated data: a preset dictionary");
          }
          if (written + n > e.size()) {
            throw new UnsafeZipException(at + " inflates past its declared " + e.size() + " bytes (possible zip bomb)");
          }
          os.write(out, 0, n);
          crc.update(out, 0, n);
        }
        written += n;
        progress.advance(n);
      }
    } finally {
      if (inflater != null) {
        inflater.end();
      }
    }
    if (written != e.size() || crc.getValue() != e.crc()) {
      throw new ZipException(at + " is corrupt: " + written + " bytes with CRC-32 " + Long.toHexString(crc.getValue())
          + ", declared " + e.size() + " bytes with CRC-32 " + Long.toHexString(e.crc()));
    }
    return written;
  }

  private static int read(FileChannel ch, long position, byte[] into, int n, String at) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(into, 0, n);
    long p = position;
    while (b.hasRemaining()) {
      int r = ch.read(b, p);
      if (r < 0) {
        throw new ZipException(at + " is truncated at byte offset " + p);
      }
      p += r;
    }
    return n;
  }

  /** An entry name fit for a one-line message: control characters shown as '?'. */
  static String printable(String name) {
    StringBuilder b = new StringBuilder(name.length());
    name.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return b.toString();
  }

  private static String gib(long bytes) {
    return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
        : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
  }
}
