// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dataset;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * How {@link Dataset#mergeSamples(View, MergeOptions)} matches and combines samples, after
 * FiftyOne's {@code merge_samples}.
 *
 * @param key          what makes two samples the same: a function of the sample (default: its
 *                     filepath)
 * @param skipExisting leave samples that are already present untouched
 * @param insertNew    add the samples that are not present
 * @param fields       the fields to merge into present samples (null: all of them)
 * @param mergeLists   list fields (tags included) become the union of both, in order; otherwise
 *                     the incoming list replaces the present one
 */
public record MergeOptions(Function<Sample, Object> key, boolean skipExisting, boolean insertNew,
    List<String> fields, boolean mergeLists) {

  /** Key filepath, merge present samples, insert new ones, all fields, merge lists. */
  public static final MergeOptions DEFAULTS = new MergeOptions(Sample::filepath, false, true, null, true);

  public MergeOptions {
    Objects.requireNonNull(key, "key");
    fields = fields == null ? null : List.copyOf(fields);
  }

  /** These options with samples matched by a field's value instead. */
  public MergeOptions byField(String field) {
    return new MergeOptions(s -> s.get(field), skipExisting, insertNew, fields, mergeLists);
  }

  /** These options with another key function. */
  public MergeOptions withKey(Function<Sample, Object> newKey) {
    return new MergeOptions(newKey, skipExisting, insertNew, fields, mergeLists);
  }

  public MergeOptions withSkipExisting(boolean skip) {
    return new MergeOptions(key, skip, insertNew, fields, mergeLists);
  }

  public MergeOptions withInsertNew(boolean insert) {
    return new MergeOptions(key, skipExisting, insert, fields, mergeLists);
  }

  public MergeOptions withFields(List<String> only) {
    return new MergeOptions(key, skipExisting, insertNew, only, mergeLists);
  }

  public MergeOptions withMergeLists(boolean merge) {
    return new MergeOptions(key, skipExisting, insertNew, fields, merge);
  }
}
