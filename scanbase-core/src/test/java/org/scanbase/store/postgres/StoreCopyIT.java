// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.core.Progress;
import org.scanbase.store.DatasetRecord;
import org.scanbase.store.Store;
import org.scanbase.store.StoreCopy;
import org.scanbase.store.StoreException;
import org.scanbase.store.sqlite.SqliteStore;
import org.scanbase.view.ExprParser;
import org.scanbase.view.F;
import org.scanbase.view.Stage;
import org.scanbase.view.ViewSpec;

/** Copies a dataset SQLite -> PostgreSQL -> SQLite and finds everything as it was. */
class StoreCopyIT {
  @RegisterExtension
  final PgTestDatabase pg = new PgTestDatabase();

  @TempDir
  Path dir;

  private static Map<String, Object> doc(Object... kv) {
    Map<String, Object> d = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      d.put((String) kv[i], kv[i + 1]);
    }
    return d;
  }

  @Test
  void copiesSamplesWithTheirIdsFramesSchemaViewsAndIndexesThereAndBack() {
    try (Store sqlite = new SqliteStore(dir.resolve("a.db")); Store back = new SqliteStore(dir.resolve("b.db"))) {
      Store postgres = pg.open();
      sqlite.createDataset("CT scans", "volume");
      List<Map<String, Object>> docs = new ArrayList<>();
      List<List<Map<String, Object>>> frames = new ArrayList<>();
      for (int i = 0; i < 2500; i++) {
        docs.add(doc("filepath", "/ct/" + i + ".nii.gz", "tags", i % 3 == 0 ? List.of("review") : List.of(),
            "SliceThickness", 0.5 + i % 4, "PatientID", "P" + i % 7,
            "lungs", Map.of("_type", "Segmentation", "mask_path", "/m/" + i + ".nii.gz", "pixels", (long) i)));
        frames.add(i % 10 == 0 ? List.of(doc("frame_number", 1L, "z", -1.5), doc("frame_number", 2L, "z", 0.0)) : null);
      }
      List<String> ids = sqlite.insertSamples("CT scans", docs, frames);
      DatasetRecord record = sqlite.dataset("CT scans").orElseThrow()
          .withFields(Map.of("SliceThickness", "float", "PatientID", "string", "lungs", "Segmentation"))
          .withMaskTargets(Map.of("lungs", Map.of("1", "left", "2", "right")))
          .withInfo(Map.of("source", "test", "year", 2024L))
          .withAppConfig(Map.of("grid_fields", List.of("PatientID")));
      sqlite.updateDataset(record);
      ViewSpec picked = ViewSpec.of(new Stage.Select(List.of(ids.get(7), ids.get(3))));
      sqlite.saveView("CT scans", "picked", picked);
      sqlite.saveView("CT scans", "thick", ViewSpec.of(new Stage.Match(ExprParser.parse("SliceThickness > 2"))));
      sqlite.createIndex("CT scans", F.field("PatientID"));

      StoreCopy.Result there = StoreCopy.copy(sqlite, postgres, "CT scans", Progress.NONE);
      assertThat(there).isEqualTo(new StoreCopy.Result("CT scans", 2500, 500, 2, 1));
      StoreCopy.copy(postgres, back, "CT scans", Progress.NONE);

      for (Store copy : List.of(postgres, back)) {
        DatasetRecord r = copy.dataset("CT scans").orElseThrow();
        assertThat(r.mediaType()).isEqualTo("volume");
        assertThat(r.fields()).isEqualTo(record.fields());
        assertThat(r.maskTargets()).isEqualTo(record.maskTargets());
        assertThat(r.info()).isEqualTo(record.info());
        assertThat(r.appConfig()).isEqualTo(record.appConfig());
        assertThat(copy.ids("CT scans", ViewSpec.of())).isEqualTo(ids);
        assertThat(copy.find("CT scans", ViewSpec.of(), 0, 3000)).isEqualTo(sqlite.find("CT scans", ViewSpec.of(), 0, 3000));
        assertThat(copy.frames("CT scans", ids.get(10))).isEqualTo(sqlite.frames("CT scans", ids.get(10)));
        assertThat(copy.savedViews("CT scans")).containsOnlyKeys("picked", "thick");
        assertThat(copy.ids("CT scans", copy.savedViews("CT scans").get("picked"))).containsExactly(ids.get(3), ids.get(7));
        assertThat(copy.count("CT scans", copy.savedViews("CT scans").get("thick"))).isEqualTo(1250);
        assertThat(copy.indexes("CT scans")).extracting(Store.IndexInfo::expression).containsExactly("PatientID");
      }
      // new samples still get ids after the copied ones
      String next = postgres.insertSamples("CT scans", List.of(doc("filepath", "/ct/new.nii.gz"))).get(0);
      assertThat(next).isGreaterThan(ids.get(ids.size() - 1));
    }
  }

  @Test
  void refusesToOverwriteADatasetAndLeavesNothingAfterAFailure() {
    try (Store sqlite = new SqliteStore(dir.resolve("a.db"))) {
      Store postgres = pg.open();
      sqlite.createDataset("d", "image");
      sqlite.insertSamples("d", List.of(doc("filepath", "/a", "Modality", "MR\0")));
      postgres.createDataset("taken", "image");
      sqlite.createDataset("taken", "image");
      assertThatThrownBy(() -> StoreCopy.copy(sqlite, postgres, "taken", Progress.NONE))
          .isInstanceOf(StoreException.class).hasMessageContaining("already exists");
      assertThatThrownBy(() -> StoreCopy.copy(sqlite, postgres, "d", Progress.NONE))
          .isInstanceOf(StoreException.class).hasMessageContaining("U+0000");
      assertThat(postgres.dataset("d")).isEmpty();
      assertThatThrownBy(() -> StoreCopy.copy(sqlite, postgres, "nope", Progress.NONE))
          .isInstanceOf(StoreException.class).hasMessageContaining("no dataset named 'nope'");
    }
  }
}
