// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scanbase.store.Store;
import org.scanbase.store.sqlite.SqliteStore;
import org.scanbase.view.Aggregation;
import org.scanbase.view.AggregationResult;
import org.scanbase.view.ExprParser;
import org.scanbase.view.F;
import org.scanbase.view.Stage;
import org.scanbase.view.ViewSpec;

/**
 * Several writers and readers on one store for a fixed time, on both backends: four threads
 * import into datasets of their own, two more into one shared dataset, one edits the shared
 * dataset's samples, and two read all datasets (counts, sorted pages, value counts) as the App
 * does. Then every count is checked exactly against what the writers report, batches are
 * whole and contiguous, ids are unique and in insertion order, and no thread failed (a deadlock
 * would surface as an error).
 */
class ConcurrentStoreIT {
  private static final int BATCH = 50;
  private static final long MILLIS = 4000;

  @RegisterExtension
  final PgTestDatabase pg = new PgTestDatabase();

  @TempDir
  Path dir;

  private Store open(String backend) {
    return backend.equals("sqlite") ? new SqliteStore(dir.resolve("scanbase.db")) : PostgresStore.open(pg.url());
  }

  private static List<Map<String, Object>> batch(String writer, long first) {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("filepath", "/" + writer + "/" + (first + i) + ".dcm");
      d.put("writer", writer);
      d.put("n", first + i);
      d.put("Modality", (first + i) % 3 == 0 ? "CT" : "MR");
      docs.add(d);
    }
    return docs;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  void writersAndReadersTogetherLoseNothingAndNeverDeadlock(String backend) throws Exception {
    try (Store store = open(backend)) {
      List<String> own = List.of("w0", "w1", "w2", "w3");
      for (String name : own) {
        store.createDataset(name, "image");
      }
      store.createDataset("shared", "image");
      long end = System.currentTimeMillis() + MILLIS;
      Map<String, AtomicLong> written = new ConcurrentHashMap<>();
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      AtomicLong reads = new AtomicLong();
      AtomicLong edits = new AtomicLong();
      List<Thread> threads = new ArrayList<>();
      for (String name : own) {
        threads.add(new Thread(() -> write(store, name, name, end, written)));
      }
      for (String writer : List.of("s0", "s1")) {
        threads.add(new Thread(() -> write(store, "shared", writer, end, written)));
      }
      threads.add(new Thread(() -> {
        while (System.currentTimeMillis() < end) {
          store.setField("shared", ViewSpec.of(new Stage.Match(ExprParser.parse("Modality == \"CT\""))),
              List.of("review", "pass"), edits.incrementAndGet());
        }
      }));
      for (int r = 0; r < 2; r++) {
        threads.add(new Thread(() -> {
          Map<String, Long> last = new LinkedHashMap<>();
          while (System.currentTimeMillis() < end) {
            for (String name : List.of("w0", "w1", "w2", "w3", "shared")) {
              long n = store.count(name, ViewSpec.of());
              assertThat(n % BATCH).as("whole batches in %s", name).isZero();
              assertThat(n).as("counts of %s never go back", name).isGreaterThanOrEqualTo(last.getOrDefault(name, 0L));
              last.put(name, n);
              store.find(name, ViewSpec.of(new Stage.SortBy(F.field("n"), true), new Stage.Limit(20)), 0, 20);
              AggregationResult values = store.aggregate(name, ViewSpec.of(), new Aggregation.CountValues(F.field("Modality")));
              assertThat(values).isNotNull();
              reads.incrementAndGet();
            }
          }
        }));
      }
      for (Thread t : threads) {
        t.setUncaughtExceptionHandler((th, e) -> failures.add(e));
        t.start();
      }
      for (Thread t : threads) {
        t.join(MILLIS + 60_000);
        assertThat(t.isAlive()).as("%s still running: a deadlock?", t.getName()).isFalse();
      }
      assertThat(failures).as("failures").isEmpty();

      for (String name : own) {
        assertThat(store.count(name, ViewSpec.of())).as(name).isEqualTo(written.get(name).get()).isPositive();
      }
      long shared = written.get("s0").get() + written.get("s1").get();
      assertThat(store.count("shared", ViewSpec.of())).isEqualTo(shared);
      assertThat(written.get("s0").get()).isPositive();
      assertThat(written.get("s1").get()).isPositive();
      List<String> ids = store.ids("shared", ViewSpec.of());
      assertThat(ids).doesNotHaveDuplicates().isSorted().hasSize((int) shared);
      // each batch is contiguous in insertion order: the writer changes only at batch boundaries
      List<Map<String, Object>> docs = store.find("shared", ViewSpec.of(), 0, shared);
      for (int i = 1; i < docs.size(); i++) {
        if (!docs.get(i).get("writer").equals(docs.get(i - 1).get("writer"))) {
          assertThat(i % BATCH).as("writer changes inside a batch at %d", i).isZero();
        }
      }
      // the last edit reached every CT sample present when it ran: at least one has its value
      long ct = store.count("shared", ViewSpec.of(new Stage.Match(ExprParser.parse("Modality == \"CT\""))));
      assertThat(store.count("shared", ViewSpec.of(new Stage.Match(ExprParser.parse("review.pass == " + edits.get())))))
          .isPositive().isLessThanOrEqualTo(ct);
      System.out.printf("%s: %d samples written, %d edits, %d read rounds in %d ms%n", backend,
          written.values().stream().mapToLong(AtomicLong::get).sum(), edits.get(), reads.get(), MILLIS);
    }
  }

  private static void write(Store store, String dataset, String writer, long end, Map<String, AtomicLong> written) {
    AtomicLong count = written.computeIfAbsent(writer, k -> new AtomicLong());
    while (System.currentTimeMillis() < end) {
      store.insertSamples(dataset, batch(writer, count.get()));
      count.addAndGet(BATCH);
    }
  }
}
