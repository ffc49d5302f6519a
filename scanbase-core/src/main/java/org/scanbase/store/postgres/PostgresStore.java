// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.scanbase.store.DatasetRecord;
import org.scanbase.store.Documents;
import org.scanbase.store.IndexesAndViews;
import org.scanbase.store.SampleWrites;
import org.scanbase.store.StoreDocs;
import org.scanbase.store.StoreException;
import org.scanbase.store.Stores;
import org.scanbase.store.WritingStore;
import org.scanbase.view.Aggregation;
import org.scanbase.view.AggregationResult;
import org.scanbase.view.SqlDialect;
import org.scanbase.view.SqlFragment;
import org.scanbase.view.ViewSpec;
import org.scanbase.view.ViewSql;

/**
 * The shared store: documents as JSONB in one PostgreSQL database (or one schema of it),
 * through a HikariCP connection pool, so several programs and App users read and write at
 * once. Each write is one transaction that first locks its dataset's row in {@code datasets}
 * ({@code SELECT ... FOR UPDATE}): writers to one dataset take turns (sample ids stay in
 * insertion order), writers to different datasets run side by side, and since a transaction
 * locks at most one dataset row no two writers can deadlock. Reads run in read-only
 * transactions and see committed data. Schema versions: {@link PostgresSchema}; indexes made
 * by {@link #createIndex} are expression indexes on the JSONB paths the queries read, and each
 * dataset has a GIN index on its tags. Writes, queries and indexes: {@link PgWrites},
 * {@link PgReads}, {@link PgIndexes}.
 */
public final class PostgresStore extends WritingStore {
  static final SqlDialect DIALECT = SqlDialect.POSTGRESQL;
  private static final int POOL = 8;

  private final PostgresUrl url;
  private final Path media;
  private final HikariDataSource pool;
  private final PgWrites writes = new PgWrites(this);
  private final PgIndexes indexes = new PgIndexes(this);
  private final PgReads reads = new PgReads(this);

  /**
   * Connects and brings the schema up to date; media under the default {@link #mediaRoot()}.
   *
   * @throws StoreException when the server cannot be reached or the schema is too new
   */
  public PostgresStore(PostgresUrl url) {
    this(url, null);
  }

  /**
   * Connects and brings the schema up to date.
   *
   * @param mediaRoot where generated media go (null: {@code SCANBASE_MEDIA}, else
   *                  {@code $SCANBASE_HOME/media})
   * @throws StoreException when the server cannot be reached or the schema is too new
   */
  public PostgresStore(PostgresUrl url, Path mediaRoot) {
    this.url = url;
    this.media = mediaRoot == null ? null : mediaRoot.toAbsolutePath();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url.jdbcUrl());
    if (url.user() != null) {
      config.setUsername(url.user());
    }
    if (url.password() != null) {
      config.setPassword(url.password());
    }
    config.setMaximumPoolSize(POOL);
    config.setMinimumIdle(1);
    config.setPoolName("scanbase");
    config.setConnectionTimeout(30_000);
    // fail now with the server's message instead of a pool timeout later
    config.setInitializationFailTimeout(1);
    config.addDataSourceProperty("currentSchema", url.schema());
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.addDataSourceProperty("ApplicationName", "scanbase");
    // JIT compiling a query costs ~100 ms, more than the index-served queries of the App run;
    // the planner's costs of JSONB expressions over large tables would switch it on everywhere
    config.setConnectionInitSql("SET jit = off");
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException(url + ": cannot connect: " + rootMessage(e), e);
    }
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      PostgresSchema.migrate(c, url.schema(), url.display());
    } catch (SQLException e) {
      pool.close();
      throw new StoreException(url + ": cannot open the database: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** Opens the store at a {@code postgresql://} URL, with {@code PGPASSWORD} from the environment. */
  public static PostgresStore open(String url) {
    return new PostgresStore(PostgresUrl.parse(url, System.getenv()));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  @Override
  public String location() {
    return url.display();
  }

  /** {@code SCANBASE_MEDIA} when set (shared storage), else {@code media} under {@code SCANBASE_HOME}. */
  @Override
  public Path mediaRoot() {
    if (media != null) {
      return media;
    }
    String shared = System.getenv("SCANBASE_MEDIA");
    return shared != null && !shared.isBlank() ? Path.of(shared).toAbsolutePath()
        : Stores.home().resolve("media").toAbsolutePath();
  }

  // ---- plumbing -------------------------------------------------------------------------

  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} in one write transaction, committed on success, rolled back on failure. */
  <T> T write(String what, Work<T> work) {
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException r) {
          e.addSuppressed(r);
        }
        if (e instanceof StoreException || e instanceof IllegalArgumentException) {
          throw (RuntimeException) e;
        }
        throw new StoreException(url + ": " + what + " failed: " + e.getMessage(), e);
      }
    } catch (SQLException e) {
      throw new StoreException(url + ": " + what + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code work} in a read-only transaction (one snapshot for all its statements; a
   * cursor, so large results stream).
   */
  <T> T read(String what, Work<T> work) {
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } finally {
        if (!c.getAutoCommit()) {
          c.rollback();
        }
        c.setReadOnly(false);
      }
    } catch (SQLException e) {
      throw new StoreException(url + ": " + what + " failed: " + e.getMessage(), e);
    }
  }

  Connection connection() throws SQLException {
    if (pool.isClosed()) {
      throw new IllegalStateException(url + " is closed");
    }
    return pool.getConnection();
  }

  static void bind(PreparedStatement st, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      st.setObject(i + 1, params.get(i));
    }
  }

  static PreparedStatement prepare(Connection c, SqlFragment q) throws SQLException {
    PreparedStatement st = c.prepareStatement(q.sql());
    bind(st, q.params());
    return st;
  }

  /** The tables of one dataset. */
  record Tables(long id, String samples, String frames) {
    ViewSql sql() {
      return new ViewSql(DIALECT, samples, frames);
    }
  }

  /**
   * The tables of a dataset; with {@code lock}, its row is locked until the transaction ends.
   *
   * @throws StoreException when there is no such dataset
   */
  static Tables tables(Connection c, String dataset, boolean lock) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "SELECT id FROM datasets WHERE name = ?" + (lock ? " FOR UPDATE" : ""))) {
      st.setString(1, dataset);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          throw new StoreException("no dataset named '" + dataset + "'");
        }
        long id = rs.getLong(1);
        return new Tables(id, "samples_" + id, "frames_" + id);
      }
    }
  }

  // ---- datasets -------------------------------------------------------------------------

  @Override
  public List<DatasetRecord> datasets() {
    return read("listing datasets", c -> {
      List<DatasetRecord> out = new ArrayList<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT name, media_type, created_at, doc FROM datasets ORDER BY name COLLATE \"C\"")) {
        while (rs.next()) {
          out.add(record(rs));
        }
      }
      return out;
    });
  }

  @Override
  public Optional<DatasetRecord> dataset(String name) {
    return read("reading dataset " + name, c -> dataset(c, name));
  }

  static Optional<DatasetRecord> dataset(Connection c, String name) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "SELECT name, media_type, created_at, doc FROM datasets WHERE name = ?")) {
      st.setString(1, name);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(record(rs)) : Optional.empty();
      }
    }
  }

  private static DatasetRecord record(ResultSet rs) throws SQLException {
    return StoreDocs.record(rs.getString(1), rs.getString(2), rs.getString(3), Documents.read(rs.getString(4)));
  }

  @Override
  public DatasetRecord createDataset(String name, String mediaType) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a dataset needs a non-blank name");
    }
    DatasetRecord record = new DatasetRecord(name, mediaType, Instant.now().toString(),
        null, null, null, null, true);
    return write("creating dataset " + name, c -> {
      long id;
      // ON CONFLICT: a concurrent creation of the same name waits for the other, then finds it
      try (PreparedStatement st = c.prepareStatement("INSERT INTO datasets (name, media_type, created_at, doc)"
          + " VALUES (?, ?, ?, CAST(? AS jsonb)) ON CONFLICT (name) DO NOTHING RETURNING id")) {
        st.setString(1, name);
        st.setString(2, mediaType);
        st.setString(3, record.createdAt());
        st.setString(4, PgJson.write(StoreDocs.recordDoc(record), "dataset " + name));
        try (ResultSet rs = st.executeQuery()) {
          if (!rs.next()) {
            throw new StoreException("a dataset named '" + name + "' already exists");
          }
          id = rs.getLong(1);
        }
      }
      try (Statement st = c.createStatement()) {
        for (String sql : PostgresSchema.datasetTables(id, PostgresSchema.hasLz4(c))) {
          st.execute(sql);
        }
      }
      return record;
    });
  }

  @Override
  public void updateDataset(DatasetRecord record) {
    write("updating dataset " + record.name(), c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE datasets SET doc = CAST(? AS jsonb) WHERE name = ?")) {
        st.setString(1, PgJson.write(StoreDocs.recordDoc(record), "dataset " + record.name()));
        st.setString(2, record.name());
        if (st.executeUpdate() == 0) {
          throw new StoreException("no dataset named '" + record.name() + "'");
        }
      }
      return null;
    });
  }

  @Override
  public boolean deleteDataset(String name) {
    return write("deleting dataset " + name, c -> {
      if (dataset(c, name).isEmpty()) {
        return false;
      }
      Tables t = tables(c, name, true);
      try (Statement st = c.createStatement()) {
        st.execute("DROP TABLE " + t.samples() + ", " + t.frames());
        PgIndexes.dropValueTables(c, t.id());
        st.execute("DELETE FROM datasets WHERE id = " + t.id());
      }
      return true;
    });
  }

  // ---- samples and frames: PgWrites ------------------------------------------------------

  @Override
  protected SampleWrites writes() {
    return writes;
  }

  @Override
  public List<Map<String, Object>> frames(String dataset, String sampleId) {
    return read("reading frames of " + sampleId, c -> {
      Tables t = tables(c, dataset, false);
      List<Map<String, Object>> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(
          "SELECT doc FROM " + t.frames() + " WHERE sample_id = ? ORDER BY frame_number")) {
        st.setString(1, sampleId);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(PgJson.read(rs.getString(1)));
          }
        }
      }
      return out;
    });
  }

  // ---- reading: PgReads ------------------------------------------------------------------

  @Override
  public List<Map<String, Object>> find(String dataset, ViewSpec view, long offset, long limit) {
    return reads.find(dataset, view, offset, limit);
  }

  @Override
  public void forEach(String dataset, ViewSpec view, Consumer<Map<String, Object>> sink) {
    reads.forEach(dataset, view, sink);
  }

  @Override
  public List<String> ids(String dataset, ViewSpec view) {
    return reads.ids(dataset, view);
  }

  @Override
  public List<Map<String, Object>> byIds(String dataset, List<String> ids) {
    return reads.byIds(dataset, ids);
  }

  @Override
  public long count(String dataset, ViewSpec view) {
    return reads.count(dataset, view);
  }

  @Override
  public List<Group> groups(String dataset, ViewSpec view, int membersPerGroup) {
    return reads.groups(dataset, view, membersPerGroup);
  }

  @Override
  public AggregationResult aggregate(String dataset, ViewSpec view, Aggregation aggregation) {
    return reads.aggregate(dataset, view, aggregation);
  }

  @Override
  protected IndexesAndViews indexesAndViews() {
    return indexes;
  }

  @Override
  public void close() {
    pool.close();
  }
}
