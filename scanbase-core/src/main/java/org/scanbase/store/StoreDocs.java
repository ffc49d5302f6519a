// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scanbase.view.ViewSpec;

/**
 * What the SQL stores share besides SQL: the stored form of a {@link DatasetRecord}, sample and
 * frame documents as they are written, the checks on writes and index names. For
 * {@link Store} implementations; nothing else needs it.
 */
public final class StoreDocs {
  /** Schema types whose values are never lists or documents. */
  public static final Set<String> SCALAR_TYPES = Set.of("int", "float", "string", "bool", "date", "datetime");

  private StoreDocs() {}

  /** The document kept in a store's {@code datasets.doc} for a record. */
  public static Map<String, Object> recordDoc(DatasetRecord r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("fields", r.fields());
    doc.put("mask_targets", r.maskTargets());
    doc.put("info", r.info());
    doc.put("app_config", r.appConfig());
    doc.put("persistent", r.persistent());
    return doc;
  }

  /** A record from its columns and the document of {@link #recordDoc}. */
  @SuppressWarnings("unchecked")
  public static DatasetRecord record(String name, String mediaType, String createdAt, Map<String, Object> doc) {
    return new DatasetRecord(name, mediaType, createdAt,
        (Map<String, String>) doc.get("fields"),
        (Map<String, Map<String, String>>) doc.get("mask_targets"),
        (Map<String, Object>) doc.get("info"),
        (Map<String, Object>) doc.get("app_config"),
        !Boolean.FALSE.equals(doc.get("persistent")));
  }

  /** The document with {@code id} first and any other {@code id} dropped. */
  public static Map<String, Object> withId(String id, Map<String, Object> doc) {
    Map<String, Object> out = new LinkedHashMap<>(doc.size() + 1);
    out.put("id", id);
    doc.forEach((k, v) -> {
      if (!"id".equals(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /**
   * The stored document of a frame: {@code id}, {@code sample_id}, {@code frame_number}, then
   * the frame's own fields.
   *
   * @throws IllegalArgumentException when it has no {@code frame_number >= 1}
   */
  public static Map<String, Object> frameDoc(String sampleId, Map<String, Object> frame) {
    if (!(frame.get("frame_number") instanceof Number n) || n.longValue() < 1) {
      throw new IllegalArgumentException("a frame needs a frame_number >= 1, got " + frame.get("frame_number"));
    }
    long number = n.longValue();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", SampleIds.frame(sampleId, number));
    doc.put("sample_id", sampleId);
    doc.put("frame_number", number);
    frame.forEach((k, v) -> {
      if (!k.equals("id") && !k.equals("sample_id") && !k.equals("frame_number")) {
        doc.put(k, v);
      }
    });
    return doc;
  }

  /**
   * The ids of documents to copy ({@link Store#copySamples}), checked: 24 lower-case hex
   * digits, increasing, all above {@code lastId} (null for an empty dataset).
   */
  public static List<String> copiedIds(List<Map<String, Object>> docs, String lastId) {
    List<String> ids = new java.util.ArrayList<>(docs.size());
    String previous = lastId;
    for (Map<String, Object> doc : docs) {
      if (!(doc.get("id") instanceof String id) || !id.matches("[0-9a-f]{24}")) {
        throw new IllegalArgumentException("a copied sample needs an id of 24 lower-case hex digits, got "
            + doc.get("id"));
      }
      if (previous != null && id.compareTo(previous) <= 0) {
        throw new IllegalArgumentException("copied sample " + id + " does not come after " + previous);
      }
      ids.add(id);
      previous = id;
    }
    return ids;
  }

  /** Refuses to set or unset an empty path, the id, or through a frames view. */
  public static void checkWritable(ViewSpec view, List<String> path) {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("empty field path");
    }
    if (path.size() == 1 && path.get(0).equals("id")) {
      throw new IllegalArgumentException("the sample id cannot be changed");
    }
    checkSampleView(view);
  }

  /** Refuses a frames view where samples are written. */
  public static void checkSampleView(ViewSpec view) {
    if (view.showsFrames()) {
      throw new IllegalArgumentException("a frames view (toFrames) cannot be written through; edit the frames");
    }
  }

  /** The name of the index on {@code expression} in dataset {@code datasetId}. */
  public static String indexName(long datasetId, String expression) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(expression.getBytes(StandardCharsets.UTF_8));
      return "idx_" + datasetId + "_" + HexFormat.of().formatHex(h, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
    }
  }
}
