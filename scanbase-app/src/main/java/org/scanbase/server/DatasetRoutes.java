// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scanbase.dataset.Catalog;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.Frame;
import org.scanbase.dataset.Sample;
import org.scanbase.dataset.View;
import org.scanbase.view.Aggregation;
import org.scanbase.view.AggregationJson;
import org.scanbase.view.AggregationResult;
import org.scanbase.view.ExprJson;
import org.scanbase.view.StageJson;
import org.scanbase.view.ViewSpec;

/**
 * The JSON routes over datasets, samples, aggregations, groups, tags and saved views (see
 * {@code scanbase-app/API.md} for every shape). All reads and writes go through the core's
 * {@link Dataset} and {@link View}.
 */
final class DatasetRoutes {
  static final Set<String> LABEL_TYPES = Set.of("Segmentation", "Classification", "Detections", "Polylines");
  private final Catalog catalog;

  DatasetRoutes(Catalog catalog) {
    this.catalog = catalog;
  }

  void register(RoutesConfig r) {
    String ds = "/api/datasets/{name}";
    r.get("/api/datasets", this::list);
    r.get(ds, this::info);
    r.post(ds + "/samples", this::samples);
    r.post(ds + "/count", ctx -> ApiJson.send(ctx, Map.of("count",
        ViewRequest.view(dataset(ctx), ApiJson.body(ctx)).count())));
    r.post(ds + "/aggregate", this::aggregate);
    r.post(ds + "/parse", this::parse);
    r.post(ds + "/groups", new GroupRoutes(this)::groups);
    r.post(ds + "/group", new GroupRoutes(this)::group);
    r.get(ds + "/samples/{id}", this::sample);
    r.get(ds + "/samples/{id}/frames", this::frames);
    r.post(ds + "/tags", this::tags);
    r.get(ds + "/views", this::savedViews);
    r.get(ds + "/views/{view}", this::savedView);
    r.put(ds + "/views/{view}", this::saveView);
    r.delete(ds + "/views/{view}", this::deleteView);
  }

  /** The dataset named in the path; 404 when there is none. */
  Dataset dataset(Context ctx) {
    String name = ctx.pathParam("name");
    if (name.isEmpty() || name.contains("/") || !catalog.exists(name)) {
      throw ApiException.notFound("no dataset named '" + name + "'");
    }
    return catalog.load(name);
  }

  /** The sample named in the path, which must belong to the dataset named there; 404 otherwise. */
  Sample sample(Dataset dataset, Context ctx) {
    String id = ctx.pathParam("id");
    if (!id.matches("[0-9A-Za-z_-]{1,64}")) {
      throw ApiException.notFound("no sample '" + id + "' in dataset '" + dataset.name() + "'");
    }
    return dataset.sample(id).orElseThrow(() ->
        ApiException.notFound("no sample '" + id + "' in dataset '" + dataset.name() + "'"));
  }

  private void list(Context ctx) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String name : catalog.list()) {
      Dataset d = catalog.load(name);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", name);
      row.put("media_type", d.mediaType().code());
      row.put("samples", d.count());
      rows.add(row);
    }
    ApiJson.send(ctx, rows);
  }

  private void info(Context ctx) {
    Dataset d = dataset(ctx);
    Map<String, String> schema = d.schema();
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, String> frameFields = new LinkedHashMap<>();
    schema.forEach((path, type) -> {
      if (path.startsWith("frames.")) {
        frameFields.put(path.substring("frames.".length()), type);
      } else if (LABEL_TYPES.contains(type)) {
        labels.put(path, type);
      }
    });
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", d.name());
    doc.put("media_type", d.mediaType().code());
    doc.put("samples", d.count());
    doc.put("fields", schema);
    doc.put("label_fields", labels);
    doc.put("frame_fields", frameFields);
    doc.put("mask_targets", d.maskTargets());
    doc.put("app_config", d.appConfig());
    doc.put("info", d.info());
    doc.put("saved_views", d.savedViewNames());
    ApiJson.send(ctx, doc);
  }

  private void samples(Context ctx) {
    ObjectNode body = ApiJson.body(ctx);
    View view = ViewRequest.view(dataset(ctx), body);
    long offset = ApiJson.integer(body, "offset", 0, 0, Long.MAX_VALUE);
    long limit = ApiJson.integer(body, "limit", 50, 0, 1000);
    Map<String, Object> out = new LinkedHashMap<>();
    if (ApiJson.bool(body, "count", true)) {
      out.put("count", view.count());
    }
    out.put("offset", offset);
    out.put("limit", limit);
    out.put("samples", docs(view.page(offset, limit)));
    ApiJson.send(ctx, out);
  }

  static List<Map<String, Object>> docs(List<Sample> samples) {
    List<Map<String, Object>> out = new ArrayList<>(samples.size());
    for (Sample s : samples) {
      out.add(s.toMap());
    }
    return out;
  }

  private void aggregate(Context ctx) {
    ObjectNode body = ApiJson.body(ctx);
    View view = ViewRequest.view(dataset(ctx), body);
    JsonNode list = body.get("aggregations");
    if (list == null || !list.isArray()) {
      throw ApiException.badRequest("\"aggregations\" must be an array of aggregations");
    }
    List<Aggregation> aggregations = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      try {
        aggregations.add(AggregationJson.fromJson(list.get(i)));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("at /aggregations/" + i + ": " + e.getMessage());
      }
    }
    ArrayNode results = ApiJson.NODES.arrayNode();
    for (Aggregation a : aggregations) {
      AggregationResult result = view.aggregate(a);
      results.add(AggregationJson.resultToJson(result));
    }
    ApiJson.send(ctx, ApiJson.NODES.objectNode().set("results", results));
  }

  private void parse(Context ctx) {
    dataset(ctx);
    JsonNode text = ApiJson.body(ctx).get("expr");
    if (text == null || !text.isTextual()) {
      throw ApiException.badRequest("\"expr\" must be an expression as text");
    }
    ApiJson.send(ctx, ApiJson.NODES.objectNode().set("expr", ExprJson.toJson(ViewRequest.parse(text.textValue()))));
  }

  private void sample(Context ctx) {
    Sample s = sample(dataset(ctx), ctx);
    Map<String, Object> doc = s.toMap();
    doc.put("frame_count", s.mediaType() == org.scanbase.dataset.MediaType.IMAGE ? 0 : s.frames().count());
    ApiJson.send(ctx, doc);
  }

  private void frames(Context ctx) {
    Sample s = sample(dataset(ctx), ctx);
    long offset = ApiJson.query(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    long limit = ApiJson.query(ctx, "limit", 100, 0, 1000);
    List<Frame> all = s.mediaType() == org.scanbase.dataset.MediaType.IMAGE ? List.of() : s.frames().all();
    List<Map<String, Object>> frames = new ArrayList<>();
    for (long i = offset; i < Math.min(all.size(), offset + limit); i++) {
      frames.add(all.get((int) i).toMap());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("count", all.size());
    out.put("offset", offset);
    out.put("limit", limit);
    out.put("frames", frames);
    ApiJson.send(ctx, out);
  }

  private void tags(Context ctx) {
    Dataset d = dataset(ctx);
    ObjectNode body = ApiJson.body(ctx);
    View view;
    if (body.has("ids")) {
      List<String> ids = strings(body, "ids");
      view = d.select(ids);
    } else if (body.has("view") || body.has("match")) {
      view = d.view(ViewRequest.spec(body));
    } else {
      throw ApiException.badRequest("name the samples to tag with \"ids\" or \"view\"");
    }
    String[] add = strings(body, "add").toArray(String[]::new);
    String[] remove = strings(body, "remove").toArray(String[]::new);
    JsonNode labelField = body.get("label_field");
    long n = view.count();
    if (labelField != null && !labelField.isNull()) {
      if (!labelField.isTextual() || !LABEL_TYPES.contains(d.schema().get(labelField.textValue()))) {
        throw ApiException.badRequest("\"label_field\" must name a label field of '" + d.name() + "', was " + labelField);
      }
      if (add.length > 0) {
        view.tagLabels(labelField.textValue(), add);
      }
      if (remove.length > 0) {
        view.untagLabels(labelField.textValue(), remove);
      }
    } else {
      if (add.length > 0) {
        view.tag(add);
      }
      if (remove.length > 0) {
        view.untag(remove);
      }
    }
    ApiJson.send(ctx, Map.of("samples", n));
  }

  private static List<String> strings(JsonNode body, String key) {
    JsonNode v = body.get(key);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw ApiException.badRequest("\"" + key + "\" must be an array of strings");
    }
    for (JsonNode s : v) {
      if (!s.isTextual() || s.textValue().isEmpty()) {
        throw ApiException.badRequest("\"" + key + "\" must be an array of non-empty strings, found " + s);
      }
      out.add(s.textValue());
    }
    return out;
  }

  private void savedViews(Context ctx) {
    Dataset d = dataset(ctx);
    List<Map<String, Object>> out = new ArrayList<>();
    for (String name : d.savedViewNames()) {
      d.savedView(name).ifPresent(v -> out.add(savedViewDoc(name, v.spec())));
    }
    ApiJson.send(ctx, out);
  }

  private static Map<String, Object> savedViewDoc(String name, ViewSpec spec) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", name);
    doc.put("view", StageJson.toJson(spec));
    return doc;
  }

  private void savedView(Context ctx) {
    Dataset d = dataset(ctx);
    String name = ctx.pathParam("view");
    View v = d.savedView(name).orElseThrow(() ->
        ApiException.notFound("no saved view '" + name + "' in dataset '" + d.name() + "'"));
    ApiJson.send(ctx, savedViewDoc(name, v.spec()));
  }

  private void saveView(Context ctx) {
    Dataset d = dataset(ctx);
    String name = ctx.pathParam("view");
    if (name.isBlank()) {
      throw ApiException.badRequest("a saved view needs a name");
    }
    ObjectNode body = ApiJson.body(ctx);
    if (!body.has("view")) {
      throw ApiException.badRequest("missing \"view\": the stages to save");
    }
    ViewSpec spec = ViewRequest.spec(body);
    d.view(spec).saveAs(name);
    ApiJson.send(ctx, savedViewDoc(name, spec));
  }

  private void deleteView(Context ctx) {
    Dataset d = dataset(ctx);
    String name = ctx.pathParam("view");
    if (!d.deleteSavedView(name)) {
      throw ApiException.notFound("no saved view '" + name + "' in dataset '" + d.name() + "'");
    }
    ApiJson.send(ctx, Map.of("deleted", true));
  }
}
