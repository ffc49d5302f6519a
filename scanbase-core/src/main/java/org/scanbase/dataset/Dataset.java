// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dataset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scanbase.store.DatasetRecord;
import org.scanbase.store.Store;
import org.scanbase.view.F;
import org.scanbase.view.ViewSpec;

/**
 * A named, persistent collection of samples: the view of all of them, plus what belongs to the
 * dataset itself — media type, field schema (declared and inferred), mask targets per
 * Segmentation field, info, saved views and indexes. Get one from {@link Datasets} (or a
 * {@link Catalog}).
 *
 * <pre>{@code
 * Dataset ds = Datasets.create("Patient1Scans");
 * ds.addSamples(samples);
 * View view = ds.sortBy("SliceLocation").match(F.field("Modality").eq("MR"));
 * for (Sample s : view) { s.set("Hippocampus_L", Segmentation.ofMask(path)); s.save(); }
 * Dataset all = Datasets.create("Hippocampal Contouring");
 * all.mergeSamples(ds);
 * }</pre>
 */
public final class Dataset extends View {
  private final Catalog catalog;
  private final String name;
  private volatile DatasetRecord record;

  Dataset(Catalog catalog, DatasetRecord record) {
    super(null, ViewSpec.of());
    this.catalog = catalog;
    this.name = record.name();
    this.record = record;
  }

  public String name() {
    return name;
  }

  public MediaType mediaType() {
    return MediaType.fromCode(record.mediaType());
  }

  @Override
  Store store() {
    return catalog.store();
  }

  Catalog catalog() {
    return catalog;
  }

  /** Reads the dataset's record again (another process may have changed it). */
  public Dataset reload() {
    record = store().dataset(name).orElseThrow(() ->
        new org.scanbase.store.StoreException("dataset '" + name + "' was deleted"));
    return this;
  }

  /** The field schema: path to type ({@link FieldTypes}), default fields included. */
  public Map<String, String> schema() {
    return record.fields();
  }

  /** Mask targets per Segmentation field: label value to name. */
  public Map<String, Map<String, String>> maskTargets() {
    return record.maskTargets();
  }

  /** Sets the mask targets of a field ({@code 1 -> "left lung"}), replacing earlier ones. */
  public synchronized void setMaskTargets(String field, Map<Integer, String> targets) {
    reload();
    Map<String, Map<String, String>> all = new LinkedHashMap<>(record.maskTargets());
    Map<String, String> named = new LinkedHashMap<>();
    targets.forEach((value, label) -> named.put(Integer.toString(value), label));
    all.put(field, named);
    record = record.withMaskTargets(all);
    store().updateDataset(record);
  }

  /**
   * Whether the dataset outlives the program: a non-persistent dataset is deleted when the
   * {@link Catalog} that holds it closes (for the default catalog, when the JVM exits).
   * Datasets are persistent unless made otherwise.
   */
  public boolean persistent() {
    return record.persistent();
  }

  /** Makes the dataset persistent or not (see {@link #persistent()}). */
  public synchronized void setPersistent(boolean keep) {
    reload();
    record = record.withPersistent(keep);
    store().updateDataset(record);
  }

  /** Free information about the dataset. */
  public Map<String, Object> info() {
    return record.info();
  }

  /** Replaces the dataset's info. */
  public synchronized void setInfo(Map<String, Object> info) {
    reload();
    @SuppressWarnings("unchecked")
    Map<String, Object> value = (Map<String, Object>) Docs.toValue(info);
    record = record.withInfo(value);
    store().updateDataset(record);
  }

  /** App settings (grid fields, colours...). */
  public Map<String, Object> appConfig() {
    return record.appConfig();
  }

  /** Replaces the App settings. */
  public synchronized void setAppConfig(Map<String, Object> config) {
    reload();
    @SuppressWarnings("unchecked")
    Map<String, Object> value = (Map<String, Object>) Docs.toValue(config);
    record = record.withAppConfig(value);
    store().updateDataset(record);
  }

  // ---- samples --------------------------------------------------------------------------

  /** Adds one sample; it gets its id and belongs to this dataset afterwards. */
  public String addSample(Sample sample) {
    return addSamples(List.of(sample)).get(0);
  }

  /**
   * Adds samples with their frames in one transaction (all or none); each gets its id and
   * belongs to this dataset afterwards. The schema grows by the fields they bring.
   *
   * @return the new ids, in order
   */
  public List<String> addSamples(Collection<Sample> samples) {
    List<Sample> list = new ArrayList<>(samples);
    for (Sample s : list) {
      if (s.dataset().isPresent() && s.id() != null) {
        throw new IllegalArgumentException(s + " already belongs to dataset " + s.dataset().get().name());
      }
    }
    List<Map<String, Object>> docs = new ArrayList<>(list.size());
    List<List<Map<String, Object>>> frames = new ArrayList<>(list.size());
    for (Sample s : list) {
      docs.add(s.doc());
      frames.add(s.loadedFrames() == null ? null : s.loadedFrames().docs());
    }
    // the schema is inferred on another thread while the store writes the documents: both only
    // read them, and the samples are attached (their documents changed) after both are done
    java.util.concurrent.CompletableFuture<Map<String, String>> inferred =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> schemaOf(list, frames));
    List<String> ids = store().insertSamples(name, docs, frames);
    Map<String, String> schema = inferred.join();
    for (int i = 0; i < list.size(); i++) {
      list.get(i).attach(this, ids.get(i));
    }
    mergeSchema(schema);
    return ids;
  }

  /** The field types of new samples as they will be stored: each with its {@code id} first. */
  private static Map<String, String> schemaOf(List<Sample> samples, List<List<Map<String, Object>>> frames) {
    Map<String, String> schema = new LinkedHashMap<>();
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      schema.merge("id", "string", FieldTypes::merge);
      FieldTypes.infer(s.doc(), schema);
      schema.putAll(s.declaredTypes());
      if (frames.get(i) != null) {
        inferFrames(frames.get(i), schema);
      }
    }
    return schema;
  }

  void saveSample(Sample s) {
    List<Map<String, Object>> frames = s.loadedFrames() == null ? null : s.loadedFrames().docs();
    store().saveSamples(name, List.of(s.doc()), java.util.Collections.singletonList(frames));
    Map<String, String> schema = new LinkedHashMap<>();
    FieldTypes.infer(s.doc(), schema);
    schema.putAll(s.declaredTypes());
    if (frames != null) {
      inferFrames(frames, schema);
    }
    mergeSchema(schema);
  }

  private static void inferFrames(List<Map<String, Object>> frames, Map<String, String> schema) {
    Map<String, String> frameSchema = new LinkedHashMap<>();
    for (Map<String, Object> f : frames) {
      FieldTypes.infer(f, frameSchema);
    }
    frameSchema.forEach((path, type) -> schema.merge("frames." + path, type, FieldTypes::merge));
  }

  /**
   * Declares a field's type in the schema before any sample holds it (types as
   * {@link FieldTypes} names them: {@code float}, {@code date}, {@code Segmentation}...).
   */
  public void declareFieldType(String path, String type) {
    mergeSchema(Map.of(path, type));
  }

  void declareField(String path, Object value) {
    String type = Docs.declaredType(value);
    if (type == null) {
      type = FieldTypes.typeOf(Docs.toValue(value));
    }
    if (type != null) {
      mergeSchema(Map.of(path, type));
    }
  }

  /** Merges field types into the stored schema (if anything is new). */
  synchronized void mergeSchema(Map<String, String> more) {
    Map<String, String> current = new LinkedHashMap<>(record.fields());
    Map<String, String> merged = new LinkedHashMap<>(current);
    more.forEach((path, type) -> merged.merge(path, type, FieldTypes::merge));
    if (!merged.equals(current)) {
      reload();
      Map<String, String> fresh = new LinkedHashMap<>(record.fields());
      more.forEach((path, type) -> fresh.merge(path, type, FieldTypes::merge));
      record = record.withFields(fresh);
      store().updateDataset(record);
    }
  }

  /** The sample with this id. */
  public Optional<Sample> sample(String id) {
    List<Map<String, Object>> docs = store().byIds(name, List.of(id));
    return docs.isEmpty() ? Optional.empty() : Optional.of(Sample.fromDoc(this, docs.get(0), false));
  }

  /** Deletes the samples of a view of this dataset (with their frames); the number deleted. */
  public long deleteSamples(View view) {
    if (!view.dataset().name().equals(name)) {
      throw new IllegalArgumentException("the view is of dataset " + view.dataset().name() + ", not " + name);
    }
    return store().deleteSamples(name, view.spec());
  }

  /** Deletes a field from every sample and from the schema. */
  public synchronized void deleteField(String path) {
    unsetField(path);
    reload();
    Map<String, String> fields = new LinkedHashMap<>(record.fields());
    fields.keySet().removeIf(k -> k.equals(path) || k.startsWith(path + "."));
    Map<String, Map<String, String>> targets = new LinkedHashMap<>(record.maskTargets());
    targets.remove(path);
    record = record.withFields(fields).withMaskTargets(targets);
    store().updateDataset(record);
  }

  /**
   * Merges the samples of another view into this dataset ({@link MergeOptions}).
   *
   * @return how many samples were inserted, merged and skipped
   */
  public MergeResult mergeSamples(View other, MergeOptions options) {
    return new Merger(this, options).merge(other);
  }

  /** Merges with the default options: key filepath, merge existing, insert new, merge lists. */
  public MergeResult mergeSamples(View other) {
    return mergeSamples(other, MergeOptions.DEFAULTS);
  }

  // ---- saved views and indexes ----------------------------------------------------------

  /** The saved view of that name. */
  public Optional<View> savedView(String viewName) {
    ViewSpec spec = store().savedViews(name).get(viewName);
    return spec == null ? Optional.empty() : Optional.of(new View(this, spec));
  }

  /** The names of the saved views. */
  public List<String> savedViewNames() {
    return new ArrayList<>(store().savedViews(name).keySet());
  }

  /** Deletes a saved view; false when there is none of that name. */
  public boolean deleteSavedView(String viewName) {
    return store().deleteView(name, viewName);
  }

  /** Creates (if missing) the index serving filter, sort and group on a field; its name. */
  public String createIndex(String field) {
    return store().createIndex(name, F.field(field));
  }

  /** The indexes of this dataset. */
  public List<Store.IndexInfo> indexes() {
    return store().indexes(name);
  }

  /** Deletes this dataset with all its samples. */
  public void delete() {
    store().deleteDataset(name);
  }

  /** The view of all samples of this dataset. */
  public View view() {
    return new View(this, ViewSpec.of());
  }

  /** A view of this dataset with the given stages (e.g. read from JSON). */
  public View view(ViewSpec spec) {
    return new View(this, spec);
  }

  @Override
  public String toString() {
    return "Dataset{" + name + ", " + record.mediaType() + "}";
  }
}
