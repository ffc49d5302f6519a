// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.view.ExprParser;
import org.scanbase.view.F;
import org.scanbase.view.InMemoryView;
import org.scanbase.view.SqlFragment;
import org.scanbase.view.Stage;
import org.scanbase.view.ViewSpec;

/**
 * Which SQL {@link SqliteStore} counts with: one index per conjunct ({@link org.scanbase.view.IndexedConjunction})
 * only when SQLite's plan reads indexes alone, and the same counts as
 * {@link InMemoryView} either way, on fields with missing, null, list and mixed-class values.
 */
class SqliteCountsTest {
  @TempDir
  Path dir;
  private SqliteStore store;
  private List<Map<String, Object>> docs;

  @BeforeEach
  void fill() {
    store = new SqliteStore(dir.resolve("counts.db"));
    store.createDataset("d", "image");
    Random random = new Random(7);
    List<Object> modalities = new ArrayList<>(List.of("MR", "MR", "CT", "mr", 5L, List.of("MR"), true));
    modalities.add(null);
    List<Object> slices = new ArrayList<>(List.of(-3.5, 0L, 10L, 10.5, 42L, "20", List.of(11L, 12L), false));
    slices.add(null);
    List<Map<String, Object>> batch = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("filepath", "/s/" + i + ".dcm");
      int m = random.nextInt(modalities.size() + 1);
      if (m < modalities.size()) {
        doc.put("Modality", modalities.get(m));
      }
      int s = random.nextInt(slices.size() + 1);
      if (s < slices.size()) {
        doc.put("SliceLocation", slices.get(s));
      }
      doc.put("PatientID", "P" + random.nextInt(9));
      batch.add(doc);
    }
    store.insertSamples("d", batch);
    docs = store.find("d", ViewSpec.of(), 0, Long.MAX_VALUE);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private SqlFragment countSql(ViewSpec view) {
    return store.read("test", c -> SqliteCounts.count(c, store.tables(c, "d"), view));
  }

  private void assertCountAgrees(ViewSpec view) {
    assertThat(store.count("d", view)).as("%s", view).isEqualTo(InMemoryView.apply(view, docs).size());
  }

  private static ViewSpec match(String expr) {
    return ViewSpec.of(new Stage.Match(ExprParser.parse(expr)));
  }

  @Test
  void aConjunctionOfIndexedFieldsIsCountedFromTheIndexesAlone() {
    ViewSpec view = match("Modality == \"MR\" and SliceLocation > 10");
    assertThat(countSql(view).sql()).doesNotContain("+seq IN");
    assertCountAgrees(view);
    store.createIndex("d", F.field("Modality"));
    assertThat(countSql(view).sql()).as("one conjunct without an index").doesNotContain("+seq IN");
    assertCountAgrees(view);
    store.createIndex("d", F.field("SliceLocation"));
    assertThat(countSql(view).sql()).contains("+seq IN");
    assertCountAgrees(view);
    assertThat(store.count("d", view)).as("the data has matches").isPositive();
    ViewSpec sorted = view.then(new Stage.SortBy(F.field("SliceLocation"), true));
    assertThat(countSql(sorted).sql()).as("a sort changes no count").contains("+seq IN");
    assertCountAgrees(sorted);
  }

  @Test
  void conjunctsFromSeveralStagesAndMixedClassesAgreeWithTheReference() {
    store.createIndex("d", F.field("Modality"));
    store.createIndex("d", F.field("SliceLocation"));
    for (ViewSpec view : List.of(
        match("Modality != \"CT\" and SliceLocation <= 10.5"),
        match("Modality == 5 and SliceLocation == null"),
        match("Modality == true and SliceLocation >= \"1\""),
        match("SliceLocation > 0 and SliceLocation < 11 and Modality == \"MR\""),
        ViewSpec.of(new Stage.Exists(F.field("Modality"), true), new Stage.Match(ExprParser.parse("SliceLocation > 0"))),
        ViewSpec.of(new Stage.Match(ExprParser.parse("Modality == \"MR\"")),
            new Stage.Match(ExprParser.parse("SliceLocation == 10"))))) {
      assertCountAgrees(view);
    }
    assertThat(countSql(ViewSpec.of(new Stage.Match(ExprParser.parse("Modality == \"MR\"")),
        new Stage.Match(ExprParser.parse("SliceLocation == 10")))).sql()).contains("+seq IN");
  }

  @Test
  void aConjunctNoIndexAnswersKeepsThePlainCount() {
    store.createIndex("d", F.field("Modality"));
    store.createIndex("d", F.field("SliceLocation"));
    ViewSpec view = match("Modality == \"MR\" and contains(PatientID, \"3\")");
    assertThat(countSql(view).sql()).doesNotContain("+seq IN");
    assertCountAgrees(view);
    ViewSpec sliced = ViewSpec.of(new Stage.Match(ExprParser.parse("Modality == \"MR\" and SliceLocation > 10")),
        new Stage.Limit(5));
    assertThat(countSql(sliced).sql()).doesNotContain("+seq IN");
    assertCountAgrees(sliced);
  }
}
