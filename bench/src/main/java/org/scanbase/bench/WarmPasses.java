// SPDX-License-Identifier: Apache-2.0
package org.scanbase.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * How the in-JVM import and export benchmarks time their work: five passes, each into a fresh
 * work folder, the first two as JIT warm-up, the best of the last three kept (the machine is
 * shared: the best pass is the least disturbed one). The work folder is deleted at the end.
 */
final class WarmPasses {
  private static final int WARM_UP = 2;
  private static final int PASSES = 5;

  private WarmPasses() {}

  /** One pass of the measured work; returns how many items (slices, cases) it handled. */
  @FunctionalInterface
  interface Pass {
    long run() throws Exception;
  }

  /** The items of the last pass and the wall time of the best measured pass, in seconds. */
  record Best(long items, double seconds) {}

  static Best run(Path work, Pass pass) throws Exception {
    double best = Double.MAX_VALUE;
    long items = 0;
    for (int i = 0; i < PASSES; i++) {
      delete(work);
      long t = System.nanoTime();
      items = pass.run();
      double s = (System.nanoTime() - t) / 1e9;
      if (i >= WARM_UP) {
        best = Math.min(best, s);
      }
    }
    delete(work);
    return new Best(items, best);
  }

  private static void delete(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
