// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scanbase.server.AppFixture.MRI;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scanbase.dataset.Sample;
import org.scanbase.dataset.View;

/** Dynamic groups, tagging and saved views through the API, checked against the Java API. */
class GroupTagViewApiTest {
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
  void pagesGroupsByPatientWithTheirSizesAndFirstSliceBySliceLocation() throws Exception {
    JsonNode r = fx.post("/api/datasets/" + MRI + "/groups",
        "{\"groupBy\":\"PatientID\",\"orderBy\":\"SliceLocation\",\"limit\":10,\"members\":2,\"fields\":[\"SliceLocation\"]}");
    List<Object> patients = fx.dataset(MRI).distinct("PatientID");
    assertThat(r.get("count").asLong()).isEqualTo(patients.size()).isEqualTo(2);
    assertThat(r.get("groups")).hasSize(2);
    for (JsonNode g : r.get("groups")) {
      View members = fx.dataset(MRI).match("PatientID == \"" + g.get("key").asText() + "\"").sortBy("SliceLocation");
      assertThat(g.get("count").asLong()).isEqualTo(members.count()).isEqualTo(8);
      assertThat(DatasetApiTest.ids(g.get("samples")))
          .isEqualTo(members.page(0, 2).stream().map(Sample::id).toList());
      assertThat(g.get("samples").get(0).has("PatientID")).isFalse();
      assertThat(g.get("samples").get(0).has("SliceLocation")).isTrue();
    }
  }

  @Test
  void givesTheMembersOfOneGroupInSliceOrder() throws Exception {
    String patient = (String) fx.dataset(MRI).distinct("PatientID").get(1);
    JsonNode r = fx.post("/api/datasets/" + MRI + "/group", "{\"groupBy\":\"PatientID\",\"orderBy\":\"SliceLocation\","
        + "\"reverse\":true,\"key\":\"" + patient + "\",\"fields\":[\"SliceLocation\",\"Hippocampus_L\"]}");
    assertThat(r.get("count").asLong()).isEqualTo(8);
    List<Double> locations = new ArrayList<>();
    r.get("samples").forEach(s -> locations.add(s.get("SliceLocation").asDouble()));
    assertThat(locations).hasSize(8).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    View expected = fx.dataset(MRI).match("PatientID == \"" + patient + "\"")
        .sortBy(org.scanbase.view.F.field("SliceLocation"), true);
    assertThat(DatasetApiTest.ids(r.get("samples"))).isEqualTo(expected.ids());
  }

  @Test
  void refusesAGroupWithoutAKey() throws Exception {
    assertThat(fx.send("POST", "/api/datasets/" + MRI + "/group", "{\"groupBy\":\"PatientID\"}").statusCode())
        .isEqualTo(400);
    assertThat(fx.send("POST", "/api/datasets/" + MRI + "/groups", "{}").statusCode()).isEqualTo(400);
  }

  @Test
  void tagsAndUntagsSamplesByIdAndByView() throws Exception {
    List<String> ids = fx.dataset(MRI).limit(3).ids();
    JsonNode r = fx.post("/api/datasets/" + MRI + "/tags",
        "{\"ids\":" + AppFixture.JSON.writeValueAsString(ids) + ",\"add\":[\"review\"]}");
    assertThat(r.get("samples").asLong()).isEqualTo(3);
    assertThat(fx.dataset(MRI).matchTags(List.of("review"), false).ids()).containsExactlyInAnyOrderElementsOf(ids);
    fx.post("/api/datasets/" + MRI + "/tags", "{\"match\":\"\\\"review\\\" in tags\",\"remove\":[\"review\"],\"add\":[\"seen\"]}");
    assertThat(fx.dataset(MRI).matchTags(List.of("review"), false).count()).isZero();
    assertThat(fx.dataset(MRI).matchTags(List.of("seen"), false).ids()).containsExactlyInAnyOrderElementsOf(ids);
    fx.post("/api/datasets/" + MRI + "/tags", "{\"ids\":" + AppFixture.JSON.writeValueAsString(ids) + ",\"remove\":[\"seen\"]}");
    assertThat(fx.dataset(MRI).matchTags(List.of("seen"), false).count()).isZero();
  }

  @Test
  @SuppressWarnings("unchecked")
  void tagsTheLabelsOfAFieldNotTheSamples() throws Exception {
    String id = fx.dataset(MRI).match("Hippocampus_L.pixels > 0").first().orElseThrow().id();
    fx.post("/api/datasets/" + MRI + "/tags", "{\"ids\":[\"" + id + "\"],\"add\":[\"check\"],\"label_field\":\"Hippocampus_L\"}");
    Sample s = fx.dataset(MRI).sample(id).orElseThrow();
    assertThat((List<Object>) s.get("Hippocampus_L.tags")).containsExactly("check");
    assertThat(s.tags()).doesNotContain("check");
    JsonNode doc = fx.getJson("/api/datasets/" + MRI + "/samples/" + id);
    assertThat(doc.get("Hippocampus_L").get("tags").get(0).asText()).isEqualTo("check");
    assertThat(fx.send("POST", "/api/datasets/" + MRI + "/tags",
        "{\"ids\":[\"" + id + "\"],\"add\":[\"x\"],\"label_field\":\"Manufacturer\"}").statusCode()).isEqualTo(400);
  }

  @Test
  void createsReadsListsReplacesAndDeletesSavedViews() throws Exception {
    String stages = "[{\"stage\":\"match\",\"expr\":{\"op\":\">\",\"args\":[{\"field\":\"SliceLocation\"},{\"literal\":0}]}},"
        + "{\"stage\":\"limit\",\"n\":3}]";
    JsonNode put = AppFixture.ok(fx.send("PUT", "/api/datasets/" + MRI + "/views/upper%20slices", "{\"view\":" + stages + "}"));
    assertThat(put.get("name").asText()).isEqualTo("upper slices");
    View saved = fx.dataset(MRI).savedView("upper slices").orElseThrow();
    assertThat(saved.count()).isEqualTo(3);
    JsonNode one = fx.getJson("/api/datasets/" + MRI + "/views/upper%20slices");
    assertThat(one.get("view")).isEqualTo(AppFixture.JSON.readTree(saved.toJson()));
    JsonNode page = fx.post("/api/datasets/" + MRI + "/samples", "{\"view\":" + one.get("view") + "}");
    assertThat(page.get("count").asLong()).isEqualTo(3);
    assertThat(fx.getJson("/api/datasets/" + MRI + "/views").get(0).get("name").asText()).isEqualTo("upper slices");
    assertThat(fx.getJson("/api/datasets/" + MRI).get("saved_views").get(0).asText()).isEqualTo("upper slices");
    AppFixture.ok(fx.send("PUT", "/api/datasets/" + MRI + "/views/upper%20slices", "{\"view\":[{\"stage\":\"limit\",\"n\":1}]}"));
    assertThat(fx.dataset(MRI).savedView("upper slices").orElseThrow().count()).isEqualTo(1);
    assertThat(fx.send("PUT", "/api/datasets/" + MRI + "/views/bad", "{\"view\":[{\"stage\":\"nope\"}]}").statusCode())
        .isEqualTo(400);
    AppFixture.ok(fx.send("DELETE", "/api/datasets/" + MRI + "/views/upper%20slices", ""));
    assertThat(fx.dataset(MRI).savedViewNames()).isEmpty();
    assertThat(fx.get("/api/datasets/" + MRI + "/views/upper%20slices").statusCode()).isEqualTo(404);
    assertThat(fx.send("DELETE", "/api/datasets/" + MRI + "/views/upper%20slices", "").statusCode()).isEqualTo(404);
  }
}
