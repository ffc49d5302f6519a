// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The reference meaning of a {@link ViewSpec}: its stages applied, in memory, to samples in
 * their flat form ({@code id}, {@code filepath}, {@code media_type}, {@code tags},
 * {@code metadata} and every field at the top level, as {@code query --json} prints them).
 * Stores must return what this returns; their test suites compare against it. Inputs are never
 * modified: stages that change samples ({@code selectFields}, {@code filterLabels}) copy them.
 *
 * <p>Labels, for {@code filterLabels}: a label field holds one label document, or a list
 * container such as {@code {"_type": "Detections", "detections": [...]}} whose list sits under
 * its lower-cased type name. {@code toFrames} needs the frames of the samples: {@link
 * #apply(ViewSpec, List, Function)} takes them, and {@link #toFrames(List, Function)} states
 * what that stage makes.
 */
public final class InMemoryView {
  /** The fields every sample keeps under {@code selectFields}. */
  public static final Set<String> DEFAULT_FIELDS =
      Set.of("id", "filepath", "media_type", "tags", "metadata");

  private InMemoryView() {}

  /** One dynamic group: its key (the first member's value) and its samples, in order. */
  public record Group(Object key, List<Map<String, Object>> samples) {}

  /**
   * The samples of the view, in view order. A {@code groupBy} stage yields its groups'
   * samples one group after the other.
   *
   * @throws UnsupportedOperationException for {@code toFrames}
   */
  public static List<Map<String, Object>> apply(ViewSpec spec, List<? extends Map<String, ?>> samples) {
    return apply(spec, samples, null);
  }

  /**
   * The samples of the view, in view order, where {@code toFrames} reads the frames of a
   * sample from {@code framesOf} (sample id to its frame documents, in any order; null or an
   * empty list for none).
   *
   * @throws UnsupportedOperationException for {@code toFrames} when {@code framesOf} is null
   */
  public static List<Map<String, Object>> apply(ViewSpec spec, List<? extends Map<String, ?>> samples,
      Function<String, ? extends List<? extends Map<String, ?>>> framesOf) {
    List<Map<String, Object>> current = copyOf(samples);
    for (Stage stage : spec.stages()) {
      if (stage instanceof Stage.ToFrames && framesOf != null) {
        current = toFrames(current, framesOf);
      } else {
        current = apply(stage, current);
      }
    }
    return current;
  }

  /**
   * What {@code toFrames} makes: the frames of each sample, samples in order and each
   * sample's frames by {@code frame_number}; a frame is its own document (with {@code id},
   * {@code sample_id}, {@code frame_number}) plus {@code "filepath"} of its sample (null when
   * the sample has none), {@code "media_type": "image"}, and {@code "tags"}: its own, or
   * {@code []} when missing or null.
   */
  public static List<Map<String, Object>> toFrames(List<? extends Map<String, ?>> samples,
      Function<String, ? extends List<? extends Map<String, ?>>> framesOf) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, ?> sample : samples) {
      List<? extends Map<String, ?>> frames = framesOf.apply(id(sample));
      if (frames == null) {
        continue;
      }
      List<? extends Map<String, ?>> ordered = frames.stream()
          .sorted(Comparator.comparingLong(f -> ((Number) f.get("frame_number")).longValue()))
          .toList();
      for (Map<String, ?> frame : ordered) {
        Map<String, Object> doc = new LinkedHashMap<>(frame);
        doc.put("filepath", sample.get("filepath"));
        doc.put("media_type", "image");
        doc.put("tags", frame.get("tags") == null ? List.of() : frame.get("tags"));
        out.add(doc);
      }
    }
    return out;
  }

  /**
   * The dynamic groups of a view whose last {@code groupBy} stage is followed by nothing but
   * {@code skip} and {@code limit}, which then count groups (a page of groups).
   *
   * @throws IllegalArgumentException when the view has no such {@code groupBy}
   */
  public static List<Group> groups(ViewSpec spec, List<? extends Map<String, ?>> samples) {
    return groups(spec, samples, null);
  }

  /**
   * {@link #groups(ViewSpec, List)} of a view that may hold {@code toFrames}, reading frames
   * as {@link #apply(ViewSpec, List, Function)} does.
   */
  public static List<Group> groups(ViewSpec spec, List<? extends Map<String, ?>> samples,
      Function<String, ? extends List<? extends Map<String, ?>>> framesOf) {
    List<Stage> stages = spec.stages();
    int at = stages.size() - 1;
    while (at >= 0 && (stages.get(at) instanceof Stage.Skip || stages.get(at) instanceof Stage.Limit)) {
      at--;
    }
    if (at < 0 || !(stages.get(at) instanceof Stage.GroupBy groupBy)) {
      throw new IllegalArgumentException("the view does not end in groupBy (then only skip/limit)");
    }
    List<Group> groups = group(groupBy, apply(new ViewSpec(stages.subList(0, at)), samples, framesOf));
    for (Stage page : stages.subList(at + 1, stages.size())) {
      groups = page instanceof Stage.Skip s ? slice(groups, s.n(), Long.MAX_VALUE)
          : slice(groups, 0, ((Stage.Limit) page).n());
    }
    return groups;
  }

  /**
   * The filtering stages as expressions over the sample ({@code match}, {@code exists},
   * {@code matchTags}), so that stores compile them with {@link SqlCompiler#where(Expr)}.
   */
  public static Optional<Expr> asFilter(Stage stage) {
    if (stage instanceof Stage.Match m) {
      return Optional.of(m.expr());
    } else if (stage instanceof Stage.Exists e) {
      Expr exists = new Expr.Exists(e.field());
      return Optional.of(e.present() ? exists : exists.not());
    } else if (stage instanceof Stage.MatchTags t) {
      Expr[] each = t.tags().stream().map(tag -> F.lit(tag).in(F.field("tags"))).toArray(Expr[]::new);
      return Optional.of(t.all() ? F.all(each) : F.any(each));
    }
    return Optional.empty();
  }

  private static List<Map<String, Object>> apply(Stage stage, List<Map<String, Object>> in) {
    Optional<Expr> filter = asFilter(stage);
    if (filter.isPresent()) {
      return in.stream().filter(s -> InMemoryEvaluator.test(filter.get(), s)).toList();
    } else if (stage instanceof Stage.SortBy s) {
      return in.stream().sorted(InMemoryEvaluator.comparator(s.key(), s.reverse())
          .thenComparing(InMemoryView::id)).toList();
    } else if (stage instanceof Stage.Limit l) {
      return slice(in, 0, l.n());
    } else if (stage instanceof Stage.Skip s) {
      return slice(in, s.n(), Long.MAX_VALUE);
    } else if (stage instanceof Stage.Take t) {
      Comparator<Map<String, Object>> random = Comparator.comparing(s -> takeKey(t.seed(), id(s)));
      return slice(in.stream().sorted(random.thenComparing(InMemoryView::id)).toList(), 0, t.n());
    } else if (stage instanceof Stage.Select s) {
      Set<String> ids = new HashSet<>(s.ids());
      return in.stream().filter(x -> ids.contains(id(x))).toList();
    } else if (stage instanceof Stage.Exclude s) {
      Set<String> ids = new HashSet<>(s.ids());
      return in.stream().filter(x -> !ids.contains(id(x))).toList();
    } else if (stage instanceof Stage.SelectFields s) {
      return in.stream().map(x -> selectFields(x, s.fields())).toList();
    } else if (stage instanceof Stage.ExcludeFields s) {
      checkExcludable(s);
      return in.stream().map(x -> excludeFields(x, s.fields())).toList();
    } else if (stage instanceof Stage.FilterLabels s) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Map<String, Object> x : in) {
        Map<String, Object> filtered = filterLabels(x, s);
        if (filtered != null) {
          out.add(filtered);
        }
      }
      return out;
    } else if (stage instanceof Stage.GroupBy g) {
      return group(g, in).stream().flatMap(group -> group.samples().stream()).toList();
    }
    throw new UnsupportedOperationException("the in-memory view cannot evaluate " + stage);
  }

  /**
   * The order of {@code take}: ascending lower-case hex MD5 of {@code "<seed>:<id>"} (UTF-8),
   * which PostgreSQL computes with {@code md5()} and SQLite with a registered function.
   */
  public static String takeKey(long seed, String id) {
    try {
      byte[] digest = MessageDigest.getInstance("MD5")
          .digest((seed + ":" + id).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is a required JDK algorithm", e);
    }
  }

  private static List<Group> group(Stage.GroupBy g, List<Map<String, Object>> in) {
    // equal keys share a group exactly when the sort order finds them equal
    List<Map<String, Object>> byKey = in.stream()
        .sorted((a, b) -> InMemoryEvaluator.compareSortKeys(
            InMemoryEvaluator.evaluate(g.key(), a), InMemoryEvaluator.evaluate(g.key(), b), false))
        .toList();
    List<Group> groups = new ArrayList<>();
    List<Map<String, Object>> members = new ArrayList<>();
    Object key = null;
    for (Map<String, Object> s : byKey) {
      Object k = InMemoryEvaluator.evaluate(g.key(), s);
      if (!members.isEmpty() && InMemoryEvaluator.compareSortKeys(key, k, false) != 0) {
        groups.add(finish(g, key, members));
        members = new ArrayList<>();
      }
      if (members.isEmpty()) {
        key = k;
      }
      members.add(s);
    }
    if (!members.isEmpty()) {
      groups.add(finish(g, key, members));
    }
    return groups;
  }

  private static Group finish(Stage.GroupBy g, Object key, List<Map<String, Object>> members) {
    List<Map<String, Object>> ordered = g.orderBy()
        .map(o -> members.stream().sorted(InMemoryEvaluator.comparator(o, g.reverse())).toList())
        .orElse(members);
    return new Group(key, List.copyOf(ordered));
  }

  /**
   * Rejects excluding a default field.
   *
   * @throws IllegalArgumentException naming the field
   */
  static void checkExcludable(Stage.ExcludeFields s) {
    for (Expr.Field f : s.fields()) {
      if (f.path().size() == 1 && DEFAULT_FIELDS.contains(f.path().get(0))) {
        throw new IllegalArgumentException("cannot exclude the default field " + f);
      }
    }
  }

  /** A copy of {@code x} without {@code fields} (what {@code excludeFields} does to a sample). */
  static Map<String, Object> excludeFields(Map<String, Object> x, List<Expr.Field> fields) {
    Map<String, Object> copy = x;
    for (Expr.Field f : fields) {
      copy = without(copy, f.path());
    }
    return copy;
  }

  /** {@code x} with only the default fields and {@code fields} (what {@code selectFields} does). */
  static Map<String, Object> selectFields(Map<String, Object> x, List<Expr.Field> fields) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : x.entrySet()) {
      if (DEFAULT_FIELDS.contains(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    for (Expr.Field f : fields) {
      Object v = InMemoryEvaluator.resolve(f, x);
      if (v != null || has(x, f.path())) {
        put(out, f.path(), v);
      }
    }
    return out;
  }

  private static boolean has(Map<String, ?> x, List<String> path) {
    Object current = x;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> m) || !m.containsKey(key)) {
        return false;
      }
      current = m.get(key);
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> out, List<String> path, Object value) {
    Map<String, Object> current = out;
    for (String key : path.subList(0, path.size() - 1)) {
      Object next = current.get(key);
      Map<String, Object> child = next instanceof Map ? new LinkedHashMap<>((Map<String, Object>) next)
          : new LinkedHashMap<>();
      current.put(key, child);
      current = child;
    }
    current.put(path.get(path.size() - 1), value);
  }

  /** A copy of {@code x} without the value at {@code path}, copying only the maps on the path. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> without(Map<String, Object> x, List<String> path) {
    if (!x.containsKey(path.get(0))) {
      return x;
    }
    Map<String, Object> copy = new LinkedHashMap<>(x);
    if (path.size() == 1) {
      copy.remove(path.get(0));
    } else if (copy.get(path.get(0)) instanceof Map<?, ?> child) {
      copy.put(path.get(0), without((Map<String, Object>) child, path.subList(1, path.size())));
    }
    return copy;
  }

  /** The sample with only matching labels in {@code field}; null when it is to be dropped. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> filterLabels(Map<String, Object> x, Stage.FilterLabels s) {
    Object value = InMemoryEvaluator.resolve(s.field(), x);
    Object filtered = null;
    boolean any = false;
    if (value instanceof Map<?, ?> label) {
      Object type = label.get("_type");
      String listKey = type instanceof String t ? t.toLowerCase(Locale.ROOT) : null;
      if (listKey != null && label.get(listKey) instanceof List<?> list) {
        List<Object> kept = new ArrayList<>();
        for (Object item : list) {
          if (item instanceof Map<?, ?> m && InMemoryEvaluator.test(s.filter(), (Map<String, ?>) m)) {
            kept.add(item);
          }
        }
        Map<String, Object> container = new LinkedHashMap<>((Map<String, Object>) label);
        container.put(listKey, kept);
        filtered = container;
        any = !kept.isEmpty();
      } else if (InMemoryEvaluator.test(s.filter(), (Map<String, ?>) label)) {
        filtered = label;
        any = true;
      }
    }
    if (s.onlyMatches() && !any) {
      return null;
    }
    Map<String, Object> copy = new LinkedHashMap<>(x);
    if (value != null) {
      put(copy, s.field().path(), filtered);
    }
    return copy;
  }

  private static String id(Map<String, ?> sample) {
    Object id = sample.get("id");
    return id == null ? "" : id.toString();
  }

  private static <T> List<T> slice(List<T> in, long from, long count) {
    int start = (int) Math.min(in.size(), from);
    int end = (int) Math.min(in.size(), start + Math.min(count, Integer.MAX_VALUE));
    return List.copyOf(in.subList(start, end));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> copyOf(List<? extends Map<String, ?>> samples) {
    return List.copyOf((List<Map<String, Object>>) samples);
  }
}
