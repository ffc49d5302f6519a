// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Thirty-two sample documents and some frames for the view agreement tests: mixed value
 * classes, missing and null fields, ties, lists, nested documents, label containers and single
 * labels. Eight are written out; the rest are drawn from value pools with a fixed seed. Ids
 * are 24 hex digits increasing with insertion, as the store makes them.
 */
final class ViewFixtureData {
  /** Marks a field that the document does not have. */
  private static final Object MISSING = new Object();

  private ViewFixtureData() {}

  /** The sample id of the {@code i}-th document (0-based). */
  static String id(int i) {
    return String.format("65f0a3c1%016x", i + 1);
  }

  /** Sample JSON by id, in insertion order. */
  static Map<String, String> samples() {
    List<String> written = List.of(
        """
        {"PatientID": "P1", "SliceLocation": 2.0, "Modality": "MR", "InstanceNumber": 1,
         "tags": ["review", "train"], "metadata": {"width": 256, "height": 256},
         "gt": {"_type": "Detections", "detections": [
             {"_type": "Detection", "label": "tumor", "confidence": 0.9},
             {"_type": "Detection", "label": "cyst", "confidence": 0.3}]},
         "seg": {"_type": "Segmentation", "mask_path": "/m/0.png", "pixels": 120},
         "stats": {"volume": 12.5}}""",
        """
        {"PatientID": 7, "SliceLocation": 2, "Modality": "CT", "InstanceNumber": 1, "tags": [],
         "gt": {"_type": "Classification", "label": "tumor", "confidence": 0.6},
         "stats": {"volume": [1, 2]}}""",
        """
        {"PatientID": 7.0, "SliceLocation": "5", "InstanceNumber": 2, "tags": ["test"],
         "gt": {"_type": "Detections", "detections": []}, "stats": {"volume": "big"}}""",
        """
        {"PatientID": null, "SliceLocation": true, "Modality": "MR", "tags": ["review"],
         "gt": {"_type": "Detections", "detections": "not a list", "label": "tumor"},
         "metadata": {"width": 512}}""",
        """
        {"PatientID": ["P1"], "SliceLocation": [1, 2], "Modality": "MR", "InstanceNumber": 3,
         "tags": ["train"], "gt": "none", "weird key": {"it's": 1, "a\\"b": 2}}""",
        """
        {"PatientID": {"name": "P9"}, "SliceLocation": {"x": 1}, "Modality": "CT",
         "tags": ["review"], "gt": {"_type": "Detections", "detections": [
             {"_type": "Detection", "label": "edema", "confidence": 0.95, "tags": ["hard"]},
             "not a label", {"_type": "Detection", "label": "tumor"}]}}""",
        """
        {"SliceLocation": -0.0, "Modality": "MR", "InstanceNumber": 2, "tags": ["train", "test"],
         "seg": {"_type": "Segmentation", "pixels": 0}, "gt": null, "stats": {"volume": 3}}""",
        """
        {"PatientID": "P10", "SliceLocation": false, "Modality": "MR'; DROP TABLE samples; --",
         "InstanceNumber": 5, "tags": ["review"], "`odd`.name": 1}""");
    Map<String, String> out = new LinkedHashMap<>();
    for (String json : written) {
      out.put(id(out.size()), withDefaults(out.size(), json));
    }
    Random random = new Random(20240611);
    List<Object> patients = List.of("P1", "P2", "P3", "P10", "P2", MISSING, 7L);
    List<Object> slices = List.of(-10.5, 0L, 3.25, 10L, 2.0, 100L, "abc", MISSING, 3.25, -10.5);
    List<Object> modalities = List.of("MR", "MR", "CT", MISSING);
    List<String> labels = List.of("tumor", "cyst", "edema");
    while (out.size() < 32) {
      Map<String, Object> doc = new LinkedHashMap<>();
      put(doc, "PatientID", pick(random, patients));
      put(doc, "SliceLocation", pick(random, slices));
      put(doc, "Modality", pick(random, modalities));
      doc.put("InstanceNumber", (long) random.nextInt(4));
      List<String> tags = new ArrayList<>();
      for (String tag : List.of("review", "train", "test")) {
        if (random.nextInt(3) == 0) {
          tags.add(tag);
        }
      }
      doc.put("tags", tags);
      if (random.nextBoolean()) {
        doc.put("metadata", doc("width", random.nextBoolean() ? 256L : 512L, "height", 256L));
      }
      int kind = random.nextInt(4);
      if (kind < 2) {
        List<Object> detections = new ArrayList<>();
        for (int d = random.nextInt(4); d > 0; d--) {
          detections.add(doc("_type", "Detection", "label", pick(random, labels),
              "confidence", random.nextInt(100) / 100.0));
        }
        doc.put("gt", doc("_type", "Detections", "detections", detections));
      } else if (kind == 2) {
        doc.put("gt", doc("_type", "Classification", "label", pick(random, labels),
            "confidence", random.nextInt(100) / 100.0));
      }
      if (random.nextBoolean()) {
        doc.put("stats", doc("volume", random.nextInt(5) * 1.5));
      }
      out.put(id(out.size()), withDefaults(out.size(), JsonText.value(doc)));
    }
    return out;
  }

  /** Frames of samples 0, 1, 3 and 9, inserted out of frame order. */
  static List<String> frames() {
    List<String> out = new ArrayList<>();
    frame(out, 3, 2, "{\"area\": 4.5, \"tags\": [\"edge\"]}");
    frame(out, 0, 3, "{\"area\": 1.0}");
    frame(out, 0, 1, "{\"area\": 2, \"tags\": null}");
    frame(out, 3, 1, "{\"area\": 4.5, \"lesion\": {\"_type\": \"Classification\", \"label\": \"tumor\"}}");
    frame(out, 0, 2, "{\"tags\": [\"edge\", \"review\"]}");
    frame(out, 1, 1, "{\"area\": -3}");
    frame(out, 9, 2, "{\"area\": 0.5}");
    frame(out, 9, 1, "{\"area\": \"n/a\"}");
    frame(out, 3, 3, "{\"area\": 7}");
    return out;
  }

  private static void frame(List<String> out, int sample, int number, String fieldsJson) {
    String sampleId = id(sample);
    String id = sampleId + "f" + String.format("%06d", number);
    out.add("{\"id\": \"" + id + "\", \"sample_id\": \"" + sampleId + "\", \"frame_number\": " + number
        + ", " + fieldsJson.substring(1));
  }

  /** The document with {@code id}, {@code filepath} and {@code media_type} first. */
  private static String withDefaults(int i, String json) {
    return "{\"id\": \"" + id(i) + "\", \"filepath\": \"/data/slice" + i + ".dcm\", \"media_type\": \"image\", "
        + json.strip().substring(1);
  }

  /** A document with keys in the given order. */
  private static Map<String, Object> doc(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  private static void put(Map<String, Object> doc, String key, Object value) {
    if (value != MISSING) {
      doc.put(key, value);
    }
  }

  private static <T> T pick(Random random, List<T> pool) {
    return pool.get(random.nextInt(pool.size()));
  }
}
