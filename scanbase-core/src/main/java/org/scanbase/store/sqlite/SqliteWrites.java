// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scanbase.store.Documents;
import org.scanbase.store.NewSamples;
import org.scanbase.store.SampleWrites;
import org.scanbase.store.StoreDocs;
import org.scanbase.store.StoreException;
import org.scanbase.store.sqlite.SqliteStore.Tables;
import org.scanbase.view.SqlFragment;
import org.scanbase.view.ViewSpec;

/**
 * The sample and frame writes of {@link SqliteStore}, each one transaction on its writer
 * connection.
 */
final class SqliteWrites implements SampleWrites {
  private final SqliteStore store;

  SqliteWrites(SqliteStore store) {
    this.store = store;
  }

  @Override
  public List<String> insertSamples(String dataset, List<Map<String, Object>> docs,
      List<List<Map<String, Object>>> frames) {
    return add(dataset, docs, frames, false);
  }

  @Override
  public void copySamples(String dataset, List<Map<String, Object>> docs, List<List<Map<String, Object>>> frames) {
    add(dataset, docs, frames, true);
  }

  /** Adds samples with new ids, or with their own ({@code keepIds}). */
  private List<String> add(String dataset, List<Map<String, Object>> docs, List<List<Map<String, Object>>> frames,
      boolean keepIds) {
    return store.write("adding samples to " + dataset, c -> {
      Tables t = store.tables(c, dataset);
      NewSamples next = NewSamples.after(c, t.samples(), t.id(), docs, keepIds);
      List<String> ids = new ArrayList<>(docs.size());
      try (PreparedStatement st = c.prepareStatement(
          "INSERT INTO " + t.samples() + " (seq, id, doc) VALUES (?, ?, ?)")) {
        for (Map<String, Object> doc : docs) {
          long seq = next.advance();
          String id = next.id();
          st.setLong(1, seq);
          st.setString(2, id);
          st.setString(3, Documents.write(store.keys.encode(c, StoreDocs.withId(id, doc))));
          st.addBatch();
          ids.add(id);
        }
        st.executeBatch();
      }
      for (int i = 0; frames != null && i < ids.size(); i++) {
        if (frames.get(i) != null && !frames.get(i).isEmpty()) {
          writeFrames(c, t, ids.get(i), frames.get(i));
        }
      }
      return ids;
    });
  }

  @Override
  public void saveSamples(String dataset, List<Map<String, Object>> docs,
      List<List<Map<String, Object>>> frames) {
    store.write("saving samples of " + dataset, c -> {
      Tables t = store.tables(c, dataset);
      try (PreparedStatement st = c.prepareStatement("UPDATE " + t.samples() + " SET doc = ? WHERE id = ?")) {
        for (int i = 0; i < docs.size(); i++) {
          Map<String, Object> doc = docs.get(i);
          Object id = doc.get("id");
          if (!(id instanceof String)) {
            throw new IllegalArgumentException("a sample to save needs its id");
          }
          st.setString(1, Documents.write(store.keys.encode(c, doc)));
          st.setString(2, (String) id);
          if (st.executeUpdate() == 0) {
            throw new StoreException("dataset '" + dataset + "' has no sample " + id);
          }
          if (frames != null && frames.get(i) != null) {
            writeFrames(c, t, (String) id, frames.get(i));
          }
        }
      }
      return null;
    });
  }

  @Override
  public long setField(String dataset, ViewSpec view, List<String> path, Object value) {
    StoreDocs.checkWritable(view, path);
    return store.write("setting " + String.join(".", path) + " on " + dataset, c -> {
      Tables t = store.tables(c, dataset);
      store.keys.code(c, path.get(0)); // a new field gets its key code first
      SqlFragment ids = t.sql().ids(view);
      String sql = "UPDATE " + t.samples() + " SET doc = json_set(doc, "
          + store.dialect.literalPath("doc", path) + ", json(?)) WHERE id IN ("
          + ids.sql() + ")";
      try (PreparedStatement st = c.prepareStatement(sql)) {
        List<Object> params = new ArrayList<>();
        params.add(Documents.write(value));
        params.addAll(ids.params());
        SqliteStore.bind(st, params);
        return (long) st.executeUpdate();
      }
    });
  }

  @Override
  public long unsetField(String dataset, ViewSpec view, List<String> path) {
    StoreDocs.checkWritable(view, path);
    return store.write("removing " + String.join(".", path) + " from " + dataset, c -> {
      Tables t = store.tables(c, dataset);
      SqlFragment ids = t.sql().ids(view);
      String sql = "UPDATE " + t.samples() + " SET doc = json_remove(doc, "
          + store.dialect.literalPath("doc", path) + ") WHERE id IN (" + ids.sql() + ")";
      try (PreparedStatement st = c.prepareStatement(sql)) {
        SqliteStore.bind(st, ids.params());
        return (long) st.executeUpdate();
      }
    });
  }

  @Override
  public long deleteSamples(String dataset, ViewSpec view) {
    StoreDocs.checkSampleView(view);
    return store.write("deleting samples of " + dataset, c -> {
      Tables t = store.tables(c, dataset);
      SqlFragment ids = t.sql().ids(view);
      // the ids first: deleting rows must not change which rows the view selects
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TEMP TABLE IF NOT EXISTS doomed (id TEXT PRIMARY KEY)");
        st.execute("DELETE FROM temp.doomed");
      }
      try (PreparedStatement st = c.prepareStatement("INSERT INTO temp.doomed (id) " + ids.sql())) {
        SqliteStore.bind(st, ids.params());
        st.executeUpdate();
      }
      try (Statement st = c.createStatement()) {
        st.executeUpdate("DELETE FROM " + t.frames() + " WHERE sample_id IN (SELECT id FROM temp.doomed)");
        long n = st.executeUpdate("DELETE FROM " + t.samples() + " WHERE id IN (SELECT id FROM temp.doomed)");
        st.execute("DELETE FROM temp.doomed");
        return n;
      }
    });
  }

  // ---- frames ---------------------------------------------------------------------------

  @Override
  public void saveFrames(String dataset, String sampleId, List<Map<String, Object>> frames) {
    store.write("saving frames of " + sampleId + " in " + dataset, c -> {
      Tables t = store.tables(c, dataset);
      try (PreparedStatement has = c.prepareStatement("SELECT 1 FROM " + t.samples() + " WHERE id = ?")) {
        has.setString(1, sampleId);
        try (ResultSet rs = has.executeQuery()) {
          if (!rs.next()) {
            throw new StoreException("dataset '" + dataset + "' has no sample " + sampleId);
          }
        }
      }
      writeFrames(c, t, sampleId, frames);
      return null;
    });
  }

  /** Replaces the frames of one (present) sample, inside the caller's transaction. */
  private void writeFrames(Connection c, Tables t, String sampleId, List<Map<String, Object>> frames)
      throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM " + t.frames() + " WHERE sample_id = ?")) {
      del.setString(1, sampleId);
      del.executeUpdate();
    }
    try (PreparedStatement st = c.prepareStatement("INSERT INTO " + t.frames()
        + " (id, sample_id, frame_number, doc) VALUES (?, ?, ?, ?)")) {
      for (Map<String, Object> frame : frames) {
        Map<String, Object> doc = StoreDocs.frameDoc(sampleId, frame);
        st.setString(1, (String) doc.get("id"));
        st.setString(2, sampleId);
        st.setLong(3, (Long) doc.get("frame_number"));
        st.setString(4, Documents.write(store.keys.encode(c, doc)));
        st.addBatch();
      }
      st.executeBatch();
    }
  }
}
