// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a view ({@link ViewSpec}): an immutable value that says what to do, not how; the
 * stores translate stages to queries and the in-memory reference evaluates them. Each stage
 * has one JSON shape, {@code {"stage": "<name>", ...}} ({@link StageJson}); the name is given
 * with each record. Field arguments are {@link Expr.Field} paths; documents are the flat sample
 * form (as {@code query --json} prints them), where {@code id} and {@code tags} are top-level.
 */
public sealed interface Stage
    permits Stage.Match, Stage.SortBy, Stage.Limit, Stage.Skip, Stage.Take, Stage.Select,
        Stage.Exclude, Stage.Exists, Stage.MatchTags, Stage.SelectFields, Stage.ExcludeFields,
        Stage.FilterLabels, Stage.GroupBy, Stage.ToFrames {

  /** {@code "match"}: keeps the samples for which {@code expr} is true. */
  record Match(Expr expr) implements Stage {
    public Match {
      Objects.requireNonNull(expr, "expr");
    }
  }

  /**
   * {@code "sortBy"}: orders samples by {@code key} (a field or any expression): numbers, then
   * strings, booleans, lists and documents, with missing and null values last in both
   * directions; ties keep sample-id order. {@code reverse} sorts descending.
   */
  record SortBy(Expr key, boolean reverse) implements Stage {
    public SortBy {
      Objects.requireNonNull(key, "key");
    }
  }

  /** {@code "limit"}: keeps the first {@code n} samples ({@code n >= 0}). */
  record Limit(long n) implements Stage {
    public Limit {
      requireNonNegative(n, "limit");
    }
  }

  /** {@code "skip"}: drops the first {@code n} samples ({@code n >= 0}). */
  record Skip(long n) implements Stage {
    public Skip {
      requireNonNegative(n, "skip");
    }
  }

  /**
   * {@code "take"}: {@code n} samples chosen at random, in random order; the same seed over the
   * same samples gives the same choice.
   */
  record Take(long n, long seed) implements Stage {
    public Take {
      requireNonNegative(n, "take");
    }
  }

  /** {@code "select"}: keeps only the samples with these ids, in view order. */
  record Select(List<String> ids) implements Stage {
    public Select {
      ids = List.copyOf(ids);
    }
  }

  /** {@code "exclude"}: drops the samples with these ids. */
  record Exclude(List<String> ids) implements Stage {
    public Exclude {
      ids = List.copyOf(ids);
    }
  }

  /**
   * {@code "exists"}: keeps the samples whose {@code field} is set and not null, or with
   * {@code present == false}, those where it is missing or null.
   */
  record Exists(Expr.Field field, boolean present) implements Stage {
    public Exists {
      Objects.requireNonNull(field, "field");
    }
  }

  /**
   * {@code "matchTags"}: keeps the samples having any of {@code tags} (all of them when
   * {@code all}). With no tags, {@code any} keeps nothing and {@code all} keeps everything.
   */
  record MatchTags(List<String> tags, boolean all) implements Stage {
    public MatchTags {
      tags = List.copyOf(tags);
    }
  }

  /**
   * {@code "selectFields"}: samples keep only these fields besides the default ones
   * ({@code id}, {@code filepath}, {@code media_type}, {@code tags}, {@code metadata}).
   */
  record SelectFields(List<Expr.Field> fields) implements Stage {
    public SelectFields {
      fields = List.copyOf(fields);
    }
  }

  /** {@code "excludeFields"}: samples lose these fields (default fields cannot be excluded). */
  record ExcludeFields(List<Expr.Field> fields) implements Stage {
    public ExcludeFields {
      fields = List.copyOf(fields);
    }
  }

  /**
   * {@code "filterLabels"}: within the label field {@code field}, keeps only the labels for
   * which {@code filter} is true, its field paths read relative to each label
   * ({@code label == "tumour" and confidence > 0.5}). With {@code onlyMatches}, samples left
   * without a matching label are dropped.
   */
  record FilterLabels(Expr.Field field, Expr filter, boolean onlyMatches) implements Stage {
    public FilterLabels {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(filter, "filter");
    }
  }

  /**
   * {@code "groupBy"}: dynamic groups of the samples with equal {@code key} ({@code ==}, with
   * all missing or null keys in one group), groups in the sort order of their keys, samples
   * within a group ordered by {@code orderBy} when present ({@code reverse}: descending), else
   * in view order.
   */
  record GroupBy(Expr key, Optional<Expr> orderBy, boolean reverse) implements Stage {
    public GroupBy {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(orderBy, "orderBy (use Optional.empty())");
    }
  }

  /** {@code "toFrames"}: each frame of a volume or video sample becomes a sample of its own. */
  record ToFrames() implements Stage {}

  private static void requireNonNegative(long n, String what) {
    if (n < 0) {
      throw new IllegalArgumentException(what + " must be >= 0, was " + n);
    }
  }
}
