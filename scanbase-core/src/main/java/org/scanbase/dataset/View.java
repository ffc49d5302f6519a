// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dataset;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.scanbase.store.Store;
import org.scanbase.view.Aggregation;
import org.scanbase.view.AggregationResult;
import org.scanbase.view.Expr;
import org.scanbase.view.ExprParser;
import org.scanbase.view.F;
import org.scanbase.view.Stage;
import org.scanbase.view.ViewSpec;

/**
 * An immutable query over a dataset: each method returns a longer view and leaves this one
 * unchanged. Nothing is read until a view is counted, paged, iterated or aggregated, and then
 * the store runs it (in SQL). A view serialises to JSON ({@link #toJson()}) for the App's URLs
 * and saved views.
 *
 * <pre>{@code
 * View mr = ds.match(F.field("Modality").eq("MR")).sortBy("SliceLocation");
 * for (Sample s : mr) { ... }
 * View groups = ds.groupBy("PatientID", "SliceLocation");
 * }</pre>
 */
public class View implements Iterable<Sample> {
  private static final int CHUNK = 1000;

  private final Dataset dataset;
  private final ViewSpec spec;

  View(Dataset dataset, ViewSpec spec) {
    this.dataset = dataset;
    this.spec = spec;
  }

  /** The dataset this view reads. */
  public Dataset dataset() {
    // a dataset is the view of itself with no stages
    return dataset == null ? (Dataset) this : dataset;
  }

  /** The stages of this view. */
  public ViewSpec spec() {
    return spec;
  }

  /** The JSON form of the stages. */
  public String toJson() {
    return spec.toJson();
  }

  /** This view followed by {@code stage}. */
  public View then(Stage stage) {
    return new View(dataset(), spec.then(stage));
  }

  // ---- stages ---------------------------------------------------------------------------

  /** Keeps the samples for which {@code expr} is true. */
  public View match(Expr expr) {
    return then(new Stage.Match(expr));
  }

  /** Keeps the samples for which the expression text is true ({@code SliceLocation > 10}). */
  public View match(String expression) {
    return match(ExprParser.parse(expression));
  }

  /** Sorts by a field, ascending, missing values last. */
  public View sortBy(String field) {
    return sortBy(F.field(field), false);
  }

  /** Sorts by an expression; {@code reverse} for descending. */
  public View sortBy(Expr key, boolean reverse) {
    return then(new Stage.SortBy(key, reverse));
  }

  /** The first {@code n} samples. */
  public View limit(long n) {
    return then(new Stage.Limit(n));
  }

  /** All but the first {@code n} samples. */
  public View skip(long n) {
    return then(new Stage.Skip(n));
  }

  /** {@code n} samples at random; the same seed gives the same samples. */
  public View take(long n, long seed) {
    return then(new Stage.Take(n, seed));
  }

  /** Only the samples with these ids. */
  public View select(List<String> ids) {
    return then(new Stage.Select(ids));
  }

  /** All but the samples with these ids. */
  public View exclude(List<String> ids) {
    return then(new Stage.Exclude(ids));
  }

  /** The samples whose field is set and not null ({@code present}) or is missing or null. */
  public View exists(String field, boolean present) {
    return then(new Stage.Exists(F.field(field), present));
  }

  /** The samples having any of the tags ({@code all}: all of them). */
  public View matchTags(List<String> tags, boolean all) {
    return then(new Stage.MatchTags(tags, all));
  }

  /** Samples keep only these fields besides id, filepath, media_type, tags and metadata. */
  public View selectFields(String... fields) {
    return then(new Stage.SelectFields(fieldList(fields)));
  }

  /** Samples lose these fields. */
  public View excludeFields(String... fields) {
    return then(new Stage.ExcludeFields(fieldList(fields)));
  }

  /**
   * Within a label field keeps the labels for which {@code filter} is true (paths relative to
   * each label); {@code onlyMatches} drops samples left without a matching label.
   */
  public View filterLabels(String field, Expr filter, boolean onlyMatches) {
    return then(new Stage.FilterLabels(F.field(field), filter, onlyMatches));
  }

  /** Dynamic groups of equal {@code field}, each ordered by {@code orderBy} (null: view order). */
  public View groupBy(String field, String orderBy) {
    return groupBy(F.field(field), orderBy == null ? null : F.field(orderBy), false);
  }

  /** Dynamic groups of equal {@code key}, each ordered by {@code orderBy} (may be null). */
  public View groupBy(Expr key, Expr orderBy, boolean reverse) {
    return then(new Stage.GroupBy(key, Optional.ofNullable(orderBy), reverse));
  }

  /** Each frame of the volume or video samples becomes a sample of its own (read-only). */
  public View toFrames() {
    return then(new Stage.ToFrames());
  }

  private static List<Expr.Field> fieldList(String... fields) {
    List<Expr.Field> out = new ArrayList<>();
    for (String f : fields) {
      out.add(F.field(f));
    }
    return out;
  }

  // ---- reading --------------------------------------------------------------------------

  Store store() {
    return dataset().store();
  }

  /** The number of samples in the view. */
  public long count() {
    return store().count(dataset().name(), spec);
  }

  /** Samples {@code offset} to {@code offset + limit - 1} of the view, in order. */
  public List<Sample> page(long offset, long limit) {
    return wrap(store().find(dataset().name(), spec, offset, limit));
  }

  /** The first sample, if the view has any. */
  public Optional<Sample> first() {
    List<Sample> one = page(0, 1);
    return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
  }

  /** The ids of the view, in order. */
  public List<String> ids() {
    return store().ids(dataset().name(), spec);
  }

  /** Every sample document of the view, in order, as maps, streamed to {@code sink}. */
  public void forEachDoc(java.util.function.Consumer<Map<String, Object>> sink) {
    store().forEach(dataset().name(), spec, sink);
  }

  /**
   * The samples in view order. The ids are read first (one query), then the samples a thousand
   * at a time, so a long iteration holds no database connection and sees the membership the
   * view had when it started.
   */
  @Override
  public Iterator<Sample> iterator() {
    if (spec.showsFrames() || spec.projects()) {
      // frames and projected samples are not stored under these ids: read them in pages
      return new PageIterator();
    }
    List<String> ids = ids();
    return new Iterator<>() {
      private int next;
      private Iterator<Sample> chunk = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!chunk.hasNext() && next < ids.size()) {
          List<String> part = ids.subList(next, Math.min(ids.size(), next + CHUNK));
          next += part.size();
          chunk = wrap(store().byIds(dataset().name(), part)).iterator();
        }
        return chunk.hasNext();
      }

      @Override
      public Sample next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return chunk.next();
      }
    };
  }

  /** Pages by offset: for frame views and projections. */
  private final class PageIterator implements Iterator<Sample> {
    private long offset;
    private Iterator<Sample> chunk = java.util.Collections.emptyIterator();
    private boolean done;

    @Override
    public boolean hasNext() {
      if (!chunk.hasNext() && !done) {
        List<Sample> page = page(offset, CHUNK);
        offset += page.size();
        done = page.size() < CHUNK;
        chunk = page.iterator();
      }
      return chunk.hasNext();
    }

    @Override
    public Sample next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return chunk.next();
    }
  }

  private List<Sample> wrap(List<Map<String, Object>> docs) {
    boolean readOnly = spec.showsFrames() || spec.projects();
    List<Sample> out = new ArrayList<>(docs.size());
    for (Map<String, Object> doc : docs) {
      out.add(Sample.fromDoc(dataset(), doc, readOnly));
    }
    return out;
  }

  /**
   * The page of dynamic groups of a view ending in {@code groupBy} (then skip/limit, which count
   * groups), each with its size and at most {@code membersPerGroup} members in order.
   */
  public List<Group> groups(int membersPerGroup) {
    List<Group> out = new ArrayList<>();
    for (Store.Group g : store().groups(dataset().name(), spec, membersPerGroup)) {
      out.add(new Group(g.key(), g.count(), wrap(g.samples())));
    }
    return out;
  }

  /**
   * The members of one dynamic group of a view ending in {@code groupBy} (then skip/limit),
   * in group order: the view before the grouping, matched on the key, sorted by the group's
   * order (ties in id order). For a key that is a number, string, boolean or null (the missing
   * and null group).
   *
   * @throws IllegalArgumentException when the view does not end in groupBy, or for a list or
   *     document key
   */
  public View group(Object key) {
    List<Stage> stages = new ArrayList<>(spec.stages());
    while (!stages.isEmpty() && (stages.get(stages.size() - 1) instanceof Stage.Skip
        || stages.get(stages.size() - 1) instanceof Stage.Limit)) {
      stages.remove(stages.size() - 1);
    }
    if (stages.isEmpty() || !(stages.get(stages.size() - 1) instanceof Stage.GroupBy g)) {
      throw new IllegalArgumentException("the view does not end in groupBy: " + spec.toJson());
    }
    if (key instanceof List || key instanceof Map) {
      throw new IllegalArgumentException("a group is picked by a number, string, boolean or null key");
    }
    stages.remove(stages.size() - 1);
    View members = new View(dataset(), new ViewSpec(stages))
        .match(g.key().eq(key));
    return g.orderBy().isPresent() ? members.sortBy(g.orderBy().get(), g.reverse()) : members;
  }

  /** One dynamic group: its key, its size and its first members in group order. */
  public record Group(Object key, long count, List<Sample> samples) {}

  /**
   * An aggregation over the view, e.g. {@code new Aggregation.CountValues(F.field("Manufacturer"), 10)}.
   * Paths through lists count each element ({@code tags}, {@code detections.detections.label}).
   */
  public AggregationResult aggregate(Aggregation aggregation) {
    return store().aggregate(dataset().name(), spec, aggregation);
  }

  /** The most frequent values of a field with their counts (all of them when {@code limit} is 0). */
  public AggregationResult.CountValuesResult countValues(String field, int limit) {
    return (AggregationResult.CountValuesResult) aggregate(new Aggregation.CountValues(F.field(field), limit));
  }

  /** The distinct values of a field, sorted. */
  public List<Object> distinct(String field) {
    return ((AggregationResult.DistinctResult) aggregate(new Aggregation.Distinct(F.field(field)))).values();
  }

  /** The smallest and largest value of a field. */
  public AggregationResult.BoundsResult bounds(String field) {
    return (AggregationResult.BoundsResult) aggregate(new Aggregation.Bounds(F.field(field)));
  }

  /** The mean of a numeric field (null when it has no numbers). */
  public Double mean(String field) {
    return ((AggregationResult.MeanResult) aggregate(new Aggregation.Mean(F.field(field)))).mean();
  }

  /** The sum of a numeric field. */
  public double sum(String field) {
    return ((AggregationResult.SumResult) aggregate(new Aggregation.Sum(F.field(field)))).sum();
  }

  /** The population standard deviation of a numeric field (null when it has no numbers). */
  public Double std(String field) {
    return ((AggregationResult.StdResult) aggregate(new Aggregation.Std(F.field(field)))).std();
  }

  /** A histogram of a numeric field in {@code bins} equal bins between its bounds. */
  public AggregationResult.HistogramResult histogram(String field, int bins) {
    return (AggregationResult.HistogramResult) aggregate(new Aggregation.Histogram(F.field(field), bins));
  }

  // ---- editing --------------------------------------------------------------------------

  /** Sets a field (or dotted path) to one value on every sample of the view; the number changed. */
  public long setField(String path, Object value) {
    long n = store().setField(dataset().name(), spec, Docs.path(path), Docs.toValue(value));
    dataset().declareField(path, value);
    return n;
  }

  /** Removes a field from every sample of the view; the number of samples visited. */
  public long unsetField(String path) {
    return store().unsetField(dataset().name(), spec, Docs.path(path));
  }

  /** Adds tags to every sample of the view. */
  public void tag(String... tags) {
    editAll(s -> s.tag(tags));
  }

  /** Removes tags from every sample of the view. */
  public void untag(String... tags) {
    editAll(s -> s.untag(tags));
  }

  /**
   * Adds tags to the labels in a label field of every sample of the view: the label itself, or
   * every element of a list container ({@code detections}, {@code polylines}).
   */
  public void tagLabels(String field, String... tags) {
    editLabels(field, labelTags -> {
      for (String t : tags) {
        if (!labelTags.contains(t)) {
          labelTags.add(t);
        }
      }
    });
  }

  /** Removes tags from the labels in a label field of every sample of the view. */
  public void untagLabels(String field, String... tags) {
    editLabels(field, labelTags -> labelTags.removeAll(List.of(tags)));
  }

  @SuppressWarnings("unchecked")
  private void editLabels(String field, java.util.function.Consumer<List<Object>> edit) {
    editAll(s -> {
      Object value = s.get(field);
      if (!(value instanceof Map<?, ?> label)) {
        return;
      }
      List<Map<String, Object>> labels = new ArrayList<>();
      Object type = label.get("_type");
      Object list = type instanceof String t ? label.get(t.toLowerCase(java.util.Locale.ROOT)) : null;
      if (list instanceof List<?> items) {
        items.forEach(i -> {
          if (i instanceof Map<?, ?> m) {
            labels.add((Map<String, Object>) m);
          }
        });
      } else {
        labels.add((Map<String, Object>) label);
      }
      for (Map<String, Object> l : labels) {
        List<Object> tags = l.get("tags") instanceof List<?> old ? new ArrayList<>(old) : new ArrayList<>();
        edit.accept(tags);
        l.put("tags", tags);
      }
      s.set(field, value);
    });
  }

  private void editAll(java.util.function.Consumer<Sample> edit) {
    List<String> ids = ids();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<Map<String, Object>> docs = new ArrayList<>();
      for (Sample s : wrap(store().byIds(dataset().name(), ids.subList(from, Math.min(ids.size(), from + CHUNK))))) {
        edit.accept(s);
        docs.add(s.doc());
      }
      store().saveSamples(dataset().name(), docs);
    }
  }

  /** Saves this view under a name in its dataset (replacing one of the same name). */
  public void saveAs(String name) {
    store().saveView(dataset().name(), name, spec);
  }

  /**
   * A new dataset holding copies of this view's samples (new ids) with their frames, the same
   * schema and mask targets.
   */
  public Dataset cloneAs(String name) {
    return dataset().catalog().cloneView(this, name);
  }

  @Override
  public String toString() {
    return "View{" + dataset().name() + ", " + spec.toJson() + "}";
  }
}
