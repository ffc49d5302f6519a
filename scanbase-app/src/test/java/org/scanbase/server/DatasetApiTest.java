// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scanbase.server.AppFixture.CT;
import static org.scanbase.server.AppFixture.MRI;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.Sample;
import org.scanbase.dataset.View;
import org.scanbase.view.AggregationResult;
import org.scanbase.view.F;

/** The dataset, samples, count, aggregation and parse endpoints agree with the Java API. */
class DatasetApiTest {
  static AppFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = AppFixture.start();
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  @Test
  void listsEveryDatasetWithItsMediaTypeAndSize() throws Exception {
    JsonNode list = fx.getJson("/api/datasets");
    assertThat(list).hasSize(2);
    assertThat(list.get(0).get("name").asText()).isEqualTo(CT);
    assertThat(list.get(0).get("media_type").asText()).isEqualTo("volume");
    assertThat(list.get(0).get("samples").asLong()).isEqualTo(fx.dataset(CT).count()).isEqualTo(2);
    assertThat(list.get(1).get("name").asText()).isEqualTo(MRI);
    assertThat(list.get(1).get("samples").asLong()).isEqualTo(16);
  }

  @Test
  void describesADatasetWithSchemaLabelFieldsFrameFieldsAndMaskTargets() throws Exception {
    JsonNode info = fx.getJson("/api/datasets/" + CT);
    Dataset ct = fx.dataset(CT);
    assertThat(info.get("fields").get("Lung Mask").asText()).isEqualTo("Segmentation");
    assertThat(info.get("fields").size()).isEqualTo(ct.schema().size());
    assertThat(iterable(info.get("label_fields").fieldNames()))
        .containsExactlyInAnyOrder("Lung Mask", "Infection Mask", "All Masks");
    assertThat(info.get("frame_fields").get("Infection Mask").asText()).isEqualTo("Segmentation");
    assertThat(info.get("mask_targets").get("Lung Mask").get("2").asText()).isEqualTo("right lung");
    JsonNode mri = fx.getJson("/api/datasets/" + MRI);
    assertThat(mri.get("app_config").get("colors").has("Hippocampus_L")).isTrue();
    assertThat(mri.get("frame_fields").size()).isZero();
  }

  @Test
  void answersAnUnknownDatasetWith404AndAnErrorDocument() throws Exception {
    HttpResponse<byte[]> r = fx.get("/api/datasets/no-such-set");
    assertThat(r.statusCode()).isEqualTo(404);
    JsonNode e = AppFixture.json(r);
    assertThat(e.get("error").asText()).contains("no-such-set");
    assertThat(e.get("status").asInt()).isEqualTo(404);
  }

  @Test
  void pagesAViewGivenAsStagesInTheOrderTheJavaApiGives() throws Exception {
    String view = "[{\"stage\":\"match\",\"expr\":{\"op\":\">\",\"args\":[{\"field\":\"SliceLocation\"},{\"literal\":-20}]}},"
        + "{\"stage\":\"sortBy\",\"key\":{\"field\":\"SliceLocation\"},\"reverse\":true}]";
    JsonNode page = fx.post("/api/datasets/" + MRI + "/samples", "{\"view\":" + view + ",\"offset\":2,\"limit\":5}");
    View expected = fx.dataset(MRI).match(F.field("SliceLocation").gt(-20)).sortBy(F.field("SliceLocation"), true);
    assertThat(page.get("count").asLong()).isEqualTo(expected.count()).isGreaterThan(7);
    assertThat(ids(page.get("samples"))).isEqualTo(expected.page(2, 5).stream().map(Sample::id).toList());
    JsonNode first = page.get("samples").get(0);
    Sample s = fx.dataset(MRI).sample(first.get("id").asText()).orElseThrow();
    assertThat(first.get("filepath").asText()).isEqualTo(s.filepath());
    assertThat(first.get("SliceLocation").asDouble()).isEqualTo(((Number) s.get("SliceLocation")).doubleValue());
    assertThat(first.get("Manufacturer").asText()).isEqualTo(s.get("Manufacturer"));
  }

  @Test
  void addsTheMatchTextAsOneMoreStageAndKeepsOnlyTheAskedFields() throws Exception {
    JsonNode page = fx.post("/api/datasets/" + MRI + "/samples",
        "{\"match\":\"Hippocampus_L.pixels > 0 and Manufacturer != \\\"x\\\"\",\"limit\":100,\"fields\":[\"Hippocampus_L\"]}");
    long expected = fx.dataset(MRI).match("Hippocampus_L.pixels > 0").count();
    assertThat(page.get("count").asLong()).isEqualTo(expected).isPositive();
    assertThat(page.get("samples")).hasSize((int) expected);
    JsonNode s = page.get("samples").get(0);
    assertThat(s.has("Hippocampus_L")).isTrue();
    assertThat(s.has("SliceLocation")).isFalse();
    assertThat(s.has("filepath")).isTrue();
  }

  @Test
  void putsTheMatchTextBeforeTheViewsSortAndPaging() throws Exception {
    String view = "[{\"stage\":\"sortBy\",\"key\":{\"field\":\"SliceLocation\"},\"reverse\":false},"
        + "{\"stage\":\"limit\",\"n\":4}]";
    JsonNode page = fx.post("/api/datasets/" + MRI + "/samples",
        "{\"view\":" + view + ",\"match\":\"SliceLocation > 0\",\"limit\":50}");
    View expected = fx.dataset(MRI).match("SliceLocation > 0").sortBy("SliceLocation").limit(4);
    assertThat(page.get("count").asLong()).isEqualTo(4);
    assertThat(ids(page.get("samples"))).isEqualTo(expected.ids());
  }

  @Test
  void pagesTheFramesOfVolumesAsSamplesWithAToFramesStage() throws Exception {
    JsonNode page = fx.post("/api/datasets/" + CT + "/samples",
        "{\"view\":[{\"stage\":\"toFrames\"}],\"match\":\"`Infection Mask`.pixels > 0\",\"limit\":5}");
    View expected = fx.dataset(CT).toFrames().match("`Infection Mask`.pixels > 0");
    assertThat(page.get("count").asLong()).isEqualTo(expected.count()).isPositive();
    JsonNode first = page.get("samples").get(0);
    assertThat(first.get("frame_number").asInt()).isEqualTo(((Number) expected.first().orElseThrow().get("frame_number")).intValue());
    assertThat(first.get("Infection Mask").get("pixels").asLong()).isPositive();
  }

  @Test
  void skipsTheCountWhenAskedTo() throws Exception {
    JsonNode page = fx.post("/api/datasets/" + MRI + "/samples", "{\"limit\":3,\"count\":false}");
    assertThat(page.has("count")).isFalse();
    assertThat(page.get("samples")).hasSize(3);
  }

  @Test
  void countsAView() throws Exception {
    JsonNode n = fx.post("/api/datasets/" + MRI + "/count", "{\"match\":\"SliceLocation < 0\"}");
    assertThat(n.get("count").asLong()).isEqualTo(fx.dataset(MRI).match("SliceLocation < 0").count());
  }

  @Test
  void runsSeveralAggregationsInOneRequestLikeTheJavaApi() throws Exception {
    JsonNode r = fx.post("/api/datasets/" + MRI + "/aggregate", "{\"match\":\"SliceLocation > -30\",\"aggregations\":["
        + "{\"aggregation\":\"countValues\",\"field\":\"Manufacturer\",\"limit\":0},"
        + "{\"aggregation\":\"bounds\",\"field\":\"SliceLocation\"},"
        + "{\"aggregation\":\"histogram\",\"field\":\"SliceLocation\",\"bins\":4},"
        + "{\"aggregation\":\"distinct\",\"field\":\"PatientID\"},"
        + "{\"aggregation\":\"count\"},"
        + "{\"aggregation\":\"mean\",\"field\":[\"metadata\",\"width\"]}]}").get("results");
    View v = fx.dataset(MRI).match("SliceLocation > -30");
    AggregationResult.CountValuesResult cv = v.countValues("Manufacturer", 0);
    assertThat(r.get(0).get("values")).hasSize(cv.values().size());
    for (int i = 0; i < cv.values().size(); i++) {
      assertThat(r.get(0).get("values").get(i).get("value").asText()).isEqualTo(cv.values().get(i).value());
      assertThat(r.get(0).get("values").get(i).get("count").asLong()).isEqualTo(cv.values().get(i).count());
    }
    assertThat(r.get(1).get("min").asDouble()).isEqualTo(((Number) v.bounds("SliceLocation").min()).doubleValue());
    assertThat(r.get(1).get("max").asDouble()).isEqualTo(((Number) v.bounds("SliceLocation").max()).doubleValue());
    long[] counts = v.histogram("SliceLocation", 4).counts();
    for (int i = 0; i < 4; i++) {
      assertThat(r.get(2).get("counts").get(i).asLong()).isEqualTo(counts[i]);
    }
    assertThat(r.get(3).get("values")).hasSize(2);
    assertThat(r.get(4).get("count").asLong()).isEqualTo(v.count());
    assertThat(r.get(5).get("mean").asDouble()).isEqualTo(64.0);
  }

  @Test
  void namesTheBadAggregationInA400() throws Exception {
    HttpResponse<byte[]> r = fx.send("POST", "/api/datasets/" + MRI + "/aggregate",
        "{\"aggregations\":[{\"aggregation\":\"count\"},{\"aggregation\":\"median\",\"field\":\"x\"}]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(AppFixture.json(r).get("error").asText()).contains("/aggregations/1").contains("median");
  }

  @Test
  void parsesTextExpressionsAndPointsAtTheColumnOfAnError() throws Exception {
    JsonNode ok = fx.post("/api/datasets/" + MRI + "/parse", "{\"expr\":\"SliceLocation > 10\"}");
    assertThat(ok.get("expr").get("op").asText()).isEqualTo(">");
    assertThat(ok.get("expr").get("args").get(0).get("field").asText()).isEqualTo("SliceLocation");
    HttpResponse<byte[]> bad = fx.send("POST", "/api/datasets/" + MRI + "/parse", "{\"expr\":\"SliceLocation >\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(AppFixture.json(bad).get("column").asInt()).isEqualTo(16);
    HttpResponse<byte[]> badMatch = fx.send("POST", "/api/datasets/" + MRI + "/samples", "{\"match\":\"(a ==\"}");
    assertThat(badMatch.statusCode()).isEqualTo(400);
    assertThat(AppFixture.json(badMatch).has("column")).isTrue();
  }

  @Test
  void rejectsBadJsonAndBadStagesWith400() throws Exception {
    assertThat(fx.send("POST", "/api/datasets/" + MRI + "/samples", "{not json").statusCode()).isEqualTo(400);
    HttpResponse<byte[]> r = fx.send("POST", "/api/datasets/" + MRI + "/samples", "{\"view\":[{\"stage\":\"shuffle\"}]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(AppFixture.json(r).get("error").asText()).contains("shuffle");
    assertThat(fx.send("POST", "/api/datasets/" + MRI + "/samples", "{\"limit\":100000}").statusCode()).isEqualTo(400);
  }

  @Test
  void givesOneSampleWithAllFieldsAndTheFramesOfAVolume() throws Exception {
    Sample mr = fx.dataset(MRI).first().orElseThrow();
    JsonNode doc = fx.getJson("/api/datasets/" + MRI + "/samples/" + mr.id());
    assertThat(doc.get("id").asText()).isEqualTo(mr.id());
    assertThat(doc.size()).isEqualTo(mr.toMap().size() + 1);
    assertThat(doc.get("frame_count").asInt()).isZero();
    Sample ct = fx.dataset(CT).first().orElseThrow();
    JsonNode ctDoc = fx.getJson("/api/datasets/" + CT + "/samples/" + ct.id());
    assertThat(ctDoc.get("frame_count").asInt()).isEqualTo(16);
    JsonNode frames = fx.getJson("/api/datasets/" + CT + "/samples/" + ct.id() + "/frames?offset=3&limit=4");
    assertThat(frames.get("count").asInt()).isEqualTo(16);
    assertThat(frames.get("frames")).hasSize(4);
    assertThat(frames.get("frames").get(0).get("frame_number").asInt()).isEqualTo(4);
    assertThat(frames.get("frames").get(0).get("Lung Mask").get("pixels").asLong())
        .isEqualTo(((Number) ct.frames().get(4).get("Lung Mask.pixels")).longValue());
  }

  @Test
  void answersASampleOfAnotherDatasetWith404() throws Exception {
    Sample ct = fx.dataset(CT).first().orElseThrow();
    assertThat(fx.get("/api/datasets/" + MRI + "/samples/" + ct.id()).statusCode()).isEqualTo(404);
  }

  @Test
  void tellsTheUiHowItWasStarted() throws Exception {
    JsonNode c = fx.getJson("/api/config");
    assertThat(c.get("token_required").asBoolean()).isFalse();
    assertThat(c.get("dataset").isNull()).isTrue();
  }

  static List<String> ids(JsonNode samples) {
    List<String> out = new ArrayList<>();
    samples.forEach(s -> out.add(s.get("id").asText()));
    return out;
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
    return () -> it;
  }
}
