// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.scanbase.view.AggregationJson;
import org.scanbase.view.StageJson;

/** Reading request bodies and writing JSON answers, the same way for every route. */
final class ApiJson {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(StageJson.module())
      .registerModule(AggregationJson.module());
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ApiJson() {}

  /** The request body as a JSON object; an empty body is an empty object. */
  static ObjectNode body(Context ctx) {
    String text = ctx.body();
    if (text == null || text.isBlank()) {
      return NODES.objectNode();
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("the request body is not JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw ApiException.badRequest("the request body must be a JSON object");
    }
    return object;
  }

  /** Answers {@code value} as JSON with status 200. */
  static void send(Context ctx, Object value) {
    try {
      ctx.contentType("application/json; charset=utf-8").result(MAPPER.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Answers an error document {@code {"error", "status"}} plus any extra keys. */
  static void error(Context ctx, int status, String message, ObjectNode extra) {
    ObjectNode n = NODES.objectNode().put("error", message).put("status", status);
    if (extra != null) {
      n.setAll(extra);
    }
    ctx.status(status);
    send(ctx, n);
  }

  /** An integer member with a default and bounds. */
  static long integer(JsonNode body, String key, long otherwise, long min, long max) {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) {
      return otherwise;
    }
    if (!v.isIntegralNumber() || v.longValue() < min || v.longValue() > max) {
      throw ApiException.badRequest("\"" + key + "\" must be an integer in " + min + ".." + max + ", was " + v);
    }
    return v.longValue();
  }

  /** A boolean member with a default. */
  static boolean bool(JsonNode body, String key, boolean otherwise) {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) {
      return otherwise;
    }
    if (!v.isBoolean()) {
      throw ApiException.badRequest("\"" + key + "\" must be true or false, was " + v);
    }
    return v.booleanValue();
  }

  /** An integer query parameter with a default and bounds. */
  static long query(Context ctx, String key, long otherwise, long min, long max) {
    String v = ctx.queryParam(key);
    if (v == null || v.isBlank()) {
      return otherwise;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest("query parameter " + key + " must be an integer in " + min + ".." + max
        + ", was '" + v + "'");
  }

  /** A decimal query parameter, or null when absent. */
  static Double decimal(Context ctx, String key) {
    String v = ctx.queryParam(key);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest("query parameter " + key + " must be a number, was '" + v + "'");
  }
}
