// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.Objects;
import java.util.Optional;

/**
 * A summary of one field over the samples of a view: what the App's sidebar shows (value
 * counts, ranges, histograms) and what the Java API returns from {@code view.aggregate(...)}.
 * Like stages, aggregations are immutable values with one JSON shape,
 * {@code {"aggregation": "<name>", ...}} ({@link AggregationJson}); each record names its
 * result type, an {@link AggregationResult}. {@link InMemoryAggregations} is the reference;
 * {@link AggregationSql} computes the same in a store.
 *
 * <h2>Which values a field gives</h2>
 * A field path is followed key by key as in expressions ({@link org.scanbase.view}), except
 * that <b>lists are unwound</b>, as FiftyOne does: wherever a key gives a list, the path goes
 * on in each of its elements (one level of list per key). So {@code tags} gives every tag of a
 * sample, {@code ground_truth.detections.label} the label of every detection, and
 * {@code metadata.width} one value. Null and missing are not values. Of the values,
 * <ul>
 *   <li>numbers (integers and doubles; not strings such as {@code "10"}, not booleans) are what
 *       {@link Mean}, {@link Sum}, {@link Std}, {@link Histogram} and numeric {@link Bounds}
 *       read;</li>
 *   <li>numbers, strings and booleans are what {@link CountValues} and {@link Distinct}
 *       count; lists inside lists and documents are left out;</li>
 *   <li>{@link Count} counts every value, documents and inner lists included.</li>
 * </ul>
 * Numbers in results are {@code Long} when integral ({@code 2.0} reads as {@code 2}), else
 * {@code Double}; {@code 1} and {@code 1.0} are one value.
 */
public sealed interface Aggregation
    permits Aggregation.Count, Aggregation.CountValues, Aggregation.Distinct,
        Aggregation.Bounds, Aggregation.Mean, Aggregation.Sum, Aggregation.Std,
        Aggregation.Histogram {

  /**
   * {@code "count"}: the number of samples, or with a field the number of its values (lists
   * unwound, null and missing left out). Result: {@link AggregationResult.CountResult}.
   */
  record Count(Optional<Expr.Field> field) implements Aggregation {
    public Count {
      Objects.requireNonNull(field, "field");
    }

    /** The number of samples. */
    public Count() {
      this(Optional.empty());
    }

    /** The number of values of {@code field}. */
    public Count(Expr.Field field) {
      this(Optional.of(field));
    }
  }

  /**
   * {@code "countValues"}: each number, string and boolean value of {@code field} with how
   * often it occurs, most frequent first, ties in sort order (numbers, strings, booleans).
   * {@code limit} keeps that many ({@code 0} keeps all); the rest are summed in
   * {@code others}. Samples that give no such value are counted in {@code missing}.
   * Result: {@link AggregationResult.CountValuesResult}.
   */
  record CountValues(Expr.Field field, int limit) implements Aggregation {
    public CountValues {
      Objects.requireNonNull(field, "field");
      if (limit < 0) {
        throw new IllegalArgumentException("countValues limit must be >= 0 (0 = all), was " + limit);
      }
    }

    /** Every value with its count. */
    public CountValues(Expr.Field field) {
      this(field, 0);
    }
  }

  /**
   * {@code "distinct"}: the distinct number, string and boolean values of {@code field} in sort
   * order (numbers, then strings by code point, then false, true).
   * Result: {@link AggregationResult.DistinctResult}.
   */
  record Distinct(Expr.Field field) implements Aggregation {
    public Distinct {
      Objects.requireNonNull(field, "field");
    }
  }

  /**
   * {@code "bounds"}: the smallest and largest number of {@code field}; when the field gives no
   * number but strings, the first and last string by code point; else both null.
   * Result: {@link AggregationResult.BoundsResult}.
   */
  record Bounds(Expr.Field field) implements Aggregation {
    public Bounds {
      Objects.requireNonNull(field, "field");
    }
  }

  /** {@code "mean"}: the mean of the numbers of {@code field}. Result: {@link AggregationResult.MeanResult}. */
  record Mean(Expr.Field field) implements Aggregation {
    public Mean {
      Objects.requireNonNull(field, "field");
    }
  }

  /** {@code "sum"}: the sum of the numbers of {@code field}. Result: {@link AggregationResult.SumResult}. */
  record Sum(Expr.Field field) implements Aggregation {
    public Sum {
      Objects.requireNonNull(field, "field");
    }
  }

  /**
   * {@code "std"}: the standard deviation of the numbers of {@code field}: the population one
   * (divided by n, as FiftyOne and numpy by default), or with {@code sample} the sample one
   * (divided by n - 1). Result: {@link AggregationResult.StdResult}.
   */
  record Std(Expr.Field field, boolean sample) implements Aggregation {
    public Std {
      Objects.requireNonNull(field, "field");
    }

    /** The population standard deviation. */
    public Std(Expr.Field field) {
      this(field, false);
    }
  }

  /**
   * {@code "histogram"}: the numbers of {@code field} counted in {@code bins} equal bins over
   * {@code range}, by default the numbers' bounds (widened by 0.5 either side when they are
   * equal, [0, 1] when there are none, as numpy does). A number {@code x} in the range falls in
   * bin {@code floor((x - min) / (max - min) * bins)}, the maximum in the last bin; numbers
   * outside the range are counted in {@code other}. Computed in double precision.
   * Result: {@link AggregationResult.HistogramResult}.
   */
  record Histogram(Expr.Field field, int bins, Optional<Range> range) implements Aggregation {
    /** The most bins a histogram may have. */
    public static final int MAX_BINS = 10_000;

    public Histogram {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(range, "range");
      if (bins < 1 || bins > MAX_BINS) {
        throw new IllegalArgumentException("histogram bins must be 1.." + MAX_BINS + ", was " + bins);
      }
    }

    /** A histogram over the bounds of the field's numbers. */
    public Histogram(Expr.Field field, int bins) {
      this(field, bins, Optional.empty());
    }
  }

  /**
   * The range of a histogram, {@code min < max}, both finite.
   *
   * @param min the lower edge of the first bin
   * @param max the upper edge of the last bin (inclusive)
   */
  record Range(double min, double max) {
    public Range {
      if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
        throw new IllegalArgumentException("a histogram range needs finite min < max, was ["
            + min + ", " + max + "]");
      }
    }
  }

  /** The field this aggregation reads, or empty when it counts samples. */
  default Optional<Expr.Field> aggregatedField() {
    if (this instanceof Count c) {
      return c.field();
    } else if (this instanceof CountValues a) {
      return Optional.of(a.field());
    } else if (this instanceof Distinct a) {
      return Optional.of(a.field());
    } else if (this instanceof Bounds a) {
      return Optional.of(a.field());
    } else if (this instanceof Mean a) {
      return Optional.of(a.field());
    } else if (this instanceof Sum a) {
      return Optional.of(a.field());
    } else if (this instanceof Std a) {
      return Optional.of(a.field());
    }
    return Optional.of(((Histogram) this).field());
  }
}
