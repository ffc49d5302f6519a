// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code seq} and ids of a batch of samples added after the last row of a dataset's samples
 * table, the same on every store: {@code seq} counts on from the last one; ids are new
 * ({@link SampleIds#format}, never older than the last id even if the clock went back) or the
 * documents' own ({@link StoreDocs#copiedIds}, checked to sort after the last id).
 *
 * <pre>{@code
 * NewSamples next = NewSamples.after(c, "samples_1", 1, docs, false);
 * for (Map<String, Object> doc : docs) { long seq = next.advance(); String id = next.id(); ... }
 * }</pre>
 */
public final class NewSamples {
  private final long datasetId;
  private final long seconds;
  private final List<String> given;
  private long seq;
  private int n;

  private NewSamples(long datasetId, long seconds, List<String> given, long seq) {
    this.datasetId = datasetId;
    this.seconds = seconds;
    this.given = given;
    this.seq = seq;
  }

  /**
   * Reads the last row of {@code samplesTable} (a trusted identifier).
   *
   * @param keepIds whether the documents keep their own ids (a copy between stores)
   */
  public static NewSamples after(Connection c, String samplesTable, long datasetId, List<Map<String, Object>> docs,
      boolean keepIds) throws SQLException {
    long seq;
    String lastId = null;
    long seconds = Instant.now().getEpochSecond();
    try (Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT seq, id FROM " + samplesTable + " ORDER BY seq DESC LIMIT 1")) {
      seq = rs.next() ? rs.getLong(1) : 0;
      if (seq > 0) {
        lastId = rs.getString(2);
        // ids must keep increasing even if the clock went back
        seconds = Math.max(seconds, Long.parseLong(lastId.substring(0, 8), 16));
      }
    }
    return new NewSamples(datasetId, seconds, keepIds ? StoreDocs.copiedIds(docs, lastId) : null, seq);
  }

  /** Moves on to the next document of the batch: its {@code seq}. */
  public long advance() {
    n++;
    return ++seq;
  }

  /** The id of the document {@link #advance} moved to. */
  public String id() {
    return given != null ? given.get(n - 1) : SampleIds.format(seconds, datasetId, seq);
  }
}
