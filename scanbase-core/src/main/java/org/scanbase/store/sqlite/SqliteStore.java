// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.scanbase.store.DatasetRecord;
import org.scanbase.store.Documents;
import org.scanbase.store.StoreDocs;
import org.scanbase.store.IndexesAndViews;
import org.scanbase.store.SampleWrites;
import org.scanbase.store.StoreException;
import org.scanbase.store.WritingStore;
import org.scanbase.view.Aggregation;
import org.scanbase.view.AggregationResult;
import org.scanbase.view.AggregationSql;
import org.scanbase.view.ScalarAggregationSql;
import org.scanbase.view.Expr;
import org.scanbase.view.SqlDialect;
import org.scanbase.view.SqlFragment;
import org.scanbase.view.SqliteDialect;
import org.scanbase.view.SqliteFunctions;
import org.scanbase.view.ViewSpec;
import org.scanbase.view.ViewSql;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store: one SQLite file in WAL mode. One writer connection (writes are
 * serialised, each in an IMMEDIATE transaction, so a batch is kept whole or not at all, also
 * across processes) and a small pool of reader connections, opened as needed, so readers never
 * wait for an import. Schema versions: {@link SqliteSchema}; writes and indexes: {@link SqliteWrites},
 * {@link SqliteIndexes}.
 */
public final class SqliteStore extends WritingStore {
  private static final int READERS = 4;
  private static final long READER_MMAP_BYTES = 1L << 30;
  private static final int READER_CACHE_KIB = 32 * 1024;

  private final Path file;
  private final String location;
  private final Connection writer;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
  /** Reader connections opened so far: they are opened when needed, up to {@link #READERS}. */
  private int readersOpened;
  private final List<Connection> opened = new ArrayList<>();
  private volatile boolean closed;
  final SqliteKeys keys = new SqliteKeys();
  final SqliteDialect dialect = ((SqliteDialect) SqlDialect.SQLITE).withKeys(keys);
  private final SqliteWrites writes = new SqliteWrites(this);
  private final SqliteIndexes indexes = new SqliteIndexes(this);

  /**
   * Opens (creating if needed) the database file and brings its schema up to date.
   *
   * @throws StoreException when the file cannot be opened or is not a scanbase database
   */
  public SqliteStore(Path file) {
    this.file = file.toAbsolutePath();
    this.location = "sqlite:" + this.file;
    try {
      Path parent = this.file.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (!Files.exists(this.file)) {
        // 16 KiB pages, set before anything is written (WAL fixes the page size): documents
        // of 2-3 KB fill them with little waste, where a 4 KiB page holds one
        try (Connection init = java.sql.DriverManager.getConnection("jdbc:sqlite:" + this.file);
             Statement st = init.createStatement()) {
          st.execute("PRAGMA page_size = 16384");
          st.execute("VACUUM");
        }
      }
      writer = connect(false);
      SqliteSchema.migrate(writer, location, Map.of(2, this::codeExistingKeys));
      keys.refresh(writer);
      writer.commit();
    } catch (IOException | SQLException e) {
      close();
      throw new StoreException(location + ": cannot open the database: " + e.getMessage(), e);
    }
  }

  /**
   * Loads SQLite's native library and builds the default connection settings (sqlite-jdbc
   * builds its date formats then, once per JVM), which opening the first store would otherwise
   * do: a command calls this on another thread while it is still parsing its arguments. Safe
   * to call any number of times, from any thread; a failure here is left to the store's open to
   * report.
   */
  public static void prepareDriver() {
    try {
      org.sqlite.SQLiteJDBCLoader.initialize();
      new SQLiteConfig();
    } catch (Exception e) {
      // opening a store meets the same problem and reports it with the database's location
    }
  }

  private Connection connect(boolean autoCommit) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(60_000);
    config.enforceForeignKeys(true);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    Connection c = config.createConnection("jdbc:sqlite:" + file);
    synchronized (opened) {
      opened.add(c);
    }
    c.setAutoCommit(autoCommit);
    if (autoCommit) {
      // readers: map up to 1 GiB of the file (reads copy no page through the page cache) and
      // keep 32 MiB of pages each (reading documents in bulk, as an unindexed count does)
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA mmap_size = " + READER_MMAP_BYTES);
        st.execute("PRAGMA cache_size = -" + READER_CACHE_KIB);
      }
    }
    SqliteFunctions.register(c);
    return c;
  }

  /** Version 2 codes top-level keys: rewrites the documents stored by version 1. */
  private void codeExistingKeys(Connection c) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM datasets")) {
      while (rs.next()) {
        tables.add("samples_" + rs.getLong(1));
        tables.add("frames_" + rs.getLong(1));
      }
    }
    // indexes of version 1 name the uncoded paths: drop them (the App creates them again)
    List<String> oldIndexes = new ArrayList<>();
    try (Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx\\_%' ESCAPE '\\'")) {
      while (rs.next()) {
        oldIndexes.add(rs.getString(1));
      }
    }
    try (Statement st = c.createStatement()) {
      for (String index : oldIndexes) {
        st.execute("DROP INDEX \"" + index + "\"");
      }
      st.execute("DELETE FROM field_indexes");
    }
    for (String table : tables) {
      Map<Long, String> rewritten = new LinkedHashMap<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT seq, doc FROM " + table)) {
        while (rs.next()) {
          rewritten.put(rs.getLong(1), Documents.write(keys.encode(c, Documents.read(rs.getString(2)))));
        }
      }
      try (PreparedStatement st = c.prepareStatement("UPDATE " + table + " SET doc = ? WHERE seq = ?")) {
        for (Map.Entry<Long, String> e : rewritten.entrySet()) {
          st.setString(1, e.getValue());
          st.setLong(2, e.getKey());
          st.addBatch();
        }
        st.executeBatch();
      }
    }
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public Path mediaRoot() {
    String shared = System.getenv("SCANBASE_MEDIA");
    return shared != null && !shared.isBlank() ? Path.of(shared).toAbsolutePath()
        : file.resolveSibling("media");
  }

  // ---- plumbing -------------------------------------------------------------------------

  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} in one write transaction, committed on success, rolled back on failure. */
  <T> T write(String what, Work<T> work) {
    checkOpen();
    writeLock.lock();
    try {
      try {
        keys.refresh(writer);
        T result = work.run(writer);
        writer.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(e);
        // codes given in the rolled-back transaction do not exist: read them again
        keys.reset();
        if (e instanceof StoreException se) {
          throw se;
        }
        if (e instanceof IllegalArgumentException iae) {
          throw iae;
        }
        throw new StoreException(location + ": " + what + " failed: " + e.getMessage(), e);
      }
    } finally {
      writeLock.unlock();
    }
  }

  private void rollbackQuietly(Exception cause) {
    try {
      writer.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** Runs {@code work} on a reader connection (autocommit: each statement sees committed data). */
  <T> T read(String what, Work<T> work) {
    checkOpen();
    Connection c = reader();
    try {
      keys.refresh(c);
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException(location + ": " + what + " failed: " + e.getMessage(), e);
    } finally {
      readers.add(c);
    }
  }

  /**
   * A reader connection: an idle one, else a new one while fewer than {@link #READERS} are open
   * (a command that reads a record or two opens one, not four), else the next one returned.
   */
  private Connection reader() {
    Connection c = readers.poll();
    if (c != null) {
      return c;
    }
    synchronized (readers) {
      if (readersOpened < READERS) {
        try {
          c = connect(true);
        } catch (SQLException e) {
          throw new StoreException(location + ": cannot open a reader connection: " + e.getMessage(), e);
        }
        readersOpened++;
        return c;
      }
    }
    try {
      return readers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(location + ": interrupted while waiting for a connection", e);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(location + " is closed");
    }
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

  /** The tables of one dataset; fails with a clear message when there is no such dataset. */
  record Tables(long id, String samples, String frames, SqliteDialect dialect) {
    ViewSql sql() {
      return new ViewSql(dialect, samples, frames);
    }
  }

  Tables tables(Connection c, String dataset) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT id FROM datasets WHERE name = ?")) {
      st.setString(1, dataset);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          throw new StoreException("no dataset named '" + dataset + "'");
        }
        long id = rs.getLong(1);
        return new Tables(id, "samples_" + id, "frames_" + id, dialect);
      }
    }
  }

  // ---- datasets -------------------------------------------------------------------------

  @Override
  public List<DatasetRecord> datasets() {
    return read("listing datasets", c -> {
      List<DatasetRecord> out = new ArrayList<>();
      try (Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT name, media_type, created_at, doc FROM datasets ORDER BY name")) {
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

  private static Optional<DatasetRecord> dataset(Connection c, String name) throws SQLException {
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

  private static String recordDoc(DatasetRecord r) {
    return Documents.write(StoreDocs.recordDoc(r));
  }

  @Override
  public DatasetRecord createDataset(String name, String mediaType) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a dataset needs a non-blank name");
    }
    DatasetRecord record = new DatasetRecord(name, mediaType, Instant.now().toString(),
        null, null, null, null, true);
    return write("creating dataset " + name, c -> {
      if (dataset(c, name).isPresent()) {
        throw new StoreException("a dataset named '" + name + "' already exists");
      }
      long id;
      try (PreparedStatement st = c.prepareStatement(
          "INSERT INTO datasets (name, media_type, created_at, doc) VALUES (?, ?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS)) {
        st.setString(1, name);
        st.setString(2, mediaType);
        st.setString(3, record.createdAt());
        st.setString(4, recordDoc(record));
        st.executeUpdate();
        try (ResultSet keys = st.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
      }
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TABLE samples_" + id
            + " (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL)");
        st.execute("CREATE TABLE frames_" + id + " (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
            + " sample_id TEXT NOT NULL, frame_number INTEGER NOT NULL, doc TEXT NOT NULL,"
            + " UNIQUE (sample_id, frame_number))");
      }
      return record;
    });
  }

  @Override
  public void updateDataset(DatasetRecord record) {
    write("updating dataset " + record.name(), c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE datasets SET doc = ? WHERE name = ?")) {
        st.setString(1, recordDoc(record));
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
      Tables t = tables(c, name);
      try (Statement st = c.createStatement()) {
        st.execute("DROP TABLE " + t.samples());
        st.execute("DROP TABLE " + t.frames());
        st.execute("DELETE FROM datasets WHERE id = " + t.id());
      }
      return true;
    });
  }

  // ---- samples and frames: SqliteWrites ---------------------------------------------------

  @Override
  protected SampleWrites writes() {
    return writes;
  }

  @Override
  public List<Map<String, Object>> frames(String dataset, String sampleId) {
    return read("reading frames of " + sampleId, c -> {
      Tables t = tables(c, dataset);
      List<Map<String, Object>> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(
          "SELECT doc FROM " + t.frames() + " WHERE sample_id = ? ORDER BY frame_number")) {
        st.setString(1, sampleId);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(keys.decode(c, Documents.read(rs.getString(1))));
          }
        }
      }
      return out;
    });
  }

  // ---- reading --------------------------------------------------------------------------

  @Override
  public List<Map<String, Object>> find(String dataset, ViewSpec view, long offset, long limit) {
    List<Map<String, Object>> out = new ArrayList<>();
    read("querying " + dataset, c -> {
      Tables t = tables(c, dataset);
      scan(c, t.sql().select(view, offset, limit), view, out::add);
      return null;
    });
    return out;
  }

  @Override
  public void forEach(String dataset, ViewSpec view, Consumer<Map<String, Object>> sink) {
    read("querying " + dataset, c -> {
      Tables t = tables(c, dataset);
      scan(c, t.sql().select(view), view, sink);
      return null;
    });
  }

  private void scan(Connection c, SqlFragment q, ViewSpec view, Consumer<Map<String, Object>> sink)
      throws SQLException {
    boolean project = view.projects();
    try (PreparedStatement st = prepare(c, q)) {
      st.setFetchSize(500);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> doc = keys.decode(c, Documents.read(rs.getString(2)));
          sink.accept(project ? ViewSql.project(view, doc) : doc);
        }
      }
    }
  }

  @Override
  public List<String> ids(String dataset, ViewSpec view) {
    return read("querying " + dataset, c -> {
      Tables t = tables(c, dataset);
      List<String> out = new ArrayList<>();
      try (PreparedStatement st = prepare(c, t.sql().select(view)); ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  @Override
  public List<Map<String, Object>> byIds(String dataset, List<String> ids) {
    return read("reading samples of " + dataset, c -> {
      Tables t = tables(c, dataset);
      Map<String, Map<String, Object>> found = new HashMap<>();
      for (int from = 0; from < ids.size(); from += 500) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
        String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
        try (PreparedStatement st = c.prepareStatement(
            "SELECT id, doc FROM " + t.samples() + " WHERE id IN (" + marks + ")")) {
          bind(st, new ArrayList<>(chunk));
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              found.put(rs.getString(1), keys.decode(c, Documents.read(rs.getString(2))));
            }
          }
        }
      }
      List<Map<String, Object>> out = new ArrayList<>(ids.size());
      for (String id : ids) {
        Map<String, Object> doc = found.get(id);
        if (doc != null) {
          out.add(doc);
        }
      }
      return out;
    });
  }

  @Override
  public long count(String dataset, ViewSpec view) {
    return read("counting " + dataset, c -> {
      Tables t = tables(c, dataset);
      try (PreparedStatement st = prepare(c, SqliteCounts.count(c, t, view)); ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Override
  public List<Group> groups(String dataset, ViewSpec view, int membersPerGroup) {
    return read("grouping " + dataset, c -> {
      Tables t = tables(c, dataset);
      ViewSql sql = t.sql();
      List<Object> keys = new ArrayList<>();
      List<Long> counts = new ArrayList<>();
      try (PreparedStatement st = prepare(c, sql.groupKeys(view)); ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          keys.add(Documents.readValue(rs.getString(1)));
          counts.add(rs.getLong(2));
        }
      }
      List<Group> out = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        List<Map<String, Object>> members = new ArrayList<>();
        SqlFragment q = sql.groupMembers(view, keys.get(i));
        SqlFragment page = new SqlFragment("SELECT * FROM (" + q.sql() + ") LIMIT " + membersPerGroup, q.params());
        scan(c, page, view, members::add);
        out.add(new Group(keys.get(i), counts.get(i), members));
      }
      return out;
    });
  }

  @Override
  public AggregationResult aggregate(String dataset, ViewSpec view, Aggregation aggregation) {
    return read("aggregating " + dataset, c -> {
      Tables t = tables(c, dataset);
      ScalarAggregationSql scalar = new ScalarAggregationSql(dialect);
      if (scalarField(c, dataset, aggregation) && scalar.handles(aggregation, view)) {
        return scalar.execute(c, aggregation, view, t.samples());
      }
      return new AggregationSql(dialect).execute(c, aggregation, t.sql().rows(view));
    });
  }

  /** True when the dataset's schema says the aggregated field never holds a list. */
  private static boolean scalarField(Connection c, String dataset, Aggregation aggregation) throws SQLException {
    Optional<Expr.Field> field = aggregation.aggregatedField();
    if (field.isEmpty()) {
      return false;
    }
    String type = dataset(c, dataset).map(r -> r.fields().get(String.join(".", field.get().path()))).orElse(null);
    return type != null && StoreDocs.SCALAR_TYPES.contains(type);
  }

  @Override
  protected IndexesAndViews indexesAndViews() {
    return indexes;
  }

  @Override
  public void close() {
    closed = true;
    synchronized (opened) {
      for (Connection c : opened) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // closing: nothing left to do with this connection
        }
      }
      opened.clear();
    }
  }
}
