// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.view.ExprParser;
import org.scanbase.view.F;
import org.scanbase.view.Stage;
import org.scanbase.view.ViewSpec;

/**
 * What every {@link Store} must do, written against the interface only; each backend runs it
 * by extending this class ({@code SqliteStoreTest}; PostgreSQL joins with its issue).
 */
public abstract class StoreContract {
  @TempDir
  protected Path dir;

  protected Store store;

  /** A fresh, empty store; {@link #reopen()} must give the same data. */
  protected abstract Store open(Path dir);

  @BeforeEach
  void openStore() {
    store = open(dir);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  protected void reopen() {
    store.close();
    store = open(dir);
  }

  protected static Map<String, Object> doc(Object... kv) {
    Map<String, Object> d = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      d.put((String) kv[i], kv[i + 1]);
    }
    return d;
  }

  private List<Object> field(List<Map<String, Object>> docs, String f) {
    List<Object> out = new ArrayList<>();
    docs.forEach(d -> out.add(d.get(f)));
    return out;
  }

  @Test
  void createsListsAndDeletesDatasets() {
    store.createDataset("b", "image");
    store.createDataset("a", "volume");
    assertThat(store.datasets()).extracting(DatasetRecord::name).containsExactly("a", "b");
    assertThat(store.dataset("a").orElseThrow().mediaType()).isEqualTo("volume");
    assertThatThrownBy(() -> store.createDataset("a", "image"))
        .isInstanceOf(StoreException.class).hasMessageContaining("'a' already exists");
    assertThat(store.deleteDataset("a")).isTrue();
    assertThat(store.deleteDataset("a")).isFalse();
    assertThat(store.datasets()).extracting(DatasetRecord::name).containsExactly("b");
    assertThatThrownBy(() -> store.count("a", ViewSpec.of()))
        .isInstanceOf(StoreException.class).hasMessageContaining("no dataset named 'a'");
  }

  @Test
  void givesIncreasingIdsAndKeepsDocumentsAsWritten() {
    store.createDataset("d", "image");
    List<String> first = store.insertSamples("d", List.of(doc("filepath", "/a", "x", 1L), doc("filepath", "/b")));
    List<String> second = store.insertSamples("d", List.of(doc("filepath", "/c", "nested", Map.of("k", List.of(1L, 2.5, "s", true)))));
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    assertThat(all).allMatch(id -> id.matches("[0-9a-f]{24}"));
    assertThat(all).isSorted().doesNotHaveDuplicates();
    List<Map<String, Object>> docs = store.find("d", ViewSpec.of(), 0, 10);
    assertThat(field(docs, "id")).containsExactlyElementsOf(all);
    assertThat(docs.get(0)).containsEntry("x", 1L);
    assertThat(docs.get(2).get("nested")).isEqualTo(Map.of("k", List.of(1L, 2.5, "s", true)));
  }

  @Test
  void keepsStringsWithEscapesAndControlCharactersAsWritten() {
    store.createDataset("d", "image");
    String awkward = "back\\slash \\N \\. tab\there\nnew line\r \"quoted\" it's \u00e9\u4e2d\ud83d\ude00 \u0001";
    store.insertSamples("d", List.of(doc("filepath", "C:\\scans\\a.dcm", "note", awkward,
        "nested", Map.of("k\\ey\t", List.of(awkward)))));
    Map<String, Object> back = store.find("d", ViewSpec.of(), 0, 1).get(0);
    assertThat(back).containsEntry("filepath", "C:\\scans\\a.dcm").containsEntry("note", awkward);
    assertThat(back.get("nested")).isEqualTo(Map.of("k\\ey\t", List.of(awkward)));
    assertThat(store.count("d", ViewSpec.of(new Stage.Match(F.field("note").eq(awkward))))).isEqualTo(1);
  }

  @Test
  void keepsDataAcrossReopening() {
    store.createDataset("persist", "image");
    store.insertSamples("persist", List.of(doc("filepath", "/a", "SliceLocation", 3.5)));
    store.saveView("persist", "mine", ViewSpec.of(new Stage.Match(ExprParser.parse("SliceLocation > 1"))));
    store.updateDataset(store.dataset("persist").orElseThrow()
        .withMaskTargets(Map.of("lungs", Map.of("1", "left", "2", "right"))));
    reopen();
    assertThat(store.count("persist", ViewSpec.of())).isEqualTo(1);
    assertThat(store.savedViews("persist")).containsKey("mine");
    assertThat(store.count("persist", store.savedViews("persist").get("mine"))).isEqualTo(1);
    assertThat(store.dataset("persist").orElseThrow().maskTargets())
        .isEqualTo(Map.of("lungs", Map.of("1", "left", "2", "right")));
  }

  @Test
  void aFailingBatchLeavesNothingBehind() {
    store.createDataset("d", "image");
    store.insertSamples("d", List.of(doc("filepath", "/kept")));
    List<Map<String, Object>> batch = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      batch.add(doc("filepath", "/" + i));
    }
    batch.add(doc("filepath", "/bad", "value", new Object()));
    assertThatThrownBy(() -> store.insertSamples("d", batch)).isInstanceOf(RuntimeException.class);
    assertThat(store.count("d", ViewSpec.of())).isEqualTo(1);
    Map<String, Object> kept = store.find("d", ViewSpec.of(), 0, 1).get(0);
    Map<String, Object> missing = doc("id", "ffffffffffffffffffffffff", "filepath", "/none");
    kept.put("edited", true);
    assertThatThrownBy(() -> store.saveSamples("d", List.of(kept, missing)))
        .isInstanceOf(StoreException.class).hasMessageContaining("ffffffffffffffffffffffff");
    assertThat(store.find("d", ViewSpec.of(), 0, 1).get(0)).doesNotContainKey("edited");
  }

  @Test
  void setsAndUnsetsFieldsOnAView() {
    store.createDataset("d", "image");
    store.insertSamples("d", List.of(doc("filepath", "/a", "n", 1L), doc("filepath", "/b", "n", 5L),
        doc("filepath", "/c")));
    ViewSpec big = ViewSpec.of(new Stage.Match(F.field("n").gt(2)));
    assertThat(store.setField("d", big, List.of("review", "by"), "me")).isEqualTo(1);
    assertThat(store.setField("d", ViewSpec.of(), List.of("flag"), true)).isEqualTo(3);
    List<Map<String, Object>> docs = store.find("d", ViewSpec.of(), 0, 10);
    assertThat(docs.get(1).get("review")).isEqualTo(Map.of("by", "me"));
    assertThat(docs.get(0)).doesNotContainKey("review").containsEntry("flag", true);
    assertThat(store.unsetField("d", ViewSpec.of(), List.of("flag"))).isEqualTo(3);
    assertThat(store.find("d", ViewSpec.of(), 0, 10)).allMatch(d -> !d.containsKey("flag"));
    assertThatThrownBy(() -> store.setField("d", ViewSpec.of(), List.of("id"), "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deletesTheSamplesOfAViewWithTheirFrames() {
    store.createDataset("v", "volume");
    List<String> ids = store.insertSamples("v", List.of(doc("filepath", "/a", "n", 1L),
        doc("filepath", "/b", "n", 2L), doc("filepath", "/c", "n", 3L)));
    store.saveFrames("v", ids.get(1), List.of(doc("frame_number", 1L, "z", -5.0), doc("frame_number", 2L)));
    long deleted = store.deleteSamples("v", ViewSpec.of(new Stage.SortBy(F.field("n"), true), new Stage.Limit(2)));
    assertThat(deleted).isEqualTo(2);
    assertThat(field(store.find("v", ViewSpec.of(), 0, 10), "filepath")).containsExactly("/a");
    assertThat(store.frames("v", ids.get(1))).isEmpty();
  }

  @Test
  void storesFramesInOrderAndReplacesThem() {
    store.createDataset("v", "volume");
    String id = store.insertSamples("v", List.of(doc("filepath", "/vol.nii.gz"))).get(0);
    store.saveFrames("v", id, List.of(doc("frame_number", 2L, "z", 1.0), doc("frame_number", 1L, "z", 0.0)));
    List<Map<String, Object>> frames = store.frames("v", id);
    assertThat(field(frames, "frame_number")).containsExactly(1L, 2L);
    assertThat(frames.get(0)).containsEntry("sample_id", id).containsKey("id");
    store.saveFrames("v", id, List.of(doc("frame_number", 1L, "z", 9.0)));
    assertThat(field(store.frames("v", id), "z")).containsExactly(9.0);
    assertThatThrownBy(() -> store.saveFrames("v", id, List.of(doc("frame_number", 0L))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.saveFrames("v", "000000000000000000000000", List.of()))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void addsSamplesAndTheirFramesInOneTransaction() {
    store.createDataset("v", "volume");
    List<String> ids = store.insertSamples("v", List.of(doc("filepath", "/a"), doc("filepath", "/b")),
        java.util.Arrays.asList(List.of(doc("frame_number", 1L, "z", 0.5)), null));
    assertThat(field(store.frames("v", ids.get(0)), "z")).containsExactly(0.5);
    assertThat(store.frames("v", ids.get(1))).isEmpty();
    // a bad frame in the batch: neither the samples nor any frame are kept
    assertThatThrownBy(() -> store.insertSamples("v", List.of(doc("filepath", "/c"), doc("filepath", "/d")),
        List.of(List.of(doc("frame_number", 1L)), List.of(doc("z", 1.0)))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.count("v", ViewSpec.of())).isEqualTo(2);
    // saving a sample with new frames replaces them in the same transaction
    Map<String, Object> a = store.byIds("v", List.of(ids.get(0))).get(0);
    a.put("checked", true);
    store.saveSamples("v", List.of(a), List.of(List.of(doc("frame_number", 2L))));
    assertThat(field(store.frames("v", ids.get(0)), "frame_number")).containsExactly(2L);
    assertThat(store.byIds("v", List.of(ids.get(0))).get(0)).containsEntry("checked", true);
  }

  @Test
  void pagesAndCountsViews() {
    store.createDataset("d", "image");
    List<Map<String, Object>> docs = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      docs.add(doc("filepath", "/" + i, "i", (long) i, "even", i % 2 == 0));
    }
    store.insertSamples("d", docs);
    ViewSpec even = ViewSpec.of(new Stage.Match(ExprParser.parse("even == true")),
        new Stage.SortBy(F.field("i"), true));
    assertThat(store.count("d", even)).isEqualTo(13);
    assertThat(field(store.find("d", even, 2, 3), "i")).containsExactly(20L, 18L, 16L);
    assertThat(store.ids("d", even)).hasSize(13);
    List<String> some = List.of(store.ids("d", even).get(3), store.ids("d", even).get(0), "nope");
    assertThat(field(store.byIds("d", some), "i")).containsExactly(18L, 24L);
    List<Object> streamed = new ArrayList<>();
    store.forEach("d", even, d -> streamed.add(d.get("i")));
    assertThat(streamed).hasSize(13).first().isEqualTo(24L);
  }

  @Test
  void groupsByAFieldOrderedByAnother() {
    store.createDataset("d", "image");
    store.insertSamples("d", List.of(
        doc("filepath", "/1", "PatientID", "P2", "SliceLocation", 5.0),
        doc("filepath", "/2", "PatientID", "P1", "SliceLocation", 3.0),
        doc("filepath", "/3", "PatientID", "P2", "SliceLocation", -1.0),
        doc("filepath", "/4", "SliceLocation", 0.0),
        doc("filepath", "/5", "PatientID", "P1", "SliceLocation", 1.0)));
    ViewSpec grouped = ViewSpec.of(new Stage.GroupBy(F.field("PatientID"),
        java.util.Optional.of(F.field("SliceLocation")), false));
    List<Store.Group> groups = store.groups("d", grouped, 10);
    assertThat(groups).extracting(Store.Group::key).containsExactly("P1", "P2", null);
    assertThat(groups).extracting(Store.Group::count).containsExactly(2L, 2L, 1L);
    assertThat(field(groups.get(1).samples(), "filepath")).containsExactly("/3", "/1");
    List<Store.Group> page = store.groups("d", grouped.then(new Stage.Skip(1)).then(new Stage.Limit(1)), 1);
    assertThat(page).hasSize(1);
    assertThat(page.get(0).key()).isEqualTo("P2");
    assertThat(page.get(0).count()).isEqualTo(2);
    assertThat(field(page.get(0).samples(), "filepath")).containsExactly("/3");
  }

  @Test
  void savesAndDeletesNamedViews() {
    store.createDataset("d", "image");
    ViewSpec v = ViewSpec.of(new Stage.Limit(3));
    store.saveView("d", "three", v);
    store.saveView("d", "three", ViewSpec.of(new Stage.Limit(4)));
    assertThat(store.savedViews("d")).containsOnlyKeys("three");
    assertThat(store.savedViews("d").get("three")).isEqualTo(ViewSpec.of(new Stage.Limit(4)));
    assertThat(store.deleteView("d", "three")).isTrue();
    assertThat(store.deleteView("d", "three")).isFalse();
  }

  @Test
  void readersSeeCommittedDataWhileAWriterImports() throws Exception {
    store.createDataset("d", "image");
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Long> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread reader = new Thread(() -> {
      try {
        while (!done.get()) {
          seen.add(store.count("d", ViewSpec.of()));
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    reader.start();
    for (int batch = 0; batch < 20; batch++) {
      List<Map<String, Object>> docs = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        docs.add(doc("filepath", "/" + batch + "/" + i));
      }
      store.insertSamples("d", docs);
    }
    done.set(true);
    reader.join();
    assertThat(failure.get()).isNull();
    assertThat(seen).isNotEmpty().allMatch(n -> n % 50 == 0).isSorted();
    assertThat(store.count("d", ViewSpec.of())).isEqualTo(1000);
  }
}
