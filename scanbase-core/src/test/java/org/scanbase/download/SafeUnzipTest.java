// SPDX-License-Identifier: Apache-2.0
package org.scanbase.download;

import org.scanbase.core.Progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeUnzipTest {
  @TempDir
  Path dir;

  private static final SafeUnzip.Limits DEFAULTS = SafeUnzip.Limits.defaults();

  private Path zipFile(byte[] bytes) throws IOException {
    return Files.write(dir.resolve("archive.zip"), bytes);
  }

  private Path emptyTarget() throws IOException {
    return Files.createDirectories(dir.resolve("work/target"));
  }

  /** Every regular file under {@code root} (relative, '/'-separated) with its bytes. */
  private static Map<String, byte[]> tree(Path root) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile).sorted()::iterator) {
        files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return files;
  }

  @Test
  void unpacksAZipWrittenByTheJdkWithFoldersEmptyFilesAndBinaryData() throws Exception {
    byte[] random = new byte[300_000];
    new Random(7).nextBytes(random);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("HippocampalMRISlices/", new byte[0]);
    files.put("HippocampalMRISlices/01/MR.1.dcm", random);
    files.put("HippocampalMRISlices/01/RS.1.dcm", "RTSTRUCT".getBytes(StandardCharsets.UTF_8));
    files.put("ct_scans/empty.nii", new byte[0]);
    files.put("README.md", "# Hippocampal sparing\n".getBytes(StandardCharsets.UTF_8));
    Path target = emptyTarget();

    SafeUnzip.Result r = SafeUnzip.extract(zipFile(TestZips.jdkZip(files)), target, DEFAULTS, Progress.NONE);

    assertThat(r.files()).isEqualTo(4);
    assertThat(r.directories()).isEqualTo(1);
    assertThat(r.bytes()).isEqualTo(300_000 + 8 + 22);
    Map<String, byte[]> got = tree(target);
    assertThat(got.keySet()).containsExactlyInAnyOrder("HippocampalMRISlices/01/MR.1.dcm",
        "HippocampalMRISlices/01/RS.1.dcm", "ct_scans/empty.nii", "README.md");
    for (Map.Entry<String, byte[]> f : got.entrySet()) {
      assertThat(f.getValue()).as(f.getKey()).isEqualTo(files.get(f.getKey()));
    }
  }

  @Test
  void unpacksStoredEntriesAndAUnixRegularFileMode() throws Exception {
    byte[] data = "plain text, stored".getBytes(StandardCharsets.UTF_8);
    byte[] zip = TestZips.craft(List.of(new TestZips.Entry("a/stored.txt", data, false, 0, -1, -1),
        TestZips.Entry.of("a/mode.txt", data).withUnixMode(0100644)));
    // the hand-written archive is a valid zip for the JDK too
    try (ZipFile jdk = new ZipFile(zipFile(zip).toFile())) {
      assertThat(jdk.getInputStream(jdk.getEntry("a/mode.txt")).readAllBytes()).isEqualTo(data);
    }
    Path target = emptyTarget();
    SafeUnzip.extract(dir.resolve("archive.zip"), target, DEFAULTS, Progress.NONE);
    assertThat(target.resolve("a/stored.txt")).hasBinaryContent(data);
    assertThat(target.resolve("a/mode.txt")).hasBinaryContent(data);
  }

  @Test
  void readsTheZip64EndRecordOfAnArchiveWithMoreThan65535Entries() throws Exception {
    int n = 65_535 + 100;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < n; i++) {
        zip.putNextEntry(new ZipEntry("d/" + i + ".txt"));
        zip.write(i % 251);
        zip.closeEntry();
      }
    }
    byte[] archive = bytes.toByteArray();
    assertThat(indexOf(archive, new byte[] {0x50, 0x4b, 0x06, 0x06})).as("a Zip64 end record").isPositive();
    Path zip = zipFile(archive);
    try (var ch = java.nio.channels.FileChannel.open(zip)) {
      List<ZipDirectory.Entry> entries = ZipDirectory.read(ch, "z", DEFAULTS.maxEntries()).entries();
      assertThat(entries).hasSize(n);
      ZipDirectory.Entry last = entries.get(n - 1);
      assertThat(last.name()).isEqualTo("d/" + (n - 1) + ".txt");
      // the last entry's data, found through its local header, is the byte written
      long at = ZipDirectory.dataOffset(ch, last, "z");
      assertThat(last.method()).isEqualTo(8);
      assertThat(TestZips.deflate(new byte[] {(byte) ((n - 1) % 251)}))
          .isEqualTo(java.util.Arrays.copyOfRange(archive, (int) at, (int) (at + last.compressedSize())));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"../evil.txt", "ok/../../evil.txt", "..\\evil.txt", "C:/evil.txt", "c:evil.txt",
      "/ABSOLUTE/evil.txt", "nul\0evil.txt"})
  void refusesNamesThatLeaveTheTargetAndWritesNothing(String hostile) throws Exception {
    String name = hostile.replace("/ABSOLUTE", dir.resolve("work").toString());
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("good-first.txt", "fine".getBytes(StandardCharsets.UTF_8));
    files.put(name, "pwned".getBytes(StandardCharsets.UTF_8));
    Path zip = zipFile(TestZips.jdkZip(files));
    Path target = emptyTarget();

    assertThatThrownBy(() -> SafeUnzip.extract(zip, target, DEFAULTS, Progress.NONE))
        .isInstanceOf(UnsafeZipException.class)
        .hasMessageStartingWith(zip + ": entry '" + name.replace('\0', '?') + "'");
    // checked before writing: not even the harmless first entry is there
    assertThat(target).isEmptyDirectory();
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.filter(p -> p.getFileName().toString().contains("evil"))).isEmpty();
    }
  }

  @Test
  void refusesASymbolicLinkEntry() throws Exception {
    byte[] zip = TestZips.craft(List.of(TestZips.Entry.of("data/link", "/etc/passwd".getBytes(StandardCharsets.UTF_8))
        .withUnixMode(0120777)));
    Path target = emptyTarget();
    assertThatThrownBy(() -> SafeUnzip.extract(zipFile(zip), target, DEFAULTS, Progress.NONE))
        .isInstanceOf(UnsafeZipException.class)
        .hasMessageContaining("entry 'data/link' is a symbolic link");
    assertThat(target).isEmptyDirectory();
  }

  @Test
  void refusesAnEntryWhoseCompressionRatioExceedsTheLimit() throws Exception {
    byte[] zeros = new byte[2 << 20];
    byte[] zip = TestZips.jdkZip(Map.of("zeros.bin", zeros));
    long compressed;
    try (ZipFile jdk = new ZipFile(zipFile(zip).toFile())) {
      compressed = jdk.getEntry("zeros.bin").getCompressedSize();
    }
    assertThat((double) zeros.length / compressed).as("deflate of zeros").isGreaterThan(500);
    Path target = emptyTarget();

    SafeUnzip.Limits strict = new SafeUnzip.Limits(1L << 30, 100, 100, 1 << 20);
    assertThatThrownBy(() -> SafeUnzip.extract(dir.resolve("archive.zip"), target, strict, Progress.NONE))
        .isInstanceOf(UnsafeZipException.class)
        .hasMessageContaining("entry 'zeros.bin' expands")
        .hasMessageContaining("(" + compressed + " to " + zeros.length + " bytes), more than the limit of 100:1");
    assertThat(target).isEmptyDirectory();

    // below the size the ratio is checked from, the same entry is fine
    SafeUnzip.Limits smallOnly = new SafeUnzip.Limits(1L << 30, 100, 100, 4 << 20);
    SafeUnzip.extract(dir.resolve("archive.zip"), target, smallOnly, Progress.NONE);
    assertThat(Files.size(target.resolve("zeros.bin"))).isEqualTo(zeros.length);
  }

  @Test
  void refusesAnArchiveLargerThanTheTotalLimit() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("a.bin", new byte[600_000]);
    files.put("b.bin", new byte[600_000]);
    Path target = emptyTarget();
    SafeUnzip.Limits limits = new SafeUnzip.Limits(1_000_000, 100, 2000, 0);
    assertThatThrownBy(() -> SafeUnzip.extract(zipFile(TestZips.jdkZip(files)), target, limits,
        Progress.NONE))
        .isInstanceOf(UnsafeZipException.class)
        .hasMessageContaining("unpacks to more than the limit of 1.0 MiB");
    assertThat(target).isEmptyDirectory();
  }

  @Test
  void refusesMoreEntriesThanTheLimit() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      files.put(i + ".txt", new byte[] {(byte) i});
    }
    Path target = emptyTarget();
    assertThatThrownBy(() -> SafeUnzip.extract(zipFile(TestZips.jdkZip(files)), target,
        new SafeUnzip.Limits(1 << 20, 4, 1000, 0), Progress.NONE))
        .isInstanceOf(UnsafeZipException.class)
        .hasMessageEndingWith(": 5 entries, more than the limit of 4");
  }

  @Test
  void stopsAnEntryThatInflatesPastItsDeclaredSize() throws Exception {
    byte[] zip = TestZips.craft(List.of(TestZips.Entry.of("small.txt", new byte[1 << 20]).declaring(10)));
    Path target = emptyTarget();
    assertThatThrownBy(() -> SafeUnzip.extract(zipFile(zip), target, DEFAULTS, Progress.NONE))
        .isInstanceOf(UnsafeZipException.class)
        .hasMessageContaining("entry 'small.txt' inflates past its declared 10 bytes");
    assertThat(Files.size(target.resolve("small.txt"))).isLessThanOrEqualTo(10);
  }

  @Test
  void refusesEntriesThatShareData() throws Exception {
    byte[] zip = TestZips.craft(List.of(TestZips.Entry.of("one.bin", new byte[100_000]),
        TestZips.Entry.sharingDataOf("two.bin", 0)));
    Path target = emptyTarget();
    assertThatThrownBy(() -> SafeUnzip.extract(zipFile(zip), target, DEFAULTS, Progress.NONE))
        .isInstanceOf(UnsafeZipException.class)
        .hasMessageContaining("overlaps entry");
    assertThat(target).isEmptyDirectory();
  }

  @Test
  void refusesDuplicateNames() throws Exception {
    byte[] zip = TestZips.craft(List.of(TestZips.Entry.of("a.txt", new byte[] {1}),
        TestZips.Entry.of("./a.txt", new byte[] {2})));
    Path target = emptyTarget();
    assertThatThrownBy(() -> SafeUnzip.extract(zipFile(zip), target, DEFAULTS, Progress.NONE))
        .isInstanceOf(UnsafeZipException.class)
        .hasMessageContaining("entry './a.txt' appears twice");
  }

  @Test
  void reportsACorruptCrcAndATextFileThatIsNoZip() throws Exception {
    byte[] zip = TestZips.jdkZip(Map.of("x.txt", "hello".getBytes(StandardCharsets.UTF_8)));
    // the stored data of a deflated "hello" is not plain text; flip a byte of the CRC in the central directory
    int cd = indexOf(zip, new byte[] {0x50, 0x4b, 0x01, 0x02});
    zip[cd + 16] ^= 0x01;
    Path target = emptyTarget();
    assertThatThrownBy(() -> SafeUnzip.extract(zipFile(zip), target, DEFAULTS, Progress.NONE))
        .isInstanceOf(ZipException.class)
        .hasMessageContaining("entry 'x.txt' is corrupt: 5 bytes with CRC-32");

    Path text = Files.writeString(dir.resolve("page.html"), "<html>Please sign in</html>");
    Path other = Files.createDirectories(dir.resolve("other"));
    assertThatThrownBy(() -> SafeUnzip.extract(text, other, DEFAULTS, Progress.NONE))
        .isInstanceOf(ZipException.class)
        .hasMessage(text + ": not a zip archive (no end of central directory record)");
  }

  @Test
  void normalisesHarmlessNames() throws Exception {
    assertThat(SafeUnzip.relativePath("./a//b/./c.txt", "z")).isEqualTo("a/b/c.txt");
    assertThat(SafeUnzip.relativePath("win\\dir\\f.txt", "z")).isEqualTo("win/dir/f.txt");
    assertThat(SafeUnzip.relativePath("a..b/..c", "z")).isEqualTo("a..b/..c");
  }

  @Test
  void entryNamesOfTheJdkArchiveAgreeWithOurDirectory() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("é/ü.txt", new byte[] {1, 2});
    files.put("plain.txt", new byte[] {3});
    Path zip = zipFile(TestZips.jdkZip(files));
    try (ZipFile jdk = new ZipFile(zip.toFile());
         var ch = java.nio.channels.FileChannel.open(zip)) {
      List<String> ours = ZipDirectory.read(ch, "z", 10).entries().stream().map(ZipDirectory.Entry::name).toList();
      List<String> theirs = new java.util.ArrayList<>();
      for (Enumeration<? extends ZipEntry> e = jdk.entries(); e.hasMoreElements(); ) {
        theirs.add(e.nextElement().getName());
      }
      assertThat(ours).containsExactlyElementsOf(theirs);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
