// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The result of an {@link Aggregation}, one record per kind. Values are {@code Long} (integral
 * numbers), {@code Double}, {@code String} or {@code Boolean}; see {@link Aggregation} for which
 * values each kind reads. {@link AggregationJson#resultToJson} gives the JSON the App reads.
 */
public sealed interface AggregationResult
    permits AggregationResult.CountResult, AggregationResult.CountValuesResult,
        AggregationResult.DistinctResult, AggregationResult.BoundsResult,
        AggregationResult.MeanResult, AggregationResult.SumResult, AggregationResult.StdResult,
        AggregationResult.HistogramResult {

  /** Of {@link Aggregation.Count}: the number of samples or of values. */
  record CountResult(long count) implements AggregationResult {}

  /**
   * Of {@link Aggregation.CountValues}.
   *
   * @param values  the values with their counts, most frequent first, ties in sort order
   * @param others  how many values were left out by the limit (the sum of their counts)
   * @param missing how many samples give no number, string or boolean (null, missing, empty
   *                lists, documents)
   */
  record CountValuesResult(List<ValueCount> values, long others, long missing)
      implements AggregationResult {
    public CountValuesResult {
      values = List.copyOf(values);
    }
  }

  /** One value and how many times it occurs. */
  record ValueCount(Object value, long count) {
    public ValueCount {
      Objects.requireNonNull(value, "value");
    }
  }

  /** Of {@link Aggregation.Distinct}: the distinct values in sort order. */
  record DistinctResult(List<Object> values) implements AggregationResult {
    public DistinctResult {
      values = Collections.unmodifiableList(new ArrayList<>(values));
    }
  }

  /**
   * Of {@link Aggregation.Bounds}: the smallest and largest number (or string, when there are
   * strings and no numbers); both null when there is neither.
   */
  record BoundsResult(Object min, Object max) implements AggregationResult {}

  /** Of {@link Aggregation.Mean}: the mean of {@code count} numbers, null when there are none. */
  record MeanResult(Double mean, long count) implements AggregationResult {}

  /** Of {@link Aggregation.Sum}: the sum of {@code count} numbers (0 when there are none). */
  record SumResult(double sum, long count) implements AggregationResult {}

  /**
   * Of {@link Aggregation.Std}: the standard deviation of {@code count} numbers; null when there
   * are none (or, for the sample deviation, fewer than two).
   */
  record StdResult(Double std, long count) implements AggregationResult {}

  /**
   * Of {@link Aggregation.Histogram}.
   *
   * @param edges  the {@code bins + 1} bin edges, from the range's min to its max
   * @param counts the number of numbers in each bin
   * @param other  the number of numbers outside the range
   */
  record HistogramResult(double[] edges, long[] counts, long other) implements AggregationResult {
    public HistogramResult {
      edges = edges.clone();
      counts = counts.clone();
      if (edges.length != counts.length + 1) {
        throw new IllegalArgumentException("a histogram needs one edge more than bins, was "
            + edges.length + " edges for " + counts.length + " bins");
      }
    }

    @Override
    public double[] edges() {
      return edges.clone();
    }

    @Override
    public long[] counts() {
      return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof HistogramResult h && Arrays.equals(edges, h.edges)
          && Arrays.equals(counts, h.counts) && other == h.other;
    }

    @Override
    public int hashCode() {
      return 31 * (31 * Arrays.hashCode(edges) + Arrays.hashCode(counts)) + Long.hashCode(other);
    }

    @Override
    public String toString() {
      return "HistogramResult[edges=" + Arrays.toString(edges) + ", counts="
          + Arrays.toString(counts) + ", other=" + other + "]";
    }
  }
}
