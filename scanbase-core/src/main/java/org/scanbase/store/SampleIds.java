// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

/**
 * Sample and frame ids. A sample id is 24 lower-case hex digits like a MongoDB ObjectId: eight
 * for the second of the first insert, four for the dataset and twelve for the insertion
 * sequence within the dataset, so ids sort in insertion order within a dataset and differ
 * between datasets. A frame id is its sample's id, {@code f} and the six-digit frame
 * number, so frame ids sort by sample, then frame.
 */
public final class SampleIds {
  private SampleIds() {}

  /** A sample id: the second of the first insert, the dataset and the sequence number. */
  public static String format(long epochSecond, long datasetId, long seq) {
    // %08x%04x%012x by hand: an import makes an id per slice, and a Formatter parses its
    // pattern with regular expressions each time
    StringBuilder b = new StringBuilder(24);
    padded(b, Long.toHexString(epochSecond & 0xffffffffL), 8);
    padded(b, Long.toHexString(datasetId & 0xffff), 4);
    padded(b, Long.toHexString(seq), 12);
    return b.toString();
  }

  /** A frame id: its sample id, {@code f} and the six-digit frame number. */
  public static String frame(String sampleId, long frameNumber) {
    if (frameNumber < 0) {
      return sampleId + "f" + String.format("%06d", frameNumber);
    }
    StringBuilder b = new StringBuilder(sampleId.length() + 7).append(sampleId).append('f');
    padded(b, Long.toString(frameNumber), 6);
    return b.toString();
  }

  /** Appends {@code digits} after as many zeros as make it {@code width} long (none when longer). */
  private static void padded(StringBuilder b, String digits, int width) {
    for (int i = digits.length(); i < width; i++) {
      b.append('0');
    }
    b.append(digits);
  }
}
