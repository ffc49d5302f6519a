// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.scanbase.view.AggregationResult.BoundsResult;
import org.scanbase.view.AggregationResult.CountResult;
import org.scanbase.view.AggregationResult.CountValuesResult;
import org.scanbase.view.AggregationResult.DistinctResult;
import org.scanbase.view.AggregationResult.HistogramResult;
import org.scanbase.view.AggregationResult.MeanResult;
import org.scanbase.view.AggregationResult.StdResult;
import org.scanbase.view.AggregationResult.SumResult;

/**
 * The JSON form of aggregations and of their results, as the App sends and receives them.
 * Fields are paths as in stages ({@link StageJson}): a string for one name, an array of names
 * for a nested path.
 * <pre>
 * {"aggregation": "count", "field": null}          (samples; or "field": F for values)
 * {"aggregation": "countValues", "field": F, "limit": 10}     (0 = all)
 * {"aggregation": "distinct", "field": F}      {"aggregation": "bounds", "field": F}
 * {"aggregation": "mean", "field": F}          {"aggregation": "sum", "field": F}
 * {"aggregation": "std", "field": F, "sample": false}
 * {"aggregation": "histogram", "field": F, "bins": 10, "range": [min, max] or null}
 * </pre>
 * Writing gives every key; reading accepts a missing {@code field} of count, {@code limit},
 * {@code sample} and {@code range} (defaults as shown), and rejects unknown aggregations and
 * keys, naming the JSON pointer. Results ({@link #resultToJson}):
 * <pre>
 * {"count": 12}
 * {"values": [{"value": "GE", "count": 7}, ...], "others": 3, "missing": 1}
 * {"values": [1, 2.5, "a", true]}             {"min": 1, "max": 7.5}
 * {"mean": 2.5, "count": 4}    {"sum": 10.0, "count": 4}    {"std": 1.1, "count": 4}
 * {"edges": [0.0, 0.5, 1.0], "counts": [3, 4], "other": 0}
 * </pre>
 */
public final class AggregationJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AggregationJson() {}

  /** The JSON tree of an aggregation. */
  public static ObjectNode toJson(Aggregation aggregation) {
    ObjectNode n = NODES.objectNode();
    if (aggregation instanceof Aggregation.Count a) {
      n.put("aggregation", "count")
          .set("field", a.field().map(ExprJson::pathToJson).orElse(NODES.nullNode()));
    } else if (aggregation instanceof Aggregation.CountValues a) {
      n.put("aggregation", "countValues").set("field", ExprJson.pathToJson(a.field()));
      n.put("limit", a.limit());
    } else if (aggregation instanceof Aggregation.Std a) {
      n.put("aggregation", "std").set("field", ExprJson.pathToJson(a.field()));
      n.put("sample", a.sample());
    } else if (aggregation instanceof Aggregation.Histogram a) {
      n.put("aggregation", "histogram").set("field", ExprJson.pathToJson(a.field()));
      n.put("bins", a.bins());
      n.set("range", a.range().map(r -> (JsonNode) NODES.arrayNode().add(r.min()).add(r.max()))
          .orElse(NODES.nullNode()));
    } else {
      n.put("aggregation", name(aggregation))
          .set("field", ExprJson.pathToJson(aggregation.aggregatedField().orElseThrow()));
    }
    return n;
  }

  private static String name(Aggregation a) {
    if (a instanceof Aggregation.Distinct) {
      return "distinct";
    } else if (a instanceof Aggregation.Bounds) {
      return "bounds";
    } else if (a instanceof Aggregation.Mean) {
      return "mean";
    }
    return "sum";
  }

  /** {@code aggregation} as JSON text. */
  public static String write(Aggregation aggregation) {
    return toJson(aggregation).toString();
  }

  /**
   * Reads an aggregation from JSON text.
   *
   * @throws IllegalArgumentException for malformed JSON or a malformed aggregation
   */
  public static Aggregation read(String json) {
    return fromJson(ExprJson.parseTree(json));
  }

  /**
   * Reads an aggregation from its JSON tree.
   *
   * @throws IllegalArgumentException naming the JSON pointer of the problem
   */
  public static Aggregation fromJson(JsonNode node) {
    if (node == null || !node.isObject() || !node.path("aggregation").isTextual()) {
      throw ExprJson.error("", "expected an object with an \"aggregation\" name, found "
          + ExprJson.describe(node));
    }
    String name = node.get("aggregation").asText();
    try {
      return switch (name) {
        case "count" -> {
          keys(node, "field");
          JsonNode f = node.get("field");
          yield new Aggregation.Count(f == null || f.isNull() ? Optional.empty() : Optional.of(field(node)));
        }
        case "countValues" -> {
          keys(node, "field", "limit");
          yield new Aggregation.CountValues(field(node), integer(node, "limit", 0));
        }
        case "distinct" -> new Aggregation.Distinct(onlyField(node));
        case "bounds" -> new Aggregation.Bounds(onlyField(node));
        case "mean" -> new Aggregation.Mean(onlyField(node));
        case "sum" -> new Aggregation.Sum(onlyField(node));
        case "std" -> {
          keys(node, "field", "sample");
          yield new Aggregation.Std(field(node), bool(node, "sample"));
        }
        case "histogram" -> {
          keys(node, "field", "bins", "range");
          yield new Aggregation.Histogram(field(node), integer(node, "bins", null), range(node));
        }
        default -> throw ExprJson.error("/aggregation", "unknown aggregation '" + name + "'");
      };
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("at ")) {
        throw e;
      }
      throw ExprJson.error("", e.getMessage());
    }
  }

  private static void keys(JsonNode node, String... allowed) {
    Set<String> all = new HashSet<>(List.of(allowed));
    all.add("aggregation");
    ExprJson.onlyKeys(node, "", all);
  }

  private static Expr.Field onlyField(JsonNode node) {
    keys(node, "field");
    return field(node);
  }

  private static Expr.Field field(JsonNode node) {
    if (node.get("field") == null) {
      throw ExprJson.error("", "missing \"field\"");
    }
    return ExprJson.pathFromJson(node.get("field"), "/field");
  }

  private static int integer(JsonNode node, String key, Integer otherwise) {
    JsonNode v = node.get(key);
    if (v == null && otherwise != null) {
      return otherwise;
    }
    if (v == null) {
      throw ExprJson.error("", "missing \"" + key + "\"");
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw ExprJson.error("/" + key, "expected an integer, found " + ExprJson.describe(v));
    }
    return v.intValue();
  }

  private static boolean bool(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null) {
      return false;
    }
    if (!v.isBoolean()) {
      throw ExprJson.error("/" + key, "expected true or false, found " + ExprJson.describe(v));
    }
    return v.booleanValue();
  }

  private static Optional<Aggregation.Range> range(JsonNode node) {
    JsonNode v = node.get("range");
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isArray() || v.size() != 2 || !v.get(0).isNumber() || !v.get(1).isNumber()) {
      throw ExprJson.error("/range", "expected [min, max] or null, found " + ExprJson.describe(v));
    }
    try {
      return Optional.of(new Aggregation.Range(v.get(0).doubleValue(), v.get(1).doubleValue()));
    } catch (IllegalArgumentException e) {
      throw ExprJson.error("/range", e.getMessage());
    }
  }

  /** The JSON tree of a result (shapes in the class comment). */
  public static ObjectNode resultToJson(AggregationResult result) {
    ObjectNode n = NODES.objectNode();
    if (result instanceof CountResult r) {
      n.put("count", r.count());
    } else if (result instanceof CountValuesResult r) {
      ArrayNode values = n.putArray("values");
      for (AggregationResult.ValueCount v : r.values()) {
        values.addObject().<ObjectNode>set("value", value(v.value())).put("count", v.count());
      }
      n.put("others", r.others()).put("missing", r.missing());
    } else if (result instanceof DistinctResult r) {
      ArrayNode values = n.putArray("values");
      r.values().forEach(v -> values.add(value(v)));
    } else if (result instanceof BoundsResult r) {
      n.set("min", value(r.min()));
      n.set("max", value(r.max()));
    } else if (result instanceof MeanResult r) {
      n.set("mean", value(r.mean()));
      n.put("count", r.count());
    } else if (result instanceof SumResult r) {
      n.put("sum", r.sum()).put("count", r.count());
    } else if (result instanceof StdResult r) {
      n.set("std", value(r.std()));
      n.put("count", r.count());
    } else {
      HistogramResult r = (HistogramResult) result;
      ArrayNode edges = n.putArray("edges");
      for (double e : r.edges()) {
        edges.add(e);
      }
      ArrayNode counts = n.putArray("counts");
      for (long c : r.counts()) {
        counts.add(c);
      }
      n.put("other", r.other());
    }
    return n;
  }

  private static JsonNode value(Object v) {
    if (v == null) {
      return NODES.nullNode();
    } else if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    } else if (v instanceof Long l) {
      return NODES.numberNode(l);
    } else if (v instanceof Double d) {
      return NODES.numberNode(d);
    }
    return NODES.textNode((String) v);
  }

  /**
   * A Jackson module that writes {@link Aggregation} and {@link AggregationResult} values in
   * these JSON forms and reads aggregations, for {@code ObjectMapper.registerModule}.
   */
  public static SimpleModule module() {
    SimpleModule module = new SimpleModule("scanbase-aggregations");
    module.addSerializer(Aggregation.class, new JsonSerializer<>() {
      @Override
      public void serialize(Aggregation value, JsonGenerator gen, SerializerProvider provider)
          throws IOException {
        gen.writeTree(toJson(value));
      }
    });
    module.addSerializer(AggregationResult.class, new JsonSerializer<>() {
      @Override
      public void serialize(AggregationResult value, JsonGenerator gen, SerializerProvider provider)
          throws IOException {
        gen.writeTree(resultToJson(value));
      }
    });
    module.addDeserializer(Aggregation.class, new JsonDeserializer<>() {
      @Override
      public Aggregation deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode tree = p.readValueAsTree();
        return fromJson(tree);
      }
    });
    return module;
  }
}
