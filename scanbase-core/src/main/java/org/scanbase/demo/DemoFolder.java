// SPDX-License-Identifier: Apache-2.0
package org.scanbase.demo;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes one kind of demo data into OUT so that it appears complete or not at all, and reuses it
 * when it is there already.
 *
 * <ol>
 *   <li>A manifest {@code OUT/<kind>-demo.json} for the same options whose files all exist: reuse.
 *       A manifest for other options, or with files missing: an error (nothing is deleted).</li>
 *   <li>One of the kind's top-level entries (e.g. {@code HippocampalMRISlices}) present without a
 *       manifest (a real download, or someone else's files): an error.</li>
 *   <li>Otherwise the data is generated into a hidden staging folder inside OUT
 *       ({@code .scanbase-<kind>-demo-*}; leftovers of crashed runs are deleted first), its
 *       top-level entries are renamed into OUT, and the manifest is written last, atomically.</li>
 * </ol>
 * Two runs writing the same kind into the same OUT at the same time are not supported.
 */
final class DemoFolder {
  /** Generates the data into a staging folder and describes it. */
  @FunctionalInterface
  interface Generator<M> {
    M generate(Path staging) throws IOException;
  }

  /** Snake-case JSON with "\n" line ends whatever the platform, so manifests are byte-identical. */
  static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private DemoFolder() {
  }

  /**
   * Reuses or writes one kind of demo data.
   *
   * @param out      the output folder (created when missing)
   * @param kind     "hippocampus" or "covid-ct": names the manifest and the staging folder
   * @param entries  the kind's top-level files and folders inside OUT
   * @param options  the options the data is made with (compared with a manifest's by equals)
   * @param type     the manifest class, to read an existing manifest
   * @throws IOException when OUT is not a folder, or holds other data in the way (see above)
   */
  static <M extends DemoManifest> DemoResult<M> write(Path out, String kind, List<String> entries, Object options,
      Class<M> type, Generator<M> generator) throws IOException {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IOException(out + ": is a file, not a folder for the demo data");
    }
    Files.createDirectories(out);
    Path manifestFile = out.resolve(kind + "-demo.json");
    if (Files.exists(manifestFile)) {
      M existing = read(manifestFile, type);
      if (!existing.options().equals(options)) {
        throw new IOException(manifestFile + ": holds " + kind + " demo data made with other options ("
            + existing.options() + "); choose another folder or delete that data");
      }
      for (String f : existing.files()) {
        if (!Files.isRegularFile(out.resolve(f))) {
          throw new IOException(out.resolve(f) + ": missing from the " + kind + " demo data of " + manifestFile
              + "; delete that data and run again");
        }
      }
      return new DemoResult<>(existing, manifestFile, true);
    }
    for (String e : entries) {
      if (Files.exists(out.resolve(e))) {
        throw new FileAlreadyExistsException(out.resolve(e).toString(), null,
            "exists and is not complete scanbase " + kind + " demo data (no " + manifestFile.getFileName()
                + "); choose another folder or remove it");
      }
    }
    String prefix = ".scanbase-" + kind + "-demo-";
    deleteLeftovers(out, prefix);
    Path staging = Files.createTempDirectory(out, prefix);
    try {
      M manifest = generator.generate(staging);
      for (String e : entries) {
        move(staging.resolve(e), out.resolve(e));
      }
      Path tmp = staging.resolve(manifestFile.getFileName());
      Files.writeString(tmp, toJson(manifest));
      move(tmp, manifestFile);
      return new DemoResult<>(manifest, manifestFile, false);
    } finally {
      deleteTree(staging);
    }
  }

  /** The manifest as indented JSON with "\n" line ends and a final newline. */
  static String toJson(Object manifest) throws IOException {
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    ObjectWriter w = JSON.writer(pp);
    return w.writeValueAsString(manifest) + "\n";
  }

  /** Reads a manifest written by {@link #toJson}. */
  static <M> M read(Path manifestFile, Class<M> type) throws IOException {
    try {
      return JSON.readValue(manifestFile.toFile(), type);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(manifestFile + ": not a scanbase demo manifest: " + e.getOriginalMessage(), e);
    }
  }

  /** Joins path parts with forward slashes, as manifests name files. */
  static String rel(String... parts) {
    return String.join("/", parts);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static void deleteLeftovers(Path out, String prefix) throws IOException {
    List<Path> old = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(out, prefix + "*")) {
      ds.forEach(old::add);
    }
    for (Path p : old) {
      deleteTree(p);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
