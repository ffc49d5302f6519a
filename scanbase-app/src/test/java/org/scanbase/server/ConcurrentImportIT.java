// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.scanbase.core.Progress;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.demo.HippocampusDemo;
import org.scanbase.importer.DicomImporter;
import org.scanbase.importer.ImportReport;

/**
 * The App keeps answering while an import writes to the same dataset (SQLite WAL, or PostgreSQL MVCC: readers never
 * wait for the writer): every request made during the import succeeds, and the counts it sees
 * only grow.
 */
class ConcurrentImportIT {
  /** The App over the demo datasets in the store under test. */
  AppFixture fixture() throws IOException {
    return AppFixture.start();
  }

  @Test
  void keepsAnsweringEveryEndpointWhileAnImportWritesToTheSameDataset() throws Exception {
    try (AppFixture fx = fixture()) {
      String ds = "/api/datasets/" + AppFixture.MRI;
      String firstId = fx.dataset(AppFixture.MRI).first().orElseThrow().id();
      Path more = fx.dir.resolve("more-patients");
      HippocampusDemo.write(more, new HippocampusDemo.Options(6, 100, 64, 7));
      long before = fx.dataset(AppFixture.MRI).count();
      CompletableFuture<ImportReport> importing = CompletableFuture.supplyAsync(() -> {
        try {
          return DicomImporter.run(more.resolve(HippocampusDemo.ROOT), fx.dataset(AppFixture.MRI),
              new DicomImporter.Options("MR*.dcm", "RS*.dcm", DicomImporter.Mode.SLICES), Progress.NONE,
              MediaFiles.of(fx.catalog.store(), AppFixture.MRI));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      List<Long> counts = new ArrayList<>();
      int requests = 0;
      while (!importing.isDone() || requests < 20) {
        JsonNode page = fx.post(ds + "/samples", "{\"limit\":20,\"match\":\"SliceLocation > -1000\"}");
        counts.add(page.get("count").asLong());
        fx.post(ds + "/aggregate", "{\"aggregations\":[{\"aggregation\":\"countValues\",\"field\":\"PatientID\"},"
            + "{\"aggregation\":\"histogram\",\"field\":\"SliceLocation\",\"bins\":10}]}");
        fx.post(ds + "/groups", "{\"groupBy\":\"PatientID\",\"orderBy\":\"SliceLocation\"}");
        HttpResponse<byte[]> img = fx.get(ds + "/samples/" + firstId + "/image");
        assertThat(img.statusCode()).isEqualTo(200);
        fx.getJson(ds);
        requests += 5;
      }
      ImportReport report = importing.get();
      assertThat(report.imported()).isEqualTo(600);
      assertThat(requests).isGreaterThanOrEqualTo(20);
      assertThat(counts).isSorted();
      assertThat(counts.get(0)).isGreaterThanOrEqualTo(before);
      long after = fx.post(ds + "/count", "{}").get("count").asLong();
      assertThat(after).isEqualTo(before + 600).isEqualTo(fx.dataset(AppFixture.MRI).count());
      assertThat(fx.post(ds + "/groups", "{\"groupBy\":\"PatientID\"}").get("count").asLong())
          .isEqualTo(fx.dataset(AppFixture.MRI).distinct("PatientID").size());
    }
  }
}
