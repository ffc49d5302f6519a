// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryViewTest {
  private static final List<Map<String, Object>> SAMPLES = read("""
      [{"id": "s1", "tags": ["review"], "PatientID": "P2", "SliceLocation": 3.0, "Modality": "MR",
        "metadata": {"width": 64, "height": 64},
        "gt": {"_type": "Detections", "detections": [{"label": "L", "confidence": 0.9},
                                                     {"label": "R", "confidence": 0.2}]}},
       {"id": "s2", "tags": [], "PatientID": "P1", "SliceLocation": 1.0, "Modality": "MR",
        "metadata": {"width": 64, "height": 64},
        "gt": {"_type": "Detections", "detections": [{"label": "R", "confidence": 0.4}]}},
       {"id": "s3", "tags": ["review", "train"], "PatientID": "P1", "SliceLocation": -2.5,
        "Modality": "CT", "mask": {"_type": "Segmentation", "pixels": 0}},
       {"id": "s4", "tags": ["train"], "PatientID": "P2", "SliceLocation": 0.5, "Modality": "MR",
        "mask": {"_type": "Segmentation", "pixels": 12}},
       {"id": "s5", "tags": [], "SliceLocation": null, "Modality": "MR"}]""");

  private static List<Map<String, Object>> read(String json) {
    try {
      return new ObjectMapper().readValue(json, new TypeReference<>() {});
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Object> ids(List<Map<String, Object>> samples) {
    return samples.stream().map(s -> s.get("id")).toList();
  }

  private static List<Object> run(Stage... stages) {
    return ids(InMemoryView.apply(ViewSpec.of(stages), SAMPLES));
  }

  @Test
  void matchesSortsSkipsAndLimits() {
    assertThat(run(new Stage.Match(ExprParser.parse("Modality == \"MR\"")),
        new Stage.SortBy(F.field("SliceLocation"), false), new Stage.Skip(1), new Stage.Limit(2)))
        .containsExactly("s2", "s1");
    assertThat(run(new Stage.SortBy(F.field("SliceLocation"), true)))
        .containsExactly("s1", "s2", "s4", "s3", "s5");
  }

  @Test
  void selectsExcludesAndMatchesTagsAndExistence() {
    assertThat(run(new Stage.Select(List.of("s4", "s1", "nope")))).containsExactly("s1", "s4");
    assertThat(run(new Stage.Exclude(List.of("s1")))).containsExactly("s2", "s3", "s4", "s5");
    assertThat(run(new Stage.MatchTags(List.of("review", "train"), false))).containsExactly("s1", "s3", "s4");
    assertThat(run(new Stage.MatchTags(List.of("review", "train"), true))).containsExactly("s3");
    assertThat(run(new Stage.MatchTags(List.of(), true))).hasSize(5);
    assertThat(run(new Stage.Exists(F.field("SliceLocation"), true))).containsExactly("s1", "s2", "s3", "s4");
    assertThat(run(new Stage.Exists(F.field("SliceLocation"), false))).containsExactly("s5");
  }

  @Test
  void takeOrdersByTheMd5OfSeedAndId() throws Exception {
    List<Object> taken = run(new Stage.Take(3, 51));
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    Comparator<String> byDigest = Comparator.comparing(id ->
        String.format("%032x", new BigInteger(1, md5.digest(("51:" + id).getBytes(StandardCharsets.UTF_8)))));
    List<Object> expected = ids(SAMPLES).stream().map(Object::toString).sorted(byDigest).limit(3)
        .map(Object.class::cast).toList();
    assertThat(taken).isEqualTo(expected);
    assertThat(run(new Stage.Take(3, 51))).isEqualTo(taken);
    assertThat(run(new Stage.Take(5, 52))).containsExactlyInAnyOrder("s1", "s2", "s3", "s4", "s5");
  }

  @Test
  void selectsAndExcludesFieldsWithoutTouchingTheInput() {
    List<Map<String, Object>> out = InMemoryView.apply(ViewSpec.of(
        new Stage.SelectFields(List.of(F.field("Modality"), F.field("gt._type")))), SAMPLES);
    assertThat(out.get(0)).containsOnlyKeys("id", "tags", "metadata", "Modality", "gt");
    assertThat(out.get(0).get("gt")).isEqualTo(Map.of("_type", "Detections"));
    assertThat(out.get(2)).containsOnlyKeys("id", "tags", "Modality");
    out = InMemoryView.apply(ViewSpec.of(
        new Stage.ExcludeFields(List.of(F.field("Modality"), F.field("metadata.width")))), SAMPLES);
    assertThat(out.get(0)).doesNotContainKey("Modality");
    assertThat(out.get(0).get("metadata")).isEqualTo(Map.of("height", 64));
    assertThat(SAMPLES.get(0)).containsKey("Modality");
    assertThat(SAMPLES.get(0).get("metadata")).isEqualTo(Map.of("width", 64, "height", 64));
    assertThatThrownBy(() -> run(new Stage.ExcludeFields(List.of(F.field("id")))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void filtersLabelsInsideListContainersAndSingleLabels() {
    List<Map<String, Object>> out = InMemoryView.apply(ViewSpec.of(new Stage.FilterLabels(
        F.field("gt"), ExprParser.parse("label == \"R\""), true)), SAMPLES);
    assertThat(ids(out)).containsExactly("s1", "s2");
    assertThat(out.get(0).get("gt")).isEqualTo(Map.of("_type", "Detections",
        "detections", List.of(Map.of("label", "R", "confidence", 0.2))));
    assertThat(run(new Stage.FilterLabels(F.field("gt"), ExprParser.parse("confidence > 0.5"), false)))
        .containsExactly("s1", "s2", "s3", "s4", "s5");
    assertThat(run(new Stage.FilterLabels(F.field("mask"), ExprParser.parse("pixels > 0"), true)))
        .containsExactly("s4");
    List<Map<String, Object>> kept = InMemoryView.apply(ViewSpec.of(new Stage.FilterLabels(
        F.field("mask"), ExprParser.parse("pixels > 0"), false)), SAMPLES);
    assertThat(kept.get(2)).containsEntry("mask", null);
    assertThat(SAMPLES.get(0).get("gt").toString()).contains("confidence=0.9");
  }

  @Test
  void groupsByKeyInKeyOrderWithMembersInOrderByOrder() {
    ViewSpec spec = ViewSpec.of(new Stage.GroupBy(F.field("PatientID"),
        Optional.of(F.field("SliceLocation")), false));
    List<InMemoryView.Group> groups = InMemoryView.groups(spec, SAMPLES);
    assertThat(groups).extracting(InMemoryView.Group::key).containsExactly("P1", "P2", null);
    assertThat(groups).extracting(g -> ids(g.samples())).containsExactly(
        List.of("s3", "s2"), List.of("s4", "s1"), List.of("s5"));
    assertThat(ids(InMemoryView.apply(spec, SAMPLES))).containsExactly("s3", "s2", "s4", "s1", "s5");
    List<InMemoryView.Group> page = InMemoryView.groups(spec.then(new Stage.Skip(1)).then(new Stage.Limit(1)), SAMPLES);
    assertThat(page).extracting(InMemoryView.Group::key).containsExactly("P2");
    assertThatThrownBy(() -> InMemoryView.groups(ViewSpec.of(new Stage.Limit(1)), SAMPLES))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void filteringStagesAreExpressionsTheSqlCompilerCanCompile() {
    assertThat(InMemoryView.asFilter(new Stage.MatchTags(List.of("a", "b"), true)))
        .contains(ExprParser.parse("\"a\" in tags and \"b\" in tags"));
    assertThat(InMemoryView.asFilter(new Stage.Exists(F.field("x"), false)))
        .contains(ExprParser.parse("not exists(x)"));
    assertThat(InMemoryView.asFilter(new Stage.Limit(1))).isEmpty();
  }

  @Test
  void leavesToFramesToTheDatasetModel() {
    assertThatThrownBy(() -> run(new Stage.ToFrames())).isInstanceOf(UnsupportedOperationException.class);
  }
}
