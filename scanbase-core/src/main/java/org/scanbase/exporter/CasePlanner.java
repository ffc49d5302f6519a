// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scanbase.dataset.MediaType;
import org.scanbase.dataset.Sample;
import org.scanbase.dataset.View;
import org.scanbase.label.Labels;

/**
 * Turns a view into {@link CasePlan}s in view order: each volume sample is a case; slice samples
 * (media type image, from {@code import dicom --as slices}) are grouped by their
 * {@code volume_id} into one case per series, each slice's 2D masks keyed by its SOPInstanceUID
 * so that they land on the right slice of the assembled volume whatever the view's order.
 * Only file paths and a few fields are kept, never voxels.
 */
final class CasePlanner {
  private static final List<String> KEPT = List.of("PatientID", "StudyDate", "Modality", "WindowCenter",
      "WindowWidth", "SOPClassUID");

  private CasePlanner() {}

  /**
   * The cases of the view restricted to {@code fields} (every Segmentation field when empty).
   *
   * @param skipped receives samples that cannot make a case, with the reason
   */
  static List<CasePlan> plan(View view, List<String> fields, Map<String, String> skipped) {
    Map<String, Builder> byVolume = new LinkedHashMap<>();
    List<Builder> order = new ArrayList<>();
    for (Sample s : view) {
      if (s.mediaType() == MediaType.VOLUME) {
        Builder b = new Builder(s);
        b.volume(s, fields);
        order.add(b);
      } else if (s.mediaType() == MediaType.IMAGE) {
        Object volumeId = s.get("volume_id");
        Object sop = s.get("SOPInstanceUID");
        if (volumeId == null || sop == null) {
          skipped.put(s.filepath(), "a slice sample needs volume_id and SOPInstanceUID (import dicom --as slices)");
          continue;
        }
        Builder b = byVolume.get(volumeId.toString());
        if (b == null) {
          b = new Builder(s);
          byVolume.put(volumeId.toString(), b);
          order.add(b);
        }
        b.slice(s, sop.toString(), fields);
      } else {
        skipped.put(s.filepath(), "media type " + s.mediaType().code() + " cannot be exported as volumes");
      }
    }
    List<CasePlan> out = new ArrayList<>();
    for (Builder b : order) {
      out.add(b.build());
    }
    return out;
  }

  private static final class Builder {
    final List<String> ids = new ArrayList<>();
    final String source;
    final List<Path> dicomFiles = new ArrayList<>();
    final Map<String, String> volumeMasks = new LinkedHashMap<>();
    final Map<String, Map<String, String>> sliceMasks = new LinkedHashMap<>();
    final Map<String, Object> fields = new LinkedHashMap<>();

    Builder(Sample first) {
      source = first.filepath();
      for (String k : KEPT) {
        Object v = first.get(k);
        if (v != null) {
          fields.put(k, v);
        }
      }
    }

    void volume(Sample s, List<String> wanted) {
      ids.add(s.id());
      Object files = s.metadata().get("files");
      if (files instanceof List<?> list && !list.isEmpty()) {
        list.forEach(f -> dicomFiles.add(Path.of(f.toString())));
      }
      for (String field : segmentationFields(s, wanted)) {
        Object path = ((Map<?, ?>) s.get(field)).get("mask_path");
        volumeMasks.put(field, path == null ? "" : path.toString());
      }
    }

    void slice(Sample s, String sop, List<String> wanted) {
      ids.add(s.id());
      dicomFiles.add(Path.of(s.filepath()));
      for (String field : segmentationFields(s, wanted)) {
        Object path = ((Map<?, ?>) s.get(field)).get("mask_path");
        sliceMasks.computeIfAbsent(field, k -> new LinkedHashMap<>()).put(sop, path == null ? "" : path.toString());
      }
    }

    CasePlan build() {
      return new CasePlan(ids, source, dicomFiles, volumeMasks, sliceMasks, fields);
    }
  }

  /** The sample's Segmentation fields among {@code wanted} (all of them when empty), in document order. */
  static List<String> segmentationFields(Sample s, List<String> wanted) {
    List<String> out = new ArrayList<>();
    if (wanted.isEmpty()) {
      for (Map.Entry<String, Object> e : s.toMap().entrySet()) {
        if (Labels.typeOf(e.getValue()).filter("Segmentation"::equals).isPresent()) {
          out.add(e.getKey());
        }
      }
    } else {
      for (String f : wanted) {
        if (Labels.typeOf(s.get(f)).filter("Segmentation"::equals).isPresent()) {
          out.add(f);
        }
      }
    }
    return out;
  }
}
