// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dataset;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.scanbase.label.Label;
import org.scanbase.label.Labels;

/**
 * One sample: a source file (never modified) with its media type, tags, metadata, dynamic
 * fields and labels. Fields are read and written by name or dotted path
 * ({@code "SliceLocation"}, {@code "metadata.width"}); changes stay in this object until
 * {@link #save()}. A sample made with {@link #of(Path)} belongs to no dataset until it is added.
 *
 * <pre>{@code
 * Sample s = Sample.of(Path.of("MR000001.dcm"))
 *     .set("PatientID", "P01").set("SliceLocation", -12.5).set("StudyDate", LocalDate.of(2020, 3, 1));
 * ds.addSample(s);
 * s.set("Hippocampus_L", Segmentation.ofMask(maskPng)).save();
 * }</pre>
 */
public final class Sample {
  private static final List<String> DEFAULT_FIELDS = List.of("id", "filepath", "media_type", "tags", "metadata");

  private Dataset dataset;
  private final Map<String, Object> doc;
  private final Map<String, String> declared = new LinkedHashMap<>();
  private Frames frames;
  private final boolean readOnly;

  private Sample(Dataset dataset, Map<String, Object> doc, boolean readOnly) {
    this.dataset = dataset;
    this.doc = doc;
    this.readOnly = readOnly;
  }

  /** A new sample for {@code filepath} (made absolute), its media type guessed from the name. */
  public static Sample of(Path filepath) {
    return of(filepath, MediaType.of(filepath));
  }

  /** A new sample for {@code filepath} (made absolute) of the given media type. */
  public static Sample of(Path filepath, MediaType mediaType) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("filepath", filepath.toAbsolutePath().normalize().toString());
    doc.put("media_type", mediaType.code());
    doc.put("tags", new ArrayList<>());
    doc.put("metadata", new LinkedHashMap<>());
    return new Sample(null, doc, false);
  }

  /** A sample read from a store document; {@code readOnly} for frames seen as samples. */
  static Sample fromDoc(Dataset dataset, Map<String, Object> doc, boolean readOnly) {
    return new Sample(dataset, Docs.deepCopy(doc), readOnly);
  }

  /** The id the dataset gave it, or null before it is added. */
  public String id() {
    return (String) doc.get("id");
  }

  /** The absolute path of the source file. */
  public String filepath() {
    return (String) doc.get("filepath");
  }

  public MediaType mediaType() {
    Object t = doc.get("media_type");
    return t instanceof String s ? MediaType.fromCode(s) : MediaType.IMAGE;
  }

  /** The sample's tags (a copy). */
  public List<String> tags() {
    return doc.get("tags") instanceof List<?> l
        ? l.stream().map(String::valueOf).toList() : List.of();
  }

  /** The metadata document (size, spacing, frames...), a read-only view. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> metadata() {
    return doc.get("metadata") instanceof Map<?, ?> m
        ? Collections.unmodifiableMap((Map<String, Object>) m) : Map.of();
  }

  /** The dataset it belongs to, if any. */
  public Optional<Dataset> dataset() {
    return Optional.ofNullable(dataset);
  }

  /** The value at a field or dotted path: null, Boolean, Long, Double, String, List or Map. */
  public Object get(String path) {
    return Docs.get(doc, path);
  }

  /** True when the field is present (even if null). */
  public boolean has(String path) {
    return Docs.has(doc, path);
  }

  /** The field as a date, when it holds an ISO date (or date-time) string. */
  public Optional<LocalDate> getDate(String path) {
    return get(path) instanceof String s && s.length() >= 10
        ? Optional.of(LocalDate.parse(s.substring(0, 10))) : Optional.empty();
  }

  /** The field as a date-time, when it holds an ISO date-time string. */
  public Optional<LocalDateTime> getDateTime(String path) {
    return get(path) instanceof String s && s.contains("T") ? Optional.of(LocalDateTime.parse(s)) : Optional.empty();
  }

  /**
   * The label in a field.
   *
   * @throws IllegalArgumentException when the field holds something else
   */
  @SuppressWarnings("unchecked")
  public <T extends Label> Optional<T> label(String path, Class<T> type) {
    Object v = get(path);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Map<?, ?> m) || Labels.typeOf(m).isEmpty()) {
      throw new IllegalArgumentException("field " + path + " of sample " + id() + " holds no label");
    }
    Label label = Labels.fromDoc((Map<String, ?>) m);
    if (!type.isInstance(label)) {
      throw new IllegalArgumentException("field " + path + " holds a " + m.get("_type") + ", not a "
          + type.getSimpleName());
    }
    return Optional.of(type.cast(label));
  }

  /**
   * Sets a field or dotted path. Values: null, booleans, numbers, strings, dates and times
   * (kept as ISO-8601 strings, the schema records {@code date}/{@code datetime}), paths, lists,
   * maps, and {@link Label}s.
   *
   * @throws IllegalArgumentException for {@code id}, a bad path or a value with no document form
   */
  public Sample set(String path, Object value) {
    checkWritable();
    if (path.equals("id")) {
      throw new IllegalArgumentException("the sample id cannot be set");
    }
    if (path.equals("media_type")) {
      MediaType.fromCode(String.valueOf(value));
    }
    Docs.put(doc, path, Docs.toValue(value));
    String type = Docs.declaredType(value);
    if (type != null) {
      declared.put(path, type);
    }
    return this;
  }

  /**
   * Removes a field (the default fields cannot be removed).
   *
   * @return this sample
   */
  public Sample remove(String path) {
    checkWritable();
    if (DEFAULT_FIELDS.contains(path)) {
      throw new IllegalArgumentException("the default field " + path + " cannot be removed");
    }
    Docs.remove(doc, path);
    return this;
  }

  /** Adds tags (each once). */
  public Sample tag(String... tags) {
    checkWritable();
    LinkedHashSet<String> all = new LinkedHashSet<>(tags());
    Collections.addAll(all, tags);
    doc.put("tags", new ArrayList<>(all));
    return this;
  }

  /** Removes tags. */
  public Sample untag(String... tags) {
    checkWritable();
    List<String> kept = new ArrayList<>(tags());
    kept.removeAll(List.of(tags));
    doc.put("tags", kept);
    return this;
  }

  /**
   * The frames of a volume or video sample (1 = first slice along the slice normal), loaded on
   * first use.
   */
  public Frames frames() {
    if (frames == null) {
      frames = new Frames(this);
    }
    return frames;
  }

  /**
   * Writes this sample (and its frames, when they were touched) to its dataset.
   *
   * @throws IllegalStateException when it belongs to no dataset
   */
  public Sample save() {
    checkWritable();
    if (dataset == null || id() == null) {
      throw new IllegalStateException("sample " + filepath() + " belongs to no dataset: add it first");
    }
    dataset.saveSample(this);
    return this;
  }

  /** The flat document form (a deep copy), as {@code query --json} prints it. */
  public Map<String, Object> toMap() {
    return Docs.deepCopy(doc);
  }

  // ---- for Dataset ----------------------------------------------------------------------

  Map<String, Object> doc() {
    return doc;
  }

  Map<String, String> declaredTypes() {
    return declared;
  }

  Frames loadedFrames() {
    return frames;
  }

  void attach(Dataset ds, String id) {
    this.dataset = ds;
    Map<String, Object> copy = new LinkedHashMap<>();
    copy.put("id", id);
    doc.remove("id");
    copy.putAll(doc);
    doc.clear();
    doc.putAll(copy);
  }

  private void checkWritable() {
    if (readOnly) {
      throw new UnsupportedOperationException("a frame seen as a sample (toFrames) is read-only; edit sample.frames()");
    }
  }

  @Override
  public String toString() {
    return "Sample{id=" + id() + ", filepath=" + filepath() + "}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sample s && doc.equals(s.doc);
  }

  @Override
  public int hashCode() {
    return Objects.hash(doc);
  }
}
