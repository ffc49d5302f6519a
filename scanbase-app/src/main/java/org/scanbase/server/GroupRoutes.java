// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.View;
import org.scanbase.view.Aggregation;
import org.scanbase.view.AggregationResult;
import org.scanbase.view.Expr;
import org.scanbase.view.Stage;

/**
 * Dynamic groups: a page of groups (key, size, first members) and the ordered members of one
 * group, for a view grouped by a field and ordered by another (FiftyOne's dynamic groups).
 */
final class GroupRoutes {
  private final DatasetRoutes datasets;

  GroupRoutes(DatasetRoutes datasets) {
    this.datasets = datasets;
  }

  /** The request's view followed by its groupBy stage. */
  private static View grouped(Dataset d, ObjectNode body) {
    Expr.Field key = ViewRequest.field(body, "groupBy");
    JsonNode order = body.get("orderBy");
    Optional<Expr> orderBy = order == null || order.isNull() ? Optional.empty()
        : Optional.of(ViewRequest.field(body, "orderBy"));
    View before = d.view(ViewRequest.spec(body));
    return before.then(new Stage.GroupBy(key, orderBy, ApiJson.bool(body, "reverse", false)));
  }

  void groups(Context ctx) {
    Dataset d = datasets.dataset(ctx);
    ObjectNode body = ApiJson.body(ctx);
    View grouped = grouped(d, body);
    long offset = ApiJson.integer(body, "offset", 0, 0, Long.MAX_VALUE);
    long limit = ApiJson.integer(body, "limit", 20, 0, 1000);
    int members = (int) ApiJson.integer(body, "members", 1, 0, 1000);
    View page = grouped.skip(offset).limit(limit);
    List<Map<String, Object>> groups = new ArrayList<>();
    for (View.Group g : page.groups(members)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("key", g.key());
      row.put("count", g.count());
      row.put("samples", project(DatasetRoutes.docs(g.samples()), body));
      groups.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (ApiJson.bool(body, "count", true)) {
      out.put("count", groupCount(d.view(ViewRequest.spec(body)), ViewRequest.field(body, "groupBy")));
    }
    out.put("offset", offset);
    out.put("limit", limit);
    out.put("groups", groups);
    ApiJson.send(ctx, out);
  }

  /** The number of groups: distinct keys, plus one for the missing/null group when it has members. */
  private static long groupCount(View before, Expr.Field key) {
    AggregationResult.CountValuesResult values =
        (AggregationResult.CountValuesResult) before.aggregate(new Aggregation.CountValues(key, 0));
    return values.values().size() + (values.missing() > 0 ? 1 : 0);
  }

  /**
   * The documents keeping only the request's {@code fields} (and the fixed ones): done here,
   * because a selectFields stage before the groupBy would hide the grouping field.
   */
  private static List<Map<String, Object>> project(List<Map<String, Object>> docs, ObjectNode body) {
    JsonNode fields = body.get("fields");
    if (fields == null || fields.isNull()) {
      return docs;
    }
    ViewRequest.withFields(null, body);
    java.util.Set<String> keep = new java.util.HashSet<>(List.of("id", "filepath", "media_type", "tags", "metadata"));
    fields.forEach(f -> keep.add(f.textValue()));
    for (Map<String, Object> doc : docs) {
      doc.keySet().retainAll(keep);
    }
    return docs;
  }

  void group(Context ctx) {
    Dataset d = datasets.dataset(ctx);
    ObjectNode body = ApiJson.body(ctx);
    if (!body.has("key")) {
      throw ApiException.badRequest("missing \"key\": the group's value of the groupBy field");
    }
    Object key = keyOf(body.get("key"));
    View members;
    try {
      members = grouped(d, body).group(key);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    long offset = ApiJson.integer(body, "offset", 0, 0, Long.MAX_VALUE);
    long limit = ApiJson.integer(body, "limit", 1000, 0, 10_000);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key", key);
    out.put("count", members.count());
    out.put("offset", offset);
    out.put("limit", limit);
    out.put("samples", DatasetRoutes.docs(ViewRequest.withFields(members, body).page(offset, limit)));
    ApiJson.send(ctx, out);
  }

  private static Object keyOf(JsonNode v) {
    if (v.isNull()) {
      return null;
    } else if (v.isTextual()) {
      return v.textValue();
    } else if (v.isBoolean()) {
      return v.booleanValue();
    } else if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    } else if (v.isNumber()) {
      return v.doubleValue();
    }
    throw ApiException.badRequest("\"key\" must be a string, number, boolean or null, was " + v);
  }
}
