// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ViewJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writesExpressionsInTheUniformShape() throws Exception {
    Expr e = ExprParser.parse("SliceLocation > 10 and metadata.width in [1, 2.5] and not flag");
    assertThat(JSON.readTree(ExprJson.write(e))).isEqualTo(JSON.readTree("""
        {"op": "and", "args": [
          {"op": "and", "args": [
            {"op": ">", "args": [{"field": "SliceLocation"}, {"literal": 10}]},
            {"op": "in", "args": [{"field": ["metadata", "width"]}, {"literal": [1, 2.5]}]}]},
          {"op": "not", "args": [{"field": "flag"}]}]}"""));
    assertThat(JSON.readTree(ExprJson.write(ExprParser.parse("contains(a, \"x\") or exists(b)"))))
        .isEqualTo(JSON.readTree("""
            {"op": "or", "args": [
              {"op": "contains", "args": [{"field": "a"}, {"literal": "x"}]},
              {"op": "exists", "args": [{"field": "b"}]}]}"""));
    assertThat(ExprJson.write(ExprParser.parse("-x"))).isEqualTo("{\"op\":\"neg\",\"args\":[{\"field\":\"x\"}]}");
  }

  @Test
  void readsAOneNameFieldVerbatimWithoutSplittingDots() {
    assertThat(ExprJson.read("{\"field\": \"a.b\"}")).isEqualTo(F.path("a.b"));
    assertThat(ExprJson.read("{\"field\": [\"a\", \"b\"]}")).isEqualTo(F.field("a.b"));
  }

  static Stream<Stage> everyStage() {
    Expr e = ExprParser.parse("Modality == \"MR\"");
    return Stream.of(
        new Stage.Match(e),
        new Stage.SortBy(F.field("SliceLocation"), true),
        new Stage.Limit(50),
        new Stage.Skip(0),
        new Stage.Take(10, -51),
        new Stage.Select(List.of("id1", "id2")),
        new Stage.Exclude(List.of()),
        new Stage.Exists(F.field("metadata.width"), false),
        new Stage.MatchTags(List.of("review"), true),
        new Stage.SelectFields(List.of(F.field("PatientID"), F.path("Lung Mask", "mask_path"))),
        new Stage.ExcludeFields(List.of(F.field("SeriesDescription"))),
        new Stage.FilterLabels(F.field("ground_truth"), ExprParser.parse("label == \"tumour\""), false),
        new Stage.GroupBy(F.field("PatientID"), Optional.of(F.field("SliceLocation")), true),
        new Stage.GroupBy(F.field("PatientID").plus(1), Optional.empty(), false),
        new Stage.ToFrames());
  }

  @ParameterizedTest
  @MethodSource("everyStage")
  void everyStageReadsBackFromItsJson(Stage stage) {
    String json = StageJson.toJson(stage).toString();
    assertThat(StageJson.fromJson(ExprJson.parseTree(json))).as(json).isEqualTo(stage);
  }

  @Test
  void aViewIsAnArrayOfStagesAndReadsBack() throws Exception {
    ViewSpec spec = ViewSpec.of()
        .then(new Stage.Match(F.field("SliceLocation").gt(10)))
        .then(new Stage.SortBy(F.field("SliceLocation"), false))
        .then(new Stage.Limit(5));
    assertThat(JSON.readTree(spec.toJson())).isEqualTo(JSON.readTree("""
        [{"stage": "match", "expr": {"op": ">", "args": [{"field": "SliceLocation"}, {"literal": 10}]}},
         {"stage": "sortBy", "key": {"field": "SliceLocation"}, "reverse": false},
         {"stage": "limit", "n": 5}]"""));
    assertThat(ViewSpec.fromJson(spec.toJson())).isEqualTo(spec);
    ViewSpec all = new ViewSpec(everyStage().toList());
    assertThat(ViewSpec.fromJson(all.toJson())).isEqualTo(all);
  }

  @Test
  void thenLeavesTheOriginalViewUnchanged() {
    ViewSpec base = ViewSpec.of(new Stage.Limit(3));
    ViewSpec longer = base.then(new Stage.Skip(1));
    assertThat(base.stages()).containsExactly(new Stage.Limit(3));
    assertThat(longer.stages()).containsExactly(new Stage.Limit(3), new Stage.Skip(1));
  }

  @Test
  void readsMissingBooleansAsTheirDefaults() {
    assertThat(ViewSpec.fromJson("""
        [{"stage": "sortBy", "key": {"field": "a"}}, {"stage": "exists", "field": "a"},
         {"stage": "matchTags", "tags": ["x"]}, {"stage": "groupBy", "key": {"field": "p"}},
         {"stage": "filterLabels", "field": "gt", "filter": {"literal": true}}]""").stages())
        .containsExactly(new Stage.SortBy(F.field("a"), false), new Stage.Exists(F.field("a"), true),
            new Stage.MatchTags(List.of("x"), false),
            new Stage.GroupBy(F.field("p"), Optional.empty(), false),
            new Stage.FilterLabels(F.field("gt"), F.lit(true), true));
  }

  @Test
  void worksAsAJacksonModule() throws Exception {
    ObjectMapper mapper = new ObjectMapper().registerModule(StageJson.module());
    ViewSpec spec = new ViewSpec(everyStage().toList());
    String json = mapper.writeValueAsString(spec);
    assertThat(mapper.readValue(json, ViewSpec.class)).isEqualTo(spec);
    Expr e = ExprParser.parse("a + 1 > 2");
    assertThat(mapper.readValue(mapper.writeValueAsString(e), Expr.class)).isEqualTo(e);
  }

  @Test
  void namesTheJsonPointerOfAMalformedPart() {
    assertThatThrownBy(() -> ViewSpec.fromJson(
        "[{\"stage\": \"limit\", \"n\": 1}, {\"stage\": \"match\", \"expr\": {\"op\": \">>\", \"args\": []}}]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("at /1/expr/op: unknown operator '>>'");
    assertThatThrownBy(() -> ViewSpec.fromJson("[{\"stage\": \"shuffle\"}]"))
        .hasMessage("at /0/stage: unknown stage 'shuffle'");
    assertThatThrownBy(() -> ViewSpec.fromJson("[{\"stage\": \"limit\", \"n\": -1}]"))
        .hasMessage("at /0/n: expected a count >= 0, found -1");
    assertThatThrownBy(() -> ViewSpec.fromJson("[{\"stage\": \"limit\", \"n\": 1, \"m\": 2}]"))
        .hasMessage("at /0: unexpected key \"m\"");
    assertThatThrownBy(() -> ExprJson.read("{\"op\": \"==\", \"args\": [{\"field\": \"a\"}]}"))
        .hasMessage("at /args: '==' takes 2 arguments, found 1");
    assertThatThrownBy(() -> ExprJson.read("{\"literal\": {\"a\": 1}}"))
        .hasMessageStartingWith("at /literal: expected null, a boolean, number or string or a list");
    assertThatThrownBy(() -> ExprJson.read("{\"field\": []}"))
        .hasMessageStartingWith("at /field: expected a field name or an array of names");
    assertThatThrownBy(() -> ExprJson.read("{\"field\": [\"a\", \"\"]}"))
        .hasMessageStartingWith("at /field: empty name in field path");
    assertThatThrownBy(() -> ViewSpec.fromJson("[1,"))
        .hasMessageStartingWith("malformed JSON");
  }
}
