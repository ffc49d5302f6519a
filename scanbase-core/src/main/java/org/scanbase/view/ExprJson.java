// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The JSON form of expressions, one shape per kind of node:
 * <pre>
 * {"field": "SliceLocation"}                 one name, taken verbatim (dots included)
 * {"field": ["metadata", "width"]}           a nested path
 * {"literal": 10}                            null, true, 1, 2.5, "MR", ["GE", "SIEMENS"]
 * {"op": "&gt;", "args": [a, b]}               == != &lt; &lt;= &gt; &gt;= and or + - * / in
 * {"op": "not", "args": [a]}                 also "neg" (-a)
 * {"op": "contains", "args": [{"field": ...}, {"literal": "text"}]}
 * {"op": "exists", "args": [{"field": ...}]}
 * </pre>
 * Numbers written with a point or exponent are doubles, others longs. Reading is strict:
 * unknown keys and operators are errors naming their JSON pointer.
 */
public final class ExprJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ExprJson() {}

  /** The JSON tree of {@code e}. */
  public static ObjectNode toJson(Expr e) {
    ObjectNode node = NODES.objectNode();
    if (e instanceof Expr.Field f) {
      node.set("field", pathToJson(f));
    } else if (e instanceof Expr.Literal l) {
      node.set("literal", valueToJson(l.value()));
    } else if (e instanceof Expr.Unary u) {
      op(node, u.op().code(), u.operand());
    } else if (e instanceof Expr.Binary b) {
      op(node, b.op().symbol(), b.left(), b.right());
    } else if (e instanceof Expr.In in) {
      op(node, "in", in.value(), in.container());
    } else if (e instanceof Expr.Contains c) {
      op(node, "contains", c.field(), new Expr.Literal(c.text()));
    } else if (e instanceof Expr.Exists x) {
      op(node, "exists", x.field());
    } else {
      throw new IllegalArgumentException("unknown expression " + e.getClass());
    }
    return node;
  }

  private static void op(ObjectNode node, String op, Expr... args) {
    node.put("op", op);
    ArrayNode array = node.putArray("args");
    for (Expr arg : args) {
      array.add(toJson(arg));
    }
  }

  /** A field path as JSON: a string for one name, an array of names for a nested path. */
  public static JsonNode pathToJson(Expr.Field f) {
    if (f.path().size() == 1) {
      return NODES.textNode(f.path().get(0));
    }
    ArrayNode array = NODES.arrayNode();
    f.path().forEach(array::add);
    return array;
  }

  private static JsonNode valueToJson(Object v) {
    if (v == null) {
      return NODES.nullNode();
    } else if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    } else if (v instanceof Long l) {
      return NODES.numberNode(l);
    } else if (v instanceof Double d) {
      return NODES.numberNode(d);
    } else if (v instanceof String s) {
      return NODES.textNode(s);
    }
    ArrayNode array = NODES.arrayNode();
    for (Object item : (List<?>) v) {
      array.add(valueToJson(item));
    }
    return array;
  }

  /** {@code e} as a JSON string. */
  public static String write(Expr e) {
    return toJson(e).toString();
  }

  /**
   * Reads an expression from JSON text.
   *
   * @throws IllegalArgumentException for malformed JSON or a malformed expression
   */
  public static Expr read(String json) {
    return fromJson(parseTree(json), "");
  }

  /**
   * Reads an expression from a JSON tree.
   *
   * @throws IllegalArgumentException naming the JSON pointer of the problem
   */
  public static Expr fromJson(JsonNode node) {
    return fromJson(node, "");
  }

  static Expr fromJson(JsonNode node, String at) {
    if (node == null || !node.isObject()) {
      throw error(at, "expected an expression object, found " + describe(node));
    }
    if (node.has("field")) {
      onlyKeys(node, at, Set.of("field"));
      return pathFromJson(node.get("field"), at + "/field");
    }
    if (node.has("literal")) {
      onlyKeys(node, at, Set.of("literal"));
      return new Expr.Literal(valueFromJson(node.get("literal"), at + "/literal", true));
    }
    if (!node.has("op")) {
      throw error(at, "expected one of the keys \"field\", \"literal\" or \"op\"");
    }
    onlyKeys(node, at, Set.of("op", "args"));
    JsonNode opNode = node.get("op");
    if (!opNode.isTextual()) {
      throw error(at + "/op", "expected a string, found " + describe(opNode));
    }
    String op = opNode.asText();
    JsonNode argsNode = node.get("args");
    if (argsNode == null || !argsNode.isArray()) {
      throw error(at + "/args", "expected an array of arguments, found " + describe(argsNode));
    }
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < argsNode.size(); i++) {
      args.add(fromJson(argsNode.get(i), at + "/args/" + i));
    }
    return switch (op) {
      case "not", "neg" -> new Expr.Unary(UnaryOp.fromCode(op), arity(args, 1, op, at).get(0));
      case "in" -> new Expr.In(arity(args, 2, op, at).get(0), args.get(1));
      case "exists" -> new Expr.Exists(asField(arity(args, 1, op, at).get(0), at + "/args/0"));
      case "contains" -> {
        arity(args, 2, op, at);
        if (!(args.get(1) instanceof Expr.Literal l) || !(l.value() instanceof String text)) {
          throw error(at + "/args/1", "expected a string literal for contains");
        }
        yield new Expr.Contains(asField(args.get(0), at + "/args/0"), text);
      }
      default -> {
        BinaryOp binary;
        try {
          binary = BinaryOp.fromSymbol(op);
        } catch (IllegalArgumentException unknown) {
          throw error(at + "/op", "unknown operator '" + op + "'");
        }
        arity(args, 2, op, at);
        yield new Expr.Binary(binary, args.get(0), args.get(1));
      }
    };
  }

  private static List<Expr> arity(List<Expr> args, int n, String op, String at) {
    if (args.size() != n) {
      throw error(at + "/args", "'" + op + "' takes " + n + " argument" + (n == 1 ? "" : "s")
          + ", found " + args.size());
    }
    return args;
  }

  private static Expr.Field asField(Expr e, String at) {
    if (e instanceof Expr.Field f) {
      return f;
    }
    throw error(at, "expected a field");
  }

  /** Reads a field path: a string (one name) or an array of names. */
  public static Expr.Field pathFromJson(JsonNode node, String at) {
    try {
      if (node != null && node.isTextual()) {
        return new Expr.Field(List.of(node.asText()));
      }
      if (node != null && node.isArray() && node.size() > 0) {
        List<String> path = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
          if (!node.get(i).isTextual()) {
            throw error(at + "/" + i, "expected a field name, found " + describe(node.get(i)));
          }
          path.add(node.get(i).asText());
        }
        return new Expr.Field(path);
      }
    } catch (IllegalArgumentException bad) {
      if (bad.getMessage().startsWith("at ")) {
        throw bad;
      }
      throw error(at, bad.getMessage());
    }
    throw error(at, "expected a field name or an array of names, found " + describe(node));
  }

  private static Object valueFromJson(JsonNode node, String at, boolean listAllowed) {
    if (node.isNull()) {
      return null;
    } else if (node.isBoolean()) {
      return node.booleanValue();
    } else if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
    } else if (node.isNumber()) {
      return node.doubleValue();
    } else if (node.isTextual()) {
      return node.textValue();
    } else if (node.isArray() && listAllowed) {
      List<Object> items = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        items.add(valueFromJson(node.get(i), at + "/" + i, false));
      }
      return items;
    }
    throw error(at, "expected null, a boolean, number or string"
        + (listAllowed ? " or a list of those" : "") + ", found " + describe(node));
  }

  static void onlyKeys(JsonNode node, String at, Set<String> allowed) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw error(at, "unexpected key \"" + name + "\"");
      }
    }
  }

  static JsonNode parseTree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    String text = node.toString();
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " "
        + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
  }

  static IllegalArgumentException error(String at, String message) {
    return new IllegalArgumentException("at " + (at.isEmpty() ? "/" : at) + ": " + message);
  }
}
