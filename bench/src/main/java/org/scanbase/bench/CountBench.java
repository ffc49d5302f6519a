// SPDX-License-Identifier: Apache-2.0
package org.scanbase.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.scanbase.store.Documents;
import org.scanbase.store.sqlite.SqliteStore;
import org.scanbase.view.ExprParser;
import org.scanbase.view.Stage;
import org.scanbase.view.ViewSpec;

/**
 * Counts of a conjunction of two indexed fields on the App benchmark's store (made by
 * {@link AppBench}): {@code SqliteStore.count} of {@code Modality == "MR" and SliceLocation > 10}
 * (one covering index per conjunct, IndexedConjunction) next to the same count through the plain
 * {@code WHERE a AND b} SQL in the same run (the view with a no-op {@code limit}, which the
 * conjunction count does not serve), and each conjunct alone; and a page of 50 of that match sorted
 * by SliceLocation with the match before and after the {@code sortBy}. Median of 5 runs after
 * a warm-up.
 *
 * <p>usage: CountBench DB
 */
public final class CountBench {
  private static final int RUNS = 5;

  private CountBench() {}

  public static void main(String[] args) {
    Path db = Path.of(args[0]);
    if (!Files.exists(db)) {
      throw new IllegalArgumentException(db + " does not exist: run bench/app.sh first");
    }
    ViewSpec both = match("Modality == \"MR\" and SliceLocation > 10");
    Map<String, Object> result = new LinkedHashMap<>();
    try (SqliteStore store = new SqliteStore(db)) {
      long n = store.count("bench", both);
      long plainN = store.count("bench", both.then(new Stage.Limit(Long.MAX_VALUE)));
      if (n != plainN) {
        throw new IllegalStateException("the two counts differ: " + n + " vs " + plainN);
      }
      result.put("count", n);
      result.put("indexed_ms", median(() -> store.count("bench", both)));
      result.put("plain_and_ms", median(() -> store.count("bench", both.then(new Stage.Limit(Long.MAX_VALUE)))));
      result.put("modality_alone_ms", median(() -> store.count("bench", match("Modality == \"MR\""))));
      result.put("slicelocation_alone_ms", median(() -> store.count("bench", match("SliceLocation > 10"))));
      // a match after a sortBy compiles before it: both orders read the same index
      Stage sort = new Stage.SortBy(org.scanbase.view.F.field("SliceLocation"), false);
      ViewSpec matchSort = both.then(sort);
      ViewSpec sortMatch = ViewSpec.of(sort).then(both.stages().get(0));
      result.put("page_match_sortby_ms", median(() -> store.find("bench", matchSort, 0, 50).size()));
      result.put("page_sortby_match_ms", median(() -> store.find("bench", sortMatch, 0, 50).size()));
    }
    result.put("plain_over_indexed", (double) result.get("plain_and_ms") / (double) result.get("indexed_ms"));
    System.err.printf(Locale.ROOT, "count %,d: index per conjunct %.1f ms, plain AND %.1f ms (x%.1f); conjuncts alone %.1f / %.1f ms%n",
        result.get("count"), result.get("indexed_ms"), result.get("plain_and_ms"),
        result.get("plain_over_indexed"), result.get("modality_alone_ms"), result.get("slicelocation_alone_ms"));
    System.err.printf(Locale.ROOT, "page of 50: [match, sortBy] %.1f ms, [sortBy, match] %.1f ms%n",
        result.get("page_match_sortby_ms"), result.get("page_sortby_match_ms"));
    System.out.println(Documents.write(result));
  }

  private static ViewSpec match(String expr) {
    return ViewSpec.of(new Stage.Match(ExprParser.parse(expr)));
  }

  private static double median(LongSupplier work) {
    work.getAsLong();
    double[] ms = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long t = System.nanoTime();
      work.getAsLong();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms[RUNS / 2];
  }
}
