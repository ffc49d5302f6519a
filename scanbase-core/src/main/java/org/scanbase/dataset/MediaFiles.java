// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scanbase.io.AtomicFiles;
import org.scanbase.png.PngWriter;
import org.scanbase.store.Store;
import org.scanbase.volume.Volume;
import org.scanbase.volume.VolumeFiles;

/**
 * The media scanbase generates for a dataset (masks, label volumes, renderings) under
 * {@code <media root>/<dataset>/} (by default {@code $SCANBASE_HOME/media/<dataset>/}), each file written atomically: to a temporary file
 * in the same folder, then renamed, so a reader never sees half a file.
 */
public final class MediaFiles {
  private final Path root;

  /** The media folder of {@code dataset} under {@code mediaRoot} ({@link Store#mediaRoot()}). */
  public MediaFiles(Path mediaRoot, String dataset) {
    this.root = mediaRoot.resolve(folderName(dataset)).toAbsolutePath().normalize();
  }

  /** The media folder of {@code dataset} in the store's media root. */
  public static MediaFiles of(Store store, String dataset) {
    return new MediaFiles(store.mediaRoot(), dataset);
  }

  public Path root() {
    return root;
  }

  /** Deletes the dataset's media folder (generated files only). */
  public void deleteAll() {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (java.util.stream.Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot delete media folder " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * A file name safe on every file system: letters, digits, {@code - _ .} kept, others as
   * {@code _}; when anything was replaced, a short hash of the original name is appended so
   * that two names never share a folder ({@code "Hippocampal Contouring"} ->
   * {@code "Hippocampal_Contouring-3f2a9c1e"}).
   */
  public static String folderName(String name) {
    String safe = replaceOthers(name, "._-");
    if (safe.isEmpty() || safe.startsWith(".")) {
      safe = "_" + safe;
    }
    if (safe.equals(name)) {
      return safe;
    }
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256")
          .digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return safe + "-" + java.util.HexFormat.of().formatHex(h, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
    }
  }

  /**
   * The path of a media file: the folders then the file name, each made safe with
   * {@link #folderName}; the file name keeps its extension ({@code "Lung Mask.nii.gz"} ->
   * {@code "Lung_Mask-<hash>.nii.gz"}, {@code "1.2.840.5_3.png"} -> {@code "1.2.840.5_3.png"}).
   */
  public Path path(String... parts) {
    Path p = root;
    for (int i = 0; i < parts.length - 1; i++) {
      p = p.resolve(folderName(parts[i]));
    }
    String name = parts[parts.length - 1];
    // the extension is the last one (".png"), or ".nii.gz": a name may hold dots (SOP UIDs)
    int dot = name.toLowerCase(java.util.Locale.ROOT).endsWith(".nii.gz")
        ? name.length() - ".nii.gz".length() : name.lastIndexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    String extension = dot < 0 ? "" : replaceOthers(name.substring(dot), ".");
    return p.resolve(folderName(stem) + extension);
  }

  /**
   * {@code s} with each code point other than an ASCII letter, digit or one of {@code kept}
   * replaced by {@code _} (what {@code replaceAll("[^A-Za-z0-9" + kept + "]", "_")} gives,
   * without compiling a pattern per file name: an import names hundreds of mask files).
   */
  private static String replaceOthers(String s, String kept) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      int n = Character.charCount(c);
      boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || kept.indexOf(c) >= 0;
      if (!ok && b == null) {
        b = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (b != null) {
        if (ok) {
          b.appendCodePoint(c);
        } else {
          b.append('_');
        }
      }
      i += n;
    }
    return b == null ? s : b.toString();
  }

  /** Writes a grey PNG (8-bit, or 16-bit when {@code sixteen}) of row-major values atomically. */
  public static void writePng(Path file, int width, int height, int[] values, boolean sixteen) throws IOException {
    byte[] png = PngWriter.grey(values, width, height, sixteen ? 16 : 8);
    atomically(file, tmp -> Files.write(tmp, png));
  }

  /**
   * Writes an 8-bit grey PNG atomically: {@code width x height} bytes, row-major, from
   * {@code pixels} at {@code offset} (e.g. slice k of a z, y, x mask volume at {@code k * width * height}).
   */
  public static void writePng(Path file, byte[] pixels, int offset, int width, int height) throws IOException {
    byte[] png = PngWriter.grey8(pixels, offset, width, height);
    atomically(file, tmp -> Files.write(tmp, png));
  }

  /** Writes a volume (format from the extension); the volume writers are atomic themselves. */
  public static void writeVolume(Path file, Volume v) throws IOException {
    Files.createDirectories(file.getParent());
    VolumeFiles.write(v, file);
  }

  /** Writes a file's content to the temporary path it is given. */
  @FunctionalInterface
  public interface Writer {
    void write(Path tmp) throws IOException;
  }

  /** Writes {@code file} through {@code writer} into a temporary sibling, then moves it in place. */
  public static void atomically(Path file, Writer writer) throws IOException {
    if (!Files.isDirectory(file.getParent())) {
      // createDirectories alone costs a failed mkdir and an exception per file when the folder exists
      Files.createDirectories(file.getParent());
    }
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    boolean moved = false;
    try {
      writer.write(tmp);
      AtomicFiles.replace(tmp, file);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
