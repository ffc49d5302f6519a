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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.scanbase.view.AggregationResult.BoundsResult;
import org.scanbase.view.AggregationResult.CountResult;
import org.scanbase.view.AggregationResult.CountValuesResult;
import org.scanbase.view.AggregationResult.DistinctResult;
import org.scanbase.view.AggregationResult.HistogramResult;
import org.scanbase.view.AggregationResult.MeanResult;
import org.scanbase.view.AggregationResult.StdResult;
import org.scanbase.view.AggregationResult.SumResult;
import org.scanbase.view.AggregationResult.ValueCount;

/** The JSON form of aggregations (written, read back) and of their results. */
class AggregationJsonTest {

  static Stream<Arguments> aggregationsAndTheirJson() {
    Expr.Field maker = F.field("Manufacturer");
    Expr.Field label = F.field("ground_truth.detections.label");
    return Stream.of(
        Arguments.of(new Aggregation.Count(), "{\"aggregation\":\"count\",\"field\":null}"),
        Arguments.of(new Aggregation.Count(F.field("tags")), "{\"aggregation\":\"count\",\"field\":\"tags\"}"),
        Arguments.of(new Aggregation.CountValues(maker, 10),
            "{\"aggregation\":\"countValues\",\"field\":\"Manufacturer\",\"limit\":10}"),
        Arguments.of(new Aggregation.CountValues(label),
            "{\"aggregation\":\"countValues\",\"field\":[\"ground_truth\",\"detections\",\"label\"],\"limit\":0}"),
        Arguments.of(new Aggregation.Distinct(F.path("a.b")), "{\"aggregation\":\"distinct\",\"field\":\"a.b\"}"),
        Arguments.of(new Aggregation.Bounds(maker), "{\"aggregation\":\"bounds\",\"field\":\"Manufacturer\"}"),
        Arguments.of(new Aggregation.Mean(maker), "{\"aggregation\":\"mean\",\"field\":\"Manufacturer\"}"),
        Arguments.of(new Aggregation.Sum(maker), "{\"aggregation\":\"sum\",\"field\":\"Manufacturer\"}"),
        Arguments.of(new Aggregation.Std(maker, true),
            "{\"aggregation\":\"std\",\"field\":\"Manufacturer\",\"sample\":true}"),
        Arguments.of(new Aggregation.Histogram(F.field("SliceLocation"), 20),
            "{\"aggregation\":\"histogram\",\"field\":\"SliceLocation\",\"bins\":20,\"range\":null}"),
        Arguments.of(new Aggregation.Histogram(F.field("SliceLocation"), 4,
                Optional.of(new Aggregation.Range(-1.5, 10))),
            "{\"aggregation\":\"histogram\",\"field\":\"SliceLocation\",\"bins\":4,\"range\":[-1.5,10.0]}"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("aggregationsAndTheirJson")
  void everyAggregationIsWrittenInOneShapeAndReadBackEqual(Aggregation aggregation, String json) {
    assertThat(AggregationJson.write(aggregation)).isEqualTo(json);
    assertThat(AggregationJson.read(json)).isEqualTo(aggregation);
  }

  @Test
  void readingFillsInTheDefaults() {
    assertThat(AggregationJson.read("{\"aggregation\": \"count\"}")).isEqualTo(new Aggregation.Count());
    assertThat(AggregationJson.read("{\"aggregation\": \"countValues\", \"field\": \"Modality\"}"))
        .isEqualTo(new Aggregation.CountValues(F.field("Modality"), 0));
    assertThat(AggregationJson.read("{\"aggregation\": \"std\", \"field\": \"x\"}"))
        .isEqualTo(new Aggregation.Std(F.field("x"), false));
    assertThat(AggregationJson.read("{\"aggregation\": \"histogram\", \"field\": \"x\", \"bins\": 3}"))
        .isEqualTo(new Aggregation.Histogram(F.field("x"), 3, Optional.empty()));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"aggregation\": \"median\", \"field\": \"x\"}|at /aggregation: unknown aggregation 'median'",
      "{\"field\": \"x\"}|at /: expected an object with an \"aggregation\" name",
      "{\"aggregation\": \"mean\"}|at /: missing \"field\"",
      "{\"aggregation\": \"mean\", \"field\": \"x\", \"limit\": 3}|at /: unexpected key \"limit\"",
      "{\"aggregation\": \"countValues\", \"field\": \"x\", \"limit\": -1}|at /: countValues limit must be >= 0",
      "{\"aggregation\": \"countValues\", \"field\": 3}|at /field: expected a field name",
      "{\"aggregation\": \"histogram\", \"field\": \"x\"}|at /: missing \"bins\"",
      "{\"aggregation\": \"histogram\", \"field\": \"x\", \"bins\": 0}|at /: histogram bins must be 1..10000, was 0",
      "{\"aggregation\": \"histogram\", \"field\": \"x\", \"bins\": 2.5}|at /bins: expected an integer",
      "{\"aggregation\": \"histogram\", \"field\": \"x\", \"bins\": 2, \"range\": [5, 1]}|at /range: a histogram range needs finite min < max",
      "{\"aggregation\": \"histogram\", \"field\": \"x\", \"bins\": 2, \"range\": [5]}|at /range: expected [min, max] or null",
      "{\"aggregation\": \"std\", \"field\": \"x\", \"sample\": \"yes\"}|at /sample: expected true or false",
  })
  void malformedAggregationsAreRejectedNamingWhere(String json, String message) {
    assertThatThrownBy(() -> AggregationJson.read(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void resultsHaveOneJsonShapeEach() {
    assertThat(AggregationJson.resultToJson(new CountResult(12))).hasToString("{\"count\":12}");
    assertThat(AggregationJson.resultToJson(new CountValuesResult(
        List.of(new ValueCount("GE", 7), new ValueCount(2L, 3), new ValueCount(true, 1)), 4, 1)))
        .hasToString("{\"values\":[{\"value\":\"GE\",\"count\":7},{\"value\":2,\"count\":3},"
            + "{\"value\":true,\"count\":1}],\"others\":4,\"missing\":1}");
    assertThat(AggregationJson.resultToJson(new DistinctResult(List.of(1L, 2.5, "a", false))))
        .hasToString("{\"values\":[1,2.5,\"a\",false]}");
    assertThat(AggregationJson.resultToJson(new BoundsResult(null, null)))
        .hasToString("{\"min\":null,\"max\":null}");
    assertThat(AggregationJson.resultToJson(new BoundsResult("a", "z")))
        .hasToString("{\"min\":\"a\",\"max\":\"z\"}");
    assertThat(AggregationJson.resultToJson(new MeanResult(null, 0))).hasToString("{\"mean\":null,\"count\":0}");
    assertThat(AggregationJson.resultToJson(new SumResult(10, 4))).hasToString("{\"sum\":10.0,\"count\":4}");
    assertThat(AggregationJson.resultToJson(new StdResult(2.0, 8))).hasToString("{\"std\":2.0,\"count\":8}");
    assertThat(AggregationJson.resultToJson(new HistogramResult(new double[] {0, 0.5, 1}, new long[] {3, 4}, 2)))
        .hasToString("{\"edges\":[0.0,0.5,1.0],\"counts\":[3,4],\"other\":2}");
  }

  @Test
  void theJacksonModuleWritesAndReadsTheSameShapes() throws Exception {
    ObjectMapper mapper = new ObjectMapper().registerModule(AggregationJson.module());
    Aggregation a = new Aggregation.CountValues(F.field("metadata.width"), 5);
    String json = mapper.writeValueAsString(a);
    assertThat(json).isEqualTo("{\"aggregation\":\"countValues\",\"field\":[\"metadata\",\"width\"],\"limit\":5}");
    assertThat(mapper.readValue(json, Aggregation.class)).isEqualTo(a);
    assertThat(mapper.writeValueAsString(new CountResult(3))).isEqualTo("{\"count\":3}");
  }
}
