// SPDX-License-Identifier: Apache-2.0
package org.scanbase.demo;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Name-based UIDs: the same name always gives the same UID, so generating demo data twice gives
 * the same files. The 2.25 form of PS3.5 B.2 holds the decimal value of a UUID; here a version 3
 * (MD5, name-based) UUID of {@code "scanbase-demo:" + name}.
 */
final class DemoUids {
  private DemoUids() {
  }

  /** The UID of a name, e.g. {@code "hippocampus/p4-s24-n128-seed1/01/sop/7"}. */
  static String uid(String name) {
    UUID u = UUID.nameUUIDFromBytes(("scanbase-demo:" + name).getBytes(StandardCharsets.UTF_8));
    ByteBuffer b = ByteBuffer.allocate(16)
        .putLong(u.getMostSignificantBits())
        .putLong(u.getLeastSignificantBits());
    return "2.25." + new BigInteger(1, b.array());
  }

  /** A seed for a {@link java.util.Random} from the options seed and the parts naming one object. */
  static long seed(long seed, String kind, int index) {
    long h = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L;
    for (char c : kind.toCharArray()) {
      h = h * 31 + c;
    }
    return h ^ (h >>> 31);
  }
}
