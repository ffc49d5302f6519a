// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.postgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.scanbase.store.NewSamples;
import org.scanbase.store.SampleWrites;
import org.scanbase.store.StoreDocs;
import org.scanbase.store.StoreException;
import org.scanbase.store.postgres.PostgresStore.Tables;
import org.scanbase.view.PostgresDialect;
import org.scanbase.view.SqlFragment;
import org.scanbase.view.ViewSpec;

/**
 * The sample and frame writes of {@link PostgresStore}, each one transaction that holds the lock
 * on its dataset's row.
 */
final class PgWrites implements SampleWrites {
  private final PostgresStore store;

  PgWrites(PostgresStore store) {
    this.store = store;
  }

  @Override
  public List<String> insertSamples(String dataset, List<Map<String, Object>> docs, List<List<Map<String, Object>>> frames) {
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
      Tables t = PostgresStore.tables(c, dataset, true);
      NewSamples next = NewSamples.after(c, t.samples(), t.id(), docs, keepIds);
      List<String> ids = new ArrayList<>(docs.size());
      // COPY: one stream for the batch instead of an INSERT per row (the documents are parsed
      // into JSONB on the server either way), written as UTF-8 bytes straight from the documents
      PgJson.Bytes rows = new PgJson.Bytes(docs.size() * 4096);
      PgJson.Bytes scratch = new PgJson.Bytes(8192);
      for (Map<String, Object> doc : docs) {
        long seq = next.advance();
        String id = next.id();
        rows.ascii(Long.toString(seq)).ascii("\t");
        writeText(rows, id);
        rows.write('\t');
        PgJson.writeCopyField(StoreDocs.withId(id, doc), "sample " + doc.get("filepath"), scratch, rows);
        rows.write('\n');
        ids.add(id);
      }
      try {
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + t.samples() + " (seq, id, doc) FROM STDIN",
            new java.io.ByteArrayInputStream(rows.array(), 0, rows.size()));
      } catch (IOException e) {
        throw new SQLException("COPY into " + t.samples() + " failed: " + e.getMessage(), e);
      }
      for (int i = 0; frames != null && i < ids.size(); i++) {
        if (frames.get(i) != null && !frames.get(i).isEmpty()) {
          writeFrames(c, t, ids.get(i), frames.get(i));
        }
      }
      return ids;
    });
  }

  /** {@code text} as a field of COPY's text format: UTF-8, with backslash and control characters escaped. */
  private static void writeText(PgJson.Bytes out, String text) {
    for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      if (b == '\\' || b == '\t' || b == '\n' || b == '\r') {
        out.write('\\');
        out.write(b == '\t' ? 't' : b == '\n' ? 'n' : b == '\r' ? 'r' : '\\');
      } else {
        out.write(b);
      }
    }
  }

  @Override
  public void saveSamples(String dataset, List<Map<String, Object>> docs, List<List<Map<String, Object>>> frames) {
    store.write("saving samples of " + dataset, c -> {
      Tables t = PostgresStore.tables(c, dataset, true);
      try (PreparedStatement st = c.prepareStatement(
          "UPDATE " + t.samples() + " SET doc = CAST(? AS jsonb) WHERE id = ?")) {
        for (int i = 0; i < docs.size(); i++) {
          Map<String, Object> doc = docs.get(i);
          if (!(doc.get("id") instanceof String id)) {
            throw new IllegalArgumentException("a sample to save needs its id");
          }
          st.setString(1, PgJson.write(doc, "sample " + id));
          st.setString(2, id);
          if (st.executeUpdate() == 0) {
            throw new StoreException("dataset '" + dataset + "' has no sample " + id);
          }
          if (frames != null && frames.get(i) != null) {
            writeFrames(c, t, id, frames.get(i));
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
      Tables t = PostgresStore.tables(c, dataset, true);
      SqlFragment ids = t.sql().ids(view);
      String sql = "UPDATE " + t.samples() + " SET doc = " + set("doc", path, 0)
          + " WHERE id IN (" + ids.sql() + ")";
      try (PreparedStatement st = c.prepareStatement(sql)) {
        List<Object> params = new ArrayList<>();
        params.add(PgJson.write(value, "value of " + String.join(".", path)));
        params.addAll(ids.params());
        PostgresStore.bind(st, params);
        return (long) st.executeUpdate();
      }
    });
  }

  /**
   * {@code base} with {@code path[from..]} set to the JSON parameter, creating the documents
   * on the way that are missing (jsonb_set alone only sets a key of an existing document).
   */
  private static String set(String base, List<String> path, int from) {
    String key = PostgresDialect.stringLiteral(path.get(from));
    String value;
    if (from == path.size() - 1) {
      value = "CAST(? AS jsonb)";
    } else {
      String inner = "(" + base + " -> " + key + ")";
      String object = "CASE WHEN jsonb_typeof(" + inner + ") = 'object' THEN " + inner + " ELSE '{}'::jsonb END";
      value = set(object, path, from + 1);
    }
    return "jsonb_set(" + base + ", ARRAY[" + key + "], " + value + ", true)";
  }

  @Override
  public long unsetField(String dataset, ViewSpec view, List<String> path) {
    StoreDocs.checkWritable(view, path);
    return store.write("removing " + String.join(".", path) + " from " + dataset, c -> {
      Tables t = PostgresStore.tables(c, dataset, true);
      SqlFragment ids = t.sql().ids(view);
      List<String> keys = path.stream().map(PostgresDialect::stringLiteral).toList();
      String sql = "UPDATE " + t.samples() + " SET doc = doc #- ARRAY[" + String.join(", ", keys)
          + "] WHERE id IN (" + ids.sql() + ")";
      try (PreparedStatement st = c.prepareStatement(sql)) {
        PostgresStore.bind(st, ids.params());
        return (long) st.executeUpdate();
      }
    });
  }

  @Override
  public long deleteSamples(String dataset, ViewSpec view) {
    StoreDocs.checkSampleView(view);
    return store.write("deleting samples of " + dataset, c -> {
      Tables t = PostgresStore.tables(c, dataset, true);
      SqlFragment ids = t.sql().ids(view);
      // one statement, one snapshot: deleting rows cannot change which rows the view selects
      String sql = "WITH doomed AS (" + ids.sql() + "), gone AS (DELETE FROM " + t.frames()
          + " WHERE sample_id IN (SELECT id FROM doomed)) DELETE FROM " + t.samples()
          + " WHERE id IN (SELECT id FROM doomed)";
      try (PreparedStatement st = c.prepareStatement(sql)) {
        PostgresStore.bind(st, ids.params());
        return (long) st.executeUpdate();
      }
    });
  }

  @Override
  public void saveFrames(String dataset, String sampleId, List<Map<String, Object>> frames) {
    store.write("saving frames of " + sampleId + " in " + dataset, c -> {
      Tables t = PostgresStore.tables(c, dataset, true);
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
  private static void writeFrames(Connection c, Tables t, String sampleId, List<Map<String, Object>> frames)
      throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM " + t.frames() + " WHERE sample_id = ?")) {
      del.setString(1, sampleId);
      del.executeUpdate();
    }
    try (PreparedStatement st = c.prepareStatement("INSERT INTO " + t.frames()
        + " (id, sample_id, frame_number, doc) VALUES (?, ?, ?, CAST(? AS jsonb))")) {
      for (Map<String, Object> frame : frames) {
        Map<String, Object> doc = StoreDocs.frameDoc(sampleId, frame);
        st.setString(1, (String) doc.get("id"));
        st.setString(2, sampleId);
        st.setLong(3, (Long) doc.get("frame_number"));
        st.setString(4, PgJson.write(doc, "frame " + doc.get("id")));
        st.addBatch();
      }
      st.executeBatch();
    }
  }
}
