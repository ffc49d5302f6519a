// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.scanbase.view.AggregationResult.BoundsResult;
import org.scanbase.view.AggregationResult.CountResult;
import org.scanbase.view.AggregationResult.CountValuesResult;
import org.scanbase.view.AggregationResult.DistinctResult;
import org.scanbase.view.AggregationResult.HistogramResult;
import org.scanbase.view.AggregationResult.MeanResult;
import org.scanbase.view.AggregationResult.StdResult;
import org.scanbase.view.AggregationResult.SumResult;
import org.scanbase.view.AggregationResult.ValueCount;

/**
 * Computes aggregations over documents held in memory: the reference semantics (stated in
 * {@link Aggregation}) that {@link AggregationSql} must reproduce. Documents are maps as
 * Jackson reads JSON, like those of {@link InMemoryEvaluator}.
 */
public final class InMemoryAggregations {
  /** The sort order of values: numbers, strings by code point, then false and true. */
  static final Comparator<Object> SORT_ORDER = (a, b) -> Values.sortCompare(a, b, false);

  /** The order of value counts: most frequent first, ties in {@link #SORT_ORDER}. */
  static final Comparator<ValueCount> BY_COUNT = Comparator.comparingLong(ValueCount::count)
      .reversed().thenComparing(ValueCount::value, SORT_ORDER);

  private InMemoryAggregations() {}

  /** The result of {@code aggregation} over {@code docs}. */
  public static AggregationResult evaluate(Aggregation aggregation, List<? extends Map<String, ?>> docs) {
    if (aggregation instanceof Aggregation.Count c) {
      if (c.field().isEmpty()) {
        return new CountResult(docs.size());
      }
      long n = 0;
      for (Map<String, ?> doc : docs) {
        n += values(c.field().get(), doc).size();
      }
      return new CountResult(n);
    } else if (aggregation instanceof Aggregation.CountValues c) {
      return countValues(c, docs);
    } else if (aggregation instanceof Aggregation.Distinct d) {
      List<Object> distinct = new ArrayList<>(counts(d.field(), docs).keySet());
      return new DistinctResult(distinct);
    } else if (aggregation instanceof Aggregation.Bounds b) {
      return bounds(b.field(), docs);
    } else if (aggregation instanceof Aggregation.Mean m) {
      List<Double> x = numbers(m.field(), docs);
      return new MeanResult(x.isEmpty() ? null : sum(x) / x.size(), x.size());
    } else if (aggregation instanceof Aggregation.Sum s) {
      List<Double> x = numbers(s.field(), docs);
      return new SumResult(sum(x), x.size());
    } else if (aggregation instanceof Aggregation.Std s) {
      List<Double> x = numbers(s.field(), docs);
      double mean = sum(x) / x.size();
      double squares = 0;
      for (double v : x) {
        squares += (v - mean) * (v - mean);
      }
      return new StdResult(std(x.size(), squares, s.sample()), x.size());
    }
    return histogram((Aggregation.Histogram) aggregation, docs);
  }

  /**
   * The values that {@code field} gives in {@code doc}, lists unwound (one level per key) and
   * nulls left out, in document order; numbers as {@code Long} or {@code Double}.
   */
  public static List<Object> values(Expr.Field field, Map<String, ?> doc) {
    List<Object> current = List.of(doc);
    for (String key : field.path()) {
      List<Object> next = new ArrayList<>();
      for (Object at : current) {
        if (at instanceof Map<?, ?> map) {
          Object v = Values.normalize(map.get(key));
          if (v instanceof List<?> list) {
            list.forEach(item -> next.add(Values.normalize(item)));
          } else {
            next.add(v);
          }
        }
      }
      current = next;
    }
    List<Object> out = new ArrayList<>();
    for (Object v : current) {
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  private static CountValuesResult countValues(Aggregation.CountValues c, List<? extends Map<String, ?>> docs) {
    TreeMap<Object, Long> counts = counts(c.field(), docs);
    long missing = 0;
    for (Map<String, ?> doc : docs) {
      if (values(c.field(), doc).stream().noneMatch(InMemoryAggregations::isScalar)) {
        missing++;
      }
    }
    return topCounts(counts, c.limit(), missing);
  }

  /**
   * The countValues result of value counts: most frequent first (ties in sort order), the first
   * {@code limit} kept (0 = all) and the rest summed as {@code others}. Every backend ends here.
   */
  static CountValuesResult topCounts(Map<Object, Long> counts, int limit, long missing) {
    List<ValueCount> sorted = new ArrayList<>();
    counts.forEach((value, n) -> sorted.add(new ValueCount(value, n)));
    sorted.sort(BY_COUNT);
    int keep = limit == 0 ? sorted.size() : Math.min(limit, sorted.size());
    long others = 0;
    for (ValueCount v : sorted.subList(keep, sorted.size())) {
      others += v.count();
    }
    return new CountValuesResult(sorted.subList(0, keep), others, missing);
  }

  /** The scalar values of the field with their counts, in sort order; 1 and 1.0 are one key. */
  private static TreeMap<Object, Long> counts(Expr.Field field, List<? extends Map<String, ?>> docs) {
    TreeMap<Object, Long> counts = new TreeMap<>(SORT_ORDER);
    for (Map<String, ?> doc : docs) {
      for (Object v : values(field, doc)) {
        if (isScalar(v)) {
          counts.merge(canonical(v), 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  private static BoundsResult bounds(Expr.Field field, List<? extends Map<String, ?>> docs) {
    Object minNumber = null;
    Object maxNumber = null;
    String minString = null;
    String maxString = null;
    for (Map<String, ?> doc : docs) {
      for (Object v : values(field, doc)) {
        if (v instanceof Number || v instanceof String) {
          if (v instanceof Number) {
            minNumber = minNumber == null || SORT_ORDER.compare(v, minNumber) < 0 ? v : minNumber;
            maxNumber = maxNumber == null || SORT_ORDER.compare(v, maxNumber) > 0 ? v : maxNumber;
          } else {
            String s = (String) v;
            minString = minString == null || Values.compareStrings(s, minString) < 0 ? s : minString;
            maxString = maxString == null || Values.compareStrings(s, maxString) > 0 ? s : maxString;
          }
        }
      }
    }
    if (minNumber != null) {
      return new BoundsResult(canonical(minNumber), canonical(maxNumber));
    }
    return new BoundsResult(minString, maxString);
  }

  private static HistogramResult histogram(Aggregation.Histogram h, List<? extends Map<String, ?>> docs) {
    List<Double> x = numbers(h.field(), docs);
    double lo;
    double hi;
    if (h.range().isPresent()) {
      lo = h.range().get().min();
      hi = h.range().get().max();
    } else if (x.isEmpty()) {
      lo = 0;
      hi = 1;
    } else {
      double min = x.stream().min(Double::compare).orElseThrow();
      double max = x.stream().max(Double::compare).orElseThrow();
      lo = min == max ? min - 0.5 : min;
      hi = min == max ? max + 0.5 : max;
    }
    long[] counts = new long[h.bins()];
    long other = 0;
    for (double v : x) {
      int bin = bin(v, lo, hi, h.bins());
      if (bin < 0) {
        other++;
      } else {
        counts[bin]++;
      }
    }
    return new HistogramResult(edges(lo, hi, h.bins()), counts, other);
  }

  /**
   * The bin of {@code x} in {@code bins} bins over {@code [lo, hi]}, or -1 outside: the formula
   * that the SQL of {@link AggregationSql} evaluates too, operation for operation.
   */
  static int bin(double x, double lo, double hi, int bins) {
    if (x < lo || x > hi) {
      return -1;
    }
    return (int) Math.min((long) (((x - lo) / (hi - lo)) * bins), bins - 1);
  }

  /** The {@code bins + 1} edges over {@code [lo, hi]}, as numpy's {@code linspace}. */
  static double[] edges(double lo, double hi, int bins) {
    double step = (hi - lo) / bins;
    double[] edges = new double[bins + 1];
    for (int i = 0; i < bins; i++) {
      edges[i] = i * step + lo;
    }
    edges[bins] = hi;
    return edges;
  }

  /** The standard deviation from the count and the sum of squared deviations from the mean. */
  static Double std(long n, double squares, boolean sample) {
    long divisor = sample ? n - 1 : n;
    return divisor <= 0 ? null : Math.sqrt(squares / divisor);
  }

  private static List<Double> numbers(Expr.Field field, List<? extends Map<String, ?>> docs) {
    List<Double> out = new ArrayList<>();
    for (Map<String, ?> doc : docs) {
      for (Object v : values(field, doc)) {
        if (v instanceof Number n) {
          out.add(n.doubleValue());
        }
      }
    }
    return out;
  }

  private static double sum(List<Double> x) {
    double sum = 0;
    for (double v : x) {
      sum += v;
    }
    return sum;
  }

  private static boolean isScalar(Object v) {
    return v instanceof Number || v instanceof String || v instanceof Boolean;
  }

  /**
   * A number as results give it: {@code Long} when integral and within 64 bits, else
   * {@code Double}; other values unchanged. Accepts what JDBC drivers return (Integer,
   * BigDecimal, ...).
   */
  static Object canonical(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigDecimal d) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException notALong) {
        return canonical(d.doubleValue());
      }
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      // [-2^63, 2^63): every integral double there converts to long exactly
      if (d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63) {
        return (long) d;
      }
      return d;
    }
    return v;
  }
}
