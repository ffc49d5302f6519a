// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.View;
import org.scanbase.view.Expr;
import org.scanbase.view.ExprJson;
import org.scanbase.view.ExprParser;
import org.scanbase.view.ExprSyntaxException;
import org.scanbase.view.Stage;
import org.scanbase.view.StageJson;
import org.scanbase.view.ViewSpec;

/**
 * The view a request names: its {@code view} stages (StageJson form), its optional {@code match}
 * text expression (one more match stage, placed before the trailing sortBy / groupBy / skip /
 * limit stages), and
 * its optional {@code fields} (a selectFields stage at the end).
 */
final class ViewRequest {
  private ViewRequest() {}

  /** The stages of {@code body}'s view with its match text folded in (fields not applied). */
  static ViewSpec spec(ObjectNode body) {
    JsonNode view = body.get("view");
    ViewSpec spec;
    if (view == null || view.isNull()) {
      spec = new ViewSpec(List.of());
    } else {
      try {
        spec = StageJson.specFromJson(view);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("bad view: " + e.getMessage());
      }
    }
    JsonNode match = body.get("match");
    if (match == null || match.isNull() || (match.isTextual() && match.textValue().isBlank())) {
      return spec;
    }
    if (!match.isTextual()) {
      throw ApiException.badRequest("\"match\" must be an expression as text, was " + match);
    }
    return insertMatch(spec, new Stage.Match(parse(match.textValue())));
  }

  /** The view of {@code dataset} that {@code body} names, fields applied. */
  static View view(Dataset dataset, ObjectNode body) {
    return withFields(dataset.view(spec(body)), body);
  }

  /**
   * {@code view} keeping only the request's {@code fields}, when it names some (a null view
   * only checks them).
   */
  static View withFields(View view, ObjectNode body) {
    JsonNode fields = body.get("fields");
    if (fields == null || fields.isNull()) {
      return view;
    }
    if (!fields.isArray()) {
      throw ApiException.badRequest("\"fields\" must be an array of field names");
    }
    List<String> names = new ArrayList<>();
    for (JsonNode f : fields) {
      if (!f.isTextual()) {
        throw ApiException.badRequest("\"fields\" must be an array of field names, found " + f);
      }
      names.add(f.textValue());
    }
    return view == null ? null : view.selectFields(names.toArray(String[]::new));
  }

  /** Parses an expression in the text language; a syntax error is a 400 with its column. */
  static Expr parse(String text) {
    try {
      return ExprParser.parse(text);
    } catch (ExprSyntaxException e) {
      ObjectNode extra = ApiJson.NODES.objectNode().put("column", e.column()).put("excerpt", e.excerpt());
      throw new SyntaxError(e.getMessage(), extra);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("bad expression: " + e.getMessage());
    }
  }

  /** A field path member: a string (one name) or an array of names. */
  static Expr.Field field(JsonNode body, String key) {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) {
      throw ApiException.badRequest("missing \"" + key + "\"");
    }
    try {
      return ExprJson.pathFromJson(v, "/" + key);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static ViewSpec insertMatch(ViewSpec spec, Stage match) {
    List<Stage> stages = new ArrayList<>(spec.stages());
    int at = stages.size();
    // a match commutes with a sort, and the store runs a filter under a sort far faster than
    // over it (an index serves it); trailing skip/limit/groupBy are the paging and grouping
    while (at > 0 && (stages.get(at - 1) instanceof Stage.Skip || stages.get(at - 1) instanceof Stage.Limit
        || stages.get(at - 1) instanceof Stage.GroupBy || stages.get(at - 1) instanceof Stage.SortBy)) {
      at--;
    }
    stages.add(at, match);
    return new ViewSpec(stages);
  }

  /** An expression syntax error: a 400 that also carries the column and an excerpt. */
  static final class SyntaxError extends ApiException {
    private final transient ObjectNode extra;

    SyntaxError(String message, ObjectNode extra) {
      super(400, message);
      this.extra = extra;
    }

    ObjectNode extra() {
      return extra;
    }
  }
}
