// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sample and frame ids are exactly what their format strings, run by java.util.Formatter, give. */
class SampleIdsTest {

  @Test
  void idsAreWhatTheFormatStringsGive() {
    Random random = new Random(24);
    long[] edges = {0, 1, 15, 16, 0xffff, 0x10000, 0xffffffffL, 0x100000000L, 0xffffffffffffL, 0x1000000000000L,
        Long.MAX_VALUE, -1, Long.MIN_VALUE};
    for (int i = 0; i < 20_000; i++) {
      long a = i < edges.length ? edges[i] : random.nextLong() >>> random.nextInt(64);
      long b = random.nextBoolean() ? a : random.nextLong() >>> random.nextInt(64);
      long c = i % 7 == 0 ? -random.nextInt(1000) : random.nextLong() >>> random.nextInt(64);
      assertThat(SampleIds.format(a, b, c))
          .isEqualTo(String.format("%08x%04x%012x", a & 0xffffffffL, b & 0xffff, c));
      assertThat(SampleIds.frame("5f0c", c)).isEqualTo("5f0cf" + String.format("%06d", c));
    }
  }
}
