// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.store.sqlite.SqliteStore;
import org.scanbase.view.ViewSpec;

/**
 * Kills a process in the middle of adding a batch (SIGKILL: no shutdown hook, no rollback by
 * the JVM) and checks that the dataset is exactly as it was before the batch and the file is
 * sound.
 */
class CrashDuringBatchTest {
  static final int FIRST = 500;
  static final int BIG = 300_000;

  /** The child process: one committed batch, then a huge one that is killed half-way. */
  public static void main(String[] args) {
    try (Store store = new SqliteStore(Path.of(args[0]))) {
      store.createDataset("crash", "image");
      store.insertSamples("crash", docs(FIRST, "first"));
      List<Map<String, Object>> big = docs(BIG, "big");
      System.out.println("BATCH");
      System.out.flush();
      store.insertSamples("crash", big);
      System.out.println("DONE");
    }
  }

  static List<Map<String, Object>> docs(int n, String prefix) {
    // one shared 1 KB value: the batch writes a lot to the database but holds little in memory
    String note = "x".repeat(1024);
    List<Map<String, Object>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Map.of("filepath", "/" + prefix + "/" + i, "SliceLocation", (double) i,
          "PatientID", "P" + (i % 25), "note", note));
    }
    return out;
  }

  @Test
  void aKilledImportLeavesTheDatasetAsItWasBeforeTheBatch(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("scanbase.db");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        CrashDuringBatchTest.class.getName(), db.toString())
        .redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.equals("BATCH")) {
          break;
        }
      }
      assertThat(lines).as("child output").contains("BATCH");
      // pull the plug once the open transaction has spilled tens of MB into the write-ahead log
      Path wal = Path.of(db + "-wal");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!(java.nio.file.Files.exists(wal) && java.nio.file.Files.size(wal) > 32L << 20)) {
        assertThat(System.nanoTime()).as("the batch never got going").isLessThan(deadline);
        assertThat(child.isAlive()).as("the child ended before its batch was under way").isTrue();
        Thread.sleep(5);
      }
      assertThat(child.isAlive()).as("the batch must still be running when it is killed").isTrue();
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(lines).as("child output").contains("BATCH");
    try (Store store = new SqliteStore(db)) {
      assertThat(store.count("crash", ViewSpec.of())).isEqualTo(FIRST);
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var st = c.createStatement();
         var rs = st.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
  }
}
