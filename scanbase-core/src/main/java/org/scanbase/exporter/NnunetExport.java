// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.volume.Volume;

/**
 * The nnU-Net v2 raw dataset layout (nnU-Net's {@code dataset_format.md}): {@code imagesTr/<CASE>_0000.nii.gz}
 * (one channel), {@code labelsTr/<CASE>.nii.gz} and {@code dataset.json} with {@code channel_names},
 * {@code labels} (name -> consecutive integer, background 0), {@code numTraining} and
 * {@code file_ending}; plus {@code cases.csv} ({@code case,sample_id,path,patient_id,study_date}).
 *
 * <p>The label volume is built from the chosen fields in order: each (field, value) pair gets the
 * next integer from 1 (values in the field's mask targets first, in ascending order, then values
 * found in the data); where fields overlap, the later field wins. Label names are the mask
 * targets' names ("label N" without one), prefixed with {@code "<field>: "} when two fields share a
 * name. Cases without any of the fields are skipped. The channel is named after the Modality
 * field, else {@code CT} when the first image holds values at or below -500 (Hounsfield air, so
 * that nnU-Net applies its CT normalisation), else {@code image}.
 */
final class NnunetExport implements CaseWriter {
  private final Path out;
  private final List<String> fields;
  private final ManifestFields identity;
  private final Map<String, Map<Integer, String>> targets = new LinkedHashMap<>();
  /** field -> value -> nnU-Net label. */
  private final Map<String, Map<Integer, Integer>> ids = new LinkedHashMap<>();
  private final Map<String, Integer> labels = new LinkedHashMap<>();
  private final Csv cases = new Csv("case", "sample_id", "path", "patient_id", "study_date");
  private String channel;
  private int count;

  NnunetExport(Path out, Dataset ds, List<String> fields, ManifestFields identity, ExportReport report) {
    this.out = out;
    this.fields = fields;
    this.identity = identity;
    labels.put("background", 0);
    Map<String, Map<String, String>> all = ds.maskTargets();
    for (String f : fields) {
      Map<Integer, String> t = new TreeMap<>();
      all.getOrDefault(f, Map.of()).forEach((k, v) -> t.put(Integer.parseInt(k), v));
      targets.put(f, t);
      ids.put(f, new LinkedHashMap<>());
      t.forEach((value, name) -> id(f, value));
    }
  }

  /** The nnU-Net label of a field's value, assigned on first sight. */
  private int id(String field, int value) {
    return ids.get(field).computeIfAbsent(value, v -> {
      String name = targets.get(field).getOrDefault(v, "label " + v);
      if (labels.containsKey(name)) {
        name = field + ": " + name;
      }
      int next = labels.size();
      labels.put(name, next);
      return next;
    });
  }

  @Override
  public long write(ExportCase c, String name) throws IOException {
    if (fields.stream().noneMatch(c.labels()::containsKey)) {
      throw new IOException("has none of the label fields " + fields);
    }
    if (channel == null) {
      channel = channelName(c);
    }
    int[] s = c.image().geometry().size();
    NdArray merged = NdArray.allocate(DType.UINT16, new int[] {s[2], s[1], s[0]});
    for (String f : fields) {
      Volume v = c.labels().get(f);
      if (v == null) {
        continue;
      }
      // label volumes are uint8 or uint16 (CaseLoader): a lookup table from value to nnU-Net label
      int[] table = new int[v.voxels().dtype() == DType.UINT8 ? 256 : 65536];
      short[] to = (short[]) merged.data();
      if (v.voxels().data() instanceof byte[] from) {
        for (int i = 0; i < from.length; i++) {
          int value = from[i] & 0xFF;
          if (value != 0) {
            to[i] = (short) (table[value] != 0 ? table[value] : (table[value] = id(f, value)));
          }
        }
      } else {
        short[] from = (short[]) v.voxels().data();
        for (int i = 0; i < from.length; i++) {
          int value = from[i] & 0xFFFF;
          if (value != 0) {
            to[i] = (short) (table[value] != 0 ? table[value] : (table[value] = id(f, value)));
          }
        }
      }
    }
    NdArray label = merged;
    if (labels.size() <= 256) {
      label = NdArray.allocate(DType.UINT8, merged.shape());
      short[] from = (short[]) merged.data();
      byte[] to = (byte[]) label.data();
      for (int i = 0; i < from.length; i++) {
        to[i] = (byte) from[i];
      }
    }
    MediaFiles.writeVolume(out.resolve("imagesTr").resolve(name + "_0000.nii.gz"), c.image());
    MediaFiles.writeVolume(out.resolve("labelsTr").resolve(name + ".nii.gz"), Volume.of(label, c.image().geometry()));
    CasePlan p = c.plan();
    cases.row(name, String.join(";", p.sampleIds()), identity.source(p), identity.patientId(p), identity.studyDate(p));
    count++;
    return 2;
  }

  private static String channelName(ExportCase c) {
    Object modality = c.plan().fields().get("Modality");
    if (modality != null && !modality.toString().isBlank()) {
      return modality.toString();
    }
    NdArray v = c.image().voxels();
    for (int i = 0; i < v.size(); i++) {
      if (v.getDouble(i) * c.image().slope() + c.image().intercept() <= -500) {
        return "CT";
      }
    }
    return "image";
  }

  @Override
  public long finish() throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("channel_names", Map.of("0", channel == null ? "image" : channel));
    json.put("labels", labels);
    json.put("numTraining", count);
    json.put("file_ending", ".nii.gz");
    json.put("name", out.getFileName().toString());
    json.put("description", "exported by scanbase from the label fields " + new ArrayList<>(fields));
    byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json);
    MediaFiles.atomically(out.resolve("dataset.json"), tmp -> java.nio.file.Files.write(tmp, bytes));
    cases.write(out.resolve("cases.csv"));
    return 2;
  }
}
