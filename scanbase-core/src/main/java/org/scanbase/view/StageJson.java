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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The JSON form of stages and views. A view is an array of stages; each stage is an object
 * named by {@code "stage"}, with expressions in the {@link ExprJson} form and fields as paths
 * (a string for one name, an array for a nested path):
 * <pre>
 * {"stage": "match", "expr": E}
 * {"stage": "sortBy", "key": E, "reverse": false}
 * {"stage": "limit", "n": 50}           {"stage": "skip", "n": 50}
 * {"stage": "take", "n": 10, "seed": 51}
 * {"stage": "select", "ids": [...]}     {"stage": "exclude", "ids": [...]}
 * {"stage": "exists", "field": F, "present": true}
 * {"stage": "matchTags", "tags": [...], "all": false}
 * {"stage": "selectFields", "fields": [F, ...]}   {"stage": "excludeFields", "fields": [F, ...]}
 * {"stage": "filterLabels", "field": F, "filter": E, "onlyMatches": true}
 * {"stage": "groupBy", "key": E, "orderBy": E or null, "reverse": false}
 * {"stage": "toFrames"}
 * </pre>
 * Writing always gives every key; reading accepts a missing boolean (its default is shown
 * above) or a missing {@code orderBy}, and rejects unknown stages and keys, naming the JSON
 * pointer.
 */
public final class StageJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StageJson() {}

  /** The JSON tree of one stage. */
  public static ObjectNode toJson(Stage stage) {
    ObjectNode n = NODES.objectNode();
    if (stage instanceof Stage.Match s) {
      n.put("stage", "match").set("expr", ExprJson.toJson(s.expr()));
    } else if (stage instanceof Stage.SortBy s) {
      n.put("stage", "sortBy").set("key", ExprJson.toJson(s.key()));
      n.put("reverse", s.reverse());
    } else if (stage instanceof Stage.Limit s) {
      n.put("stage", "limit").put("n", s.n());
    } else if (stage instanceof Stage.Skip s) {
      n.put("stage", "skip").put("n", s.n());
    } else if (stage instanceof Stage.Take s) {
      n.put("stage", "take").put("n", s.n()).put("seed", s.seed());
    } else if (stage instanceof Stage.Select s) {
      strings(n.put("stage", "select").putArray("ids"), s.ids());
    } else if (stage instanceof Stage.Exclude s) {
      strings(n.put("stage", "exclude").putArray("ids"), s.ids());
    } else if (stage instanceof Stage.Exists s) {
      n.put("stage", "exists").set("field", ExprJson.pathToJson(s.field()));
      n.put("present", s.present());
    } else if (stage instanceof Stage.MatchTags s) {
      strings(n.put("stage", "matchTags").putArray("tags"), s.tags());
      n.put("all", s.all());
    } else if (stage instanceof Stage.SelectFields s) {
      fields(n.put("stage", "selectFields").putArray("fields"), s.fields());
    } else if (stage instanceof Stage.ExcludeFields s) {
      fields(n.put("stage", "excludeFields").putArray("fields"), s.fields());
    } else if (stage instanceof Stage.FilterLabels s) {
      n.put("stage", "filterLabels").set("field", ExprJson.pathToJson(s.field()));
      n.set("filter", ExprJson.toJson(s.filter()));
      n.put("onlyMatches", s.onlyMatches());
    } else if (stage instanceof Stage.GroupBy s) {
      n.put("stage", "groupBy").set("key", ExprJson.toJson(s.key()));
      n.set("orderBy", s.orderBy().map(e -> (JsonNode) ExprJson.toJson(e)).orElse(NODES.nullNode()));
      n.put("reverse", s.reverse());
    } else if (stage instanceof Stage.ToFrames) {
      n.put("stage", "toFrames");
    } else {
      throw new IllegalArgumentException("unknown stage " + stage.getClass());
    }
    return n;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static void fields(ArrayNode array, List<Expr.Field> fields) {
    fields.forEach(f -> array.add(ExprJson.pathToJson(f)));
  }

  /** The JSON array of a view's stages. */
  public static ArrayNode toJson(ViewSpec spec) {
    ArrayNode array = NODES.arrayNode();
    spec.stages().forEach(s -> array.add(toJson(s)));
    return array;
  }

  static String write(ViewSpec spec) {
    return toJson(spec).toString();
  }

  static ViewSpec readSpec(String json) {
    return specFromJson(ExprJson.parseTree(json));
  }

  /**
   * Reads a view from its JSON array.
   *
   * @throws IllegalArgumentException naming the JSON pointer of the problem
   */
  public static ViewSpec specFromJson(JsonNode node) {
    if (node == null || !node.isArray()) {
      throw ExprJson.error("", "expected an array of stages, found " + ExprJson.describe(node));
    }
    List<Stage> stages = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      stages.add(fromJson(node.get(i), "/" + i));
    }
    return new ViewSpec(stages);
  }

  /**
   * Reads one stage.
   *
   * @throws IllegalArgumentException naming the JSON pointer of the problem
   */
  public static Stage fromJson(JsonNode node) {
    return fromJson(node, "");
  }

  private static Stage fromJson(JsonNode node, String at) {
    if (node == null || !node.isObject() || !node.path("stage").isTextual()) {
      throw ExprJson.error(at, "expected an object with a \"stage\" name, found "
          + ExprJson.describe(node));
    }
    Reader r = new Reader(node, at);
    String name = node.get("stage").asText();
    try {
      return switch (name) {
        case "match" -> r.keys("expr").then(new Stage.Match(r.expr("expr")));
        case "sortBy" -> r.keys("key", "reverse")
            .then(new Stage.SortBy(r.expr("key"), r.bool("reverse", false)));
        case "limit" -> r.keys("n").then(new Stage.Limit(r.count("n")));
        case "skip" -> r.keys("n").then(new Stage.Skip(r.count("n")));
        case "take" -> r.keys("n", "seed").then(new Stage.Take(r.count("n"), r.integer("seed")));
        case "select" -> r.keys("ids").then(new Stage.Select(r.list("ids", r::string)));
        case "exclude" -> r.keys("ids").then(new Stage.Exclude(r.list("ids", r::string)));
        case "exists" -> r.keys("field", "present")
            .then(new Stage.Exists(r.field("field"), r.bool("present", true)));
        case "matchTags" -> r.keys("tags", "all")
            .then(new Stage.MatchTags(r.list("tags", r::string), r.bool("all", false)));
        case "selectFields" -> r.keys("fields").then(new Stage.SelectFields(r.list("fields", r::path)));
        case "excludeFields" -> r.keys("fields").then(new Stage.ExcludeFields(r.list("fields", r::path)));
        case "filterLabels" -> r.keys("field", "filter", "onlyMatches").then(new Stage.FilterLabels(
            r.field("field"), r.expr("filter"), r.bool("onlyMatches", true)));
        case "groupBy" -> r.keys("key", "orderBy", "reverse").then(new Stage.GroupBy(
            r.expr("key"), r.optionalExpr("orderBy"), r.bool("reverse", false)));
        case "toFrames" -> r.keys().then(new Stage.ToFrames());
        default -> throw ExprJson.error(at + "/stage", "unknown stage '" + name + "'");
      };
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("at ")) {
        throw e;
      }
      throw ExprJson.error(at, e.getMessage());
    }
  }

  /** Reads the members of one stage object, with JSON pointers in its errors. */
  private static final class Reader {
    private final JsonNode node;
    private final String at;

    Reader(JsonNode node, String at) {
      this.node = node;
      this.at = at;
    }

    Reader keys(String... allowed) {
      Set<String> all = new java.util.HashSet<>(List.of(allowed));
      all.add("stage");
      ExprJson.onlyKeys(node, at, all);
      return this;
    }

    Stage then(Stage stage) {
      return stage;
    }

    private JsonNode required(String key) {
      JsonNode v = node.get(key);
      if (v == null) {
        throw ExprJson.error(at, "missing \"" + key + "\"");
      }
      return v;
    }

    Expr expr(String key) {
      return ExprJson.fromJson(required(key), at + "/" + key);
    }

    Optional<Expr> optionalExpr(String key) {
      JsonNode v = node.get(key);
      return v == null || v.isNull() ? Optional.empty()
          : Optional.of(ExprJson.fromJson(v, at + "/" + key));
    }

    Expr.Field field(String key) {
      return ExprJson.pathFromJson(required(key), at + "/" + key);
    }

    boolean bool(String key, boolean otherwise) {
      JsonNode v = node.get(key);
      if (v == null) {
        return otherwise;
      }
      if (!v.isBoolean()) {
        throw ExprJson.error(at + "/" + key, "expected true or false, found " + ExprJson.describe(v));
      }
      return v.booleanValue();
    }

    long integer(String key) {
      JsonNode v = required(key);
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        throw ExprJson.error(at + "/" + key, "expected an integer, found " + ExprJson.describe(v));
      }
      return v.longValue();
    }

    long count(String key) {
      long n = integer(key);
      if (n < 0) {
        throw ExprJson.error(at + "/" + key, "expected a count >= 0, found " + n);
      }
      return n;
    }

    <T> List<T> list(String key, java.util.function.BiFunction<JsonNode, String, T> item) {
      JsonNode v = required(key);
      if (!v.isArray()) {
        throw ExprJson.error(at + "/" + key, "expected an array, found " + ExprJson.describe(v));
      }
      List<T> out = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        out.add(item.apply(v.get(i), at + "/" + key + "/" + i));
      }
      return out;
    }

    String string(JsonNode v, String where) {
      if (!v.isTextual()) {
        throw ExprJson.error(where, "expected a string, found " + ExprJson.describe(v));
      }
      return v.textValue();
    }

    Expr.Field path(JsonNode v, String where) {
      return ExprJson.pathFromJson(v, where);
    }
  }

  /**
   * A Jackson module that writes and reads {@link Expr}, {@link Stage} and {@link ViewSpec}
   * values in these JSON forms, for {@code ObjectMapper.registerModule}.
   */
  public static SimpleModule module() {
    SimpleModule module = new SimpleModule("scanbase-view");
    module.addSerializer(Expr.class, serializer(ExprJson::toJson));
    module.addSerializer(Stage.class, serializer(StageJson::toJson));
    module.addSerializer(ViewSpec.class, serializer(StageJson::toJson));
    module.addDeserializer(Expr.class, deserializer(ExprJson::fromJson));
    module.addDeserializer(Stage.class, deserializer(StageJson::fromJson));
    module.addDeserializer(ViewSpec.class, deserializer(StageJson::specFromJson));
    return module;
  }

  private static <T> JsonSerializer<T> serializer(Function<T, JsonNode> toJson) {
    return new JsonSerializer<>() {
      @Override
      public void serialize(T value, JsonGenerator gen, SerializerProvider provider)
          throws IOException {
        gen.writeTree(toJson.apply(value));
      }
    };
  }

  private static <T> JsonDeserializer<T> deserializer(Function<JsonNode, T> fromJson) {
    return new JsonDeserializer<>() {
      @Override
      public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode tree = p.readValueAsTree();
        return fromJson.apply(tree);
      }
    };
  }
}
