// SPDX-License-Identifier: Apache-2.0
package org.scanbase.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.scanbase.dataset.Catalog;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.View;
import org.scanbase.server.AppOptions;
import org.scanbase.server.AppServer;
import org.scanbase.store.Store;
import org.scanbase.store.sqlite.SqliteStore;

/**
 * App API latency at scale: N slice samples (DatasetBench's generator, 200 slices per patient)
 * in a SQLite store with the App's indexes, an {@link AppServer} on loopback, and the requests
 * the grid and sidebar make, each timed over HTTP (p50 / p95 of 50 after 3 warm-ups) next to
 * the same work through the Java API in the same JVM (the reference: what HTTP + JSON add);
 * slow requests get fewer runs (at least 5, about 20 s each).
 * The store is reused when it already holds N samples.
 *
 * <p>usage: AppBench DB N
 */
public final class AppBench {
  private static final int RUNS = 50;

  private AppBench() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    fill(db, n);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("samples", n);
    try (Catalog catalog = new Catalog(new SqliteStore(db));
         AppServer app = AppServer.start(catalog, AppOptions.loopback())) {
      Dataset ds = catalog.load("bench");
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + app.port() + "/api/datasets/bench";
      String match = "Modality == \\\"MR\\\" and SliceLocation > 10";
      String sorted = "[{\"stage\":\"sortBy\",\"key\":{\"field\":\"SliceLocation\"},\"reverse\":false}]";
      time(result, "first_page", () -> post(http, base + "/samples", "{\"limit\":50}"),
          () -> pageAndCount(ds.view(), 0));
      View filtered = ds.match("Modality == \"MR\" and SliceLocation > 10").sortBy("SliceLocation");
      time(result, "filtered_sorted_page", () -> post(http, base + "/samples",
          "{\"view\":" + sorted + ",\"match\":\"" + match + "\",\"limit\":50,\"count\":false}"),
          () -> filtered.page(0, 50).size());
      time(result, "filtered_count", () -> post(http, base + "/count", "{\"match\":\"" + match + "\"}"),
          filtered::count);
      time(result, "page_at_offset_10000", () -> post(http, base + "/samples", "{\"offset\":10000,\"limit\":50,\"count\":false}"),
          () -> ds.view().page(10_000, 50).size());
      time(result, "sidebar_countvalues_histogram", () -> post(http, base + "/aggregate", "{\"aggregations\":["
          + "{\"aggregation\":\"countValues\",\"field\":\"Manufacturer\"},"
          + "{\"aggregation\":\"histogram\",\"field\":\"SliceLocation\",\"bins\":50}]}"),
          () -> ds.countValues("Manufacturer", 0).values().size() + ds.histogram("SliceLocation", 50).counts().length);
      time(result, "group_page_20", () -> post(http, base + "/groups",
          "{\"groupBy\":\"PatientID\",\"orderBy\":\"SliceLocation\",\"limit\":20,\"count\":false}"),
          () -> ds.groupBy("PatientID", "SliceLocation").limit(20).groups(1).size());
      time(result, "one_group_200_members", () -> post(http, base + "/group",
          "{\"groupBy\":\"PatientID\",\"orderBy\":\"SliceLocation\",\"key\":\"P00042\",\"limit\":1000}"),
          () -> ds.groupBy("PatientID", "SliceLocation").group("P00042").page(0, 1000).size());
    }
    result.put("peak_heap_mb", HeapPeak.peak() / 1e6);
    System.out.println(org.scanbase.store.Documents.write(result));
  }

  private static Object pageAndCount(View v, long offset) {
    return v.page(offset, 50).size() + v.count();
  }

  /** Writes N samples with DatasetBench's generator and the App's indexes, unless already there. */
  private static void fill(Path db, int n) throws IOException {
    if (Files.exists(db)) {
      try (Store store = new SqliteStore(db)) {
        if (store.dataset("bench").isPresent() && store.count("bench", org.scanbase.view.ViewSpec.of()) == n) {
          System.err.println("bench: reusing " + db);
          return;
        }
      }
    }
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(Path.of(db + suffix));
    }
    try (Catalog catalog = new Catalog(new SqliteStore(db))) {
      Dataset ds = catalog.create("bench");
      Random random = new Random(42);
      Map<String, String> schema = new LinkedHashMap<>();
      for (int from = 0; from < n; from += 10_000) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (int i = from; i < Math.min(n, from + 10_000); i++) {
          docs.add(DatasetBench.slice(i, random));
        }
        catalog.store().insertSamples("bench", docs);
        // the schema, as Dataset.addSamples infers it
        docs.forEach(d -> org.scanbase.dataset.FieldTypes.infer(d, schema));
        if (!schema.equals(catalog.store().dataset("bench").orElseThrow().fields())) {
          catalog.store().updateDataset(catalog.store().dataset("bench").orElseThrow().withFields(schema));
        }
        if ((from / 10_000) % 10 == 0) {
          System.err.printf(Locale.ROOT, "\rbench: %,d / %,d samples", from + docs.size(), n);
        }
      }
      System.err.println();
      for (String field : new String[] {"SliceLocation", "Manufacturer", "PatientID", "Modality"}) {
        ds.createIndex(field);
      }
    }
  }

  private static int post(HttpClient http, String url, String body) {
    try {
      HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url))
          .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + new String(r.body()));
      }
      return r.body().length;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void time(Map<String, Object> result, String name, Supplier<Object> api, Supplier<Object> java) {
    double[] http = runs(api);
    double[] direct = runs(java);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("api_p50_ms", percentile(http, 50));
    row.put("api_p95_ms", percentile(http, 95));
    row.put("java_p50_ms", percentile(direct, 50));
    row.put("java_p95_ms", percentile(direct, 95));
    row.put("api_over_java_p50", percentile(http, 50) / Math.max(1e-3, percentile(direct, 50)));
    result.put(name, row);
    System.err.printf(Locale.ROOT, "bench: %-32s api p50 %7.1f ms p95 %7.1f ms | java p50 %7.1f ms%n", name,
        percentile(http, 50), percentile(http, 95), percentile(direct, 50));
  }

  /** Up to 50 timed runs after 3 warm-ups, fewer (at least 5) when they take over 20 s in all. */
  private static double[] runs(Supplier<Object> work) {
    for (int i = 0; i < 3; i++) {
      work.get();
    }
    double[] ms = new double[RUNS];
    int done = 0;
    long start = System.nanoTime();
    while (done < RUNS && (done < 5 || System.nanoTime() - start < 20e9)) {
      long t = System.nanoTime();
      work.get();
      ms[done++] = (System.nanoTime() - t) / 1e6;
    }
    double[] out = Arrays.copyOf(ms, done);
    Arrays.sort(out);
    return out;
  }

  private static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
  }
}
