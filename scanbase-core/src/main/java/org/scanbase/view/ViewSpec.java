// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.ArrayList;
import java.util.List;

/**
 * A view as data: an immutable list of {@link Stage}s applied in order to a dataset's samples.
 * {@link #then(Stage)} returns a longer spec and leaves this one unchanged. The JSON form is
 * an array of stages ({@link StageJson}), used in App URLs and for saved views.
 * <pre>{@code
 * ViewSpec spec = ViewSpec.of()
 *     .then(new Stage.Match(ExprParser.parse("Modality == \"MR\"")))
 *     .then(new Stage.SortBy(F.field("SliceLocation"), false));
 * String json = spec.toJson();   // [{"stage":"match","expr":{...}},{"stage":"sortBy",...}]
 * }</pre>
 */
public record ViewSpec(List<Stage> stages) {

  public ViewSpec {
    stages = List.copyOf(stages);
  }

  /** A spec of the given stages (none: the whole dataset). */
  public static ViewSpec of(Stage... stages) {
    return new ViewSpec(List.of(stages));
  }

  /** This spec followed by {@code stage}. */
  public ViewSpec then(Stage stage) {
    List<Stage> longer = new ArrayList<>(stages);
    longer.add(stage);
    return new ViewSpec(longer);
  }

  /**
   * True when a stage changes the documents themselves ({@code selectFields},
   * {@code excludeFields}, {@code filterLabels}): fetched documents then go through
   * {@link ViewSql#project}.
   */
  public boolean projects() {
    return stages.stream().anyMatch(s -> s instanceof Stage.SelectFields
        || s instanceof Stage.ExcludeFields || s instanceof Stage.FilterLabels);
  }

  /** True when the view shows frames ({@code toFrames}), not samples. */
  public boolean showsFrames() {
    return stages.stream().anyMatch(s -> s instanceof Stage.ToFrames);
  }

  /** True when there are no stages. */
  public boolean isEmpty() {
    return stages.isEmpty();
  }

  /** The JSON array form. */
  public String toJson() {
    return StageJson.write(this);
  }

  /**
   * Reads the JSON array form.
   *
   * @throws IllegalArgumentException for malformed JSON or an unknown stage, naming where
   */
  public static ViewSpec fromJson(String json) {
    return StageJson.readSpec(json);
  }
}
