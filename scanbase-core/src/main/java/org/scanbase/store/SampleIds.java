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
    return String.format("%08x%04x%012x", epochSecond & 0xffffffffL, datasetId & 0xffff, seq);
  }

  /** A frame id: its sample id, {@code f} and the six-digit frame number. */
  public static String frame(String sampleId, long frameNumber) {
    return sampleId + "f" + String.format("%06d", frameNumber);
  }
}
