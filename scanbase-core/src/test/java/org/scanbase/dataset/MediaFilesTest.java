// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Media file names: made safe as the regular expressions of the naming rule say; files written whole. */
class MediaFilesTest {
  @TempDir
  Path dir;

  @Test
  void namesAreMadeSafeExactlyAsTheRuleSaysForAnyCodePoint() {
    Random random = new Random(5);
    List<String> names = new java.util.ArrayList<>(List.of("Hippocampus_L", "Lung Mask", "1.2.840.5_3", "",
        ".hidden", "a/b\\c", "Müller", "\uD83D\uDE00 smile", "\uD800", "x.y-z_0"));
    for (int i = 0; i < 500; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(10); k > 0; k--) {
        b.appendCodePoint(random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10FFFF));
      }
      names.add(b.toString());
    }
    MediaFiles media = new MediaFiles(dir, "set");
    for (String name : names) {
      String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
      safe = safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
      String folder = MediaFiles.folderName(name);
      if (safe.equals(name)) {
        assertThat(folder).isEqualTo(name);
      } else {
        assertThat(folder).startsWith(safe + "-").hasSize(safe.length() + 9);
      }
      Path png = media.path("masks", name, name + ".p n\u00E9g");
      assertThat(png.getFileName().toString()).isEqualTo(MediaFiles.folderName(name) + ".p n\u00E9g".replaceAll("[^A-Za-z0-9.]", "_"));
      assertThat(png.getParent().getFileName().toString()).isEqualTo(folder);
    }
  }

  @Test
  void aFileWrittenAtomicallyLeavesNoTemporaryFileBehind() throws Exception {
    Path png = new MediaFiles(dir, "set").path("masks", "1.2.3", "slice_0.png");
    MediaFiles.writePng(png, new byte[] {0, 1, 1, 0}, 0, 2, 2);
    assertThat(png).exists();
    try (Stream<Path> files = Files.list(png.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("slice_0.png");
    }
  }
}
