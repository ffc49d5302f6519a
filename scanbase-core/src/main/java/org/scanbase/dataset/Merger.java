// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Carries out {@link Dataset#mergeSamples(View, MergeOptions)}, a thousand samples at a time. */
final class Merger {
  private static final int BATCH = 1000;
  private static final Set<String> IDENTITY = Set.of("id", "filepath", "media_type");

  private final Dataset target;
  private final MergeOptions options;
  private final Map<Object, String> present = new HashMap<>();
  private final List<Sample> inserts = new ArrayList<>();
  private final Map<String, Sample> merges = new HashMap<>();
  private long inserted;
  private long merged;
  private long skipped;

  Merger(Dataset target, MergeOptions options) {
    this.target = target;
    this.options = options;
  }

  MergeResult merge(View other) {
    carrySchema(other.dataset());
    for (Sample s : target) {
      present.putIfAbsent(key(s), s.id());
    }
    for (Sample s : other) {
      Object key = key(s);
      String id = present.get(key);
      if (id == null) {
        if (options.insertNew()) {
          inserts.add(copy(s));
          present.put(key, "");
        } else {
          skipped++;
        }
      } else if (options.skipExisting() || id.isEmpty() || merges.containsKey(id)) {
        // id.isEmpty(): a second incoming sample with the key of one inserted in this merge
        skipped++;
      } else {
        merges.put(id, s);
      }
      if (inserts.size() + merges.size() >= BATCH) {
        flush();
      }
    }
    flush();
    return new MergeResult(inserted, merged, skipped);
  }

  /**
   * The source's declared field types (dates stay dates) and mask targets of the fields that
   * are merged; mask targets the target already has for a field are kept.
   */
  private void carrySchema(Dataset source) {
    Map<String, String> types = new java.util.LinkedHashMap<>();
    source.reload().schema().forEach((path, type) -> {
      String top = path.split("\\.", 2)[0];
      if (options.fields() == null || options.fields().contains(top) || IDENTITY.contains(top)
          || top.equals("tags") || top.equals("metadata")) {
        types.put(path, type);
      }
    });
    target.mergeSchema(types);
    source.maskTargets().forEach((field, targets) -> {
      if ((options.fields() == null || options.fields().contains(field))
          && !target.reload().maskTargets().containsKey(field)) {
        Map<Integer, String> byValue = new java.util.LinkedHashMap<>();
        targets.forEach((value, name) -> byValue.put(Integer.parseInt(value), name));
        target.setMaskTargets(field, byValue);
      }
    });
  }

  private Object key(Sample s) {
    Object k = options.key().apply(s);
    // numbers compare by value whatever their Java class
    return k instanceof Number n && !(k instanceof Double) ? (Object) n.longValue() : k;
  }

  private static Sample copy(Sample s) {
    Map<String, Object> doc = s.toMap();
    doc.remove("id");
    Sample copy = Sample.fromDoc(null, doc, false);
    if (s.mediaType() != MediaType.IMAGE) {
      for (Frame f : s.frames()) {
        Frame to = copy.frames().get(f.number());
        f.toMap().forEach((k, v) -> {
          if (!k.equals("id") && !k.equals("sample_id") && !k.equals("frame_number")) {
            to.doc().put(k, v);
          }
        });
      }
    }
    return copy;
  }

  private void flush() {
    if (!inserts.isEmpty()) {
      target.addSamples(inserts);
      inserted += inserts.size();
      inserts.clear();
    }
    if (!merges.isEmpty()) {
      List<Map<String, Object>> docs = new ArrayList<>();
      Map<String, String> schema = new java.util.LinkedHashMap<>();
      for (Map<String, Object> doc : target.store().byIds(target.name(), new ArrayList<>(merges.keySet()))) {
        mergeInto(doc, merges.get((String) doc.get("id")).toMap());
        FieldTypes.infer(doc, schema);
        docs.add(doc);
      }
      target.store().saveSamples(target.name(), docs);
      target.mergeSchema(schema);
      merged += docs.size();
      merges.clear();
    }
  }

  @SuppressWarnings("unchecked")
  private void mergeInto(Map<String, Object> doc, Map<String, Object> incoming) {
    incoming.forEach((field, value) -> {
      if (IDENTITY.contains(field) || value == null
          || options.fields() != null && !options.fields().contains(field)) {
        return;
      }
      Object old = doc.get(field);
      if (options.mergeLists() && old instanceof List<?> a && value instanceof List<?> b) {
        LinkedHashSet<Object> union = new LinkedHashSet<>((List<Object>) a);
        union.addAll(b);
        doc.put(field, new ArrayList<>(union));
      } else {
        doc.put(field, value);
      }
    });
  }
}
