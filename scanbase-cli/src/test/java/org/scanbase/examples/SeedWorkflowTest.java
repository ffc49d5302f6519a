// SPDX-License-Identifier: Apache-2.0
package org.scanbase.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.dataset.Catalog;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.Sample;
import org.scanbase.label.Segmentation;
import org.scanbase.store.sqlite.SqliteStore;

class SeedWorkflowTest {

  @Test
  void mergesEveryPatientWithTheirMasks(@TempDir Path dir) throws Exception {
    try (Catalog catalog = new Catalog(new SqliteStore(dir.resolve("scanbase.db")))) {
      Dataset all = SeedWorkflow.run(catalog, dir.resolve("media"), 3, 4);
      assertThat(all.count()).isEqualTo(12);
      assertThat(all.exists("Hippocampus_L", true).count()).isEqualTo(12);
      // the mask order follows SliceLocation: the most inferior slice got the first mask (1 pixel)
      Sample lowest = all.match("PatientID == \"P2\"").sortBy("SliceLocation").first().orElseThrow();
      assertThat(lowest.get("SliceLocation")).isEqualTo(-7.5);
      assertThat(lowest.label("Hippocampus_L", Segmentation.class).orElseThrow().pixels()).isEqualTo(1);
      // running it again replaces the datasets instead of failing or duplicating
      assertThat(SeedWorkflow.run(catalog, dir.resolve("media"), 3, 4).count()).isEqualTo(12);
    }
  }
}
