// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a store keeps about a dataset besides its samples.
 *
 * @param name        unique name, as users type it ({@code "Hippocampal Contouring"})
 * @param mediaType   {@code image} (2D slices), {@code volume} or {@code video}
 * @param createdAt   ISO-8601 instant of creation
 * @param fields      the field schema, path to type ({@code "SliceLocation": "float"},
 *                    {@code "metadata.width": "int"}, {@code "Hippocampus_L": "Segmentation"})
 * @param maskTargets per Segmentation field, label value (as a decimal string) to name
 * @param info        free-form information about the dataset
 * @param appConfig   App settings (grid fields, colour scheme...)
 * @param persistent  false for a dataset that is deleted when the program that made it closes
 *                    its store (FiftyOne's non-persistent datasets); true by default here, since
 *                    the command line's datasets must outlive each command
 */
public record DatasetRecord(
    String name,
    String mediaType,
    String createdAt,
    Map<String, String> fields,
    Map<String, Map<String, String>> maskTargets,
    Map<String, Object> info,
    Map<String, Object> appConfig,
    boolean persistent) {

  public DatasetRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(createdAt, "createdAt");
    fields = copy(fields);
    Map<String, Map<String, String>> targets = new LinkedHashMap<>();
    if (maskTargets != null) {
      maskTargets.forEach((field, map) -> targets.put(field, copy(map)));
    }
    maskTargets = java.util.Collections.unmodifiableMap(targets);
    info = copy(info);
    appConfig = copy(appConfig);
  }

  /** This record with another schema. */
  public DatasetRecord withFields(Map<String, String> newFields) {
    return new DatasetRecord(name, mediaType, createdAt, newFields, maskTargets, info, appConfig, persistent);
  }

  /** This record with other mask targets. */
  public DatasetRecord withMaskTargets(Map<String, Map<String, String>> targets) {
    return new DatasetRecord(name, mediaType, createdAt, fields, targets, info, appConfig, persistent);
  }

  /** This record with other info. */
  public DatasetRecord withInfo(Map<String, Object> newInfo) {
    return new DatasetRecord(name, mediaType, createdAt, fields, maskTargets, newInfo, appConfig, persistent);
  }

  /** This record with another App configuration. */
  public DatasetRecord withAppConfig(Map<String, Object> config) {
    return new DatasetRecord(name, mediaType, createdAt, fields, maskTargets, info, config, persistent);
  }

  /** This record, persistent or not. */
  public DatasetRecord withPersistent(boolean keep) {
    return new DatasetRecord(name, mediaType, createdAt, fields, maskTargets, info, appConfig, keep);
  }

  private static <V> Map<String, V> copy(Map<String, V> map) {
    // insertion order kept (LinkedHashMap), null values allowed in info
    return java.util.Collections.unmodifiableMap(map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map));
  }
}
