// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.scanbase.store.Documents;
import org.scanbase.store.Store;
import org.scanbase.store.StoreDocs;
import org.scanbase.store.postgres.PostgresStore.Tables;
import org.scanbase.view.Aggregation;
import org.scanbase.view.AggregationResult;
import org.scanbase.view.AggregationSql;
import org.scanbase.view.Expr;
import org.scanbase.view.ScalarAggregationSql;
import org.scanbase.view.SqlFragment;
import org.scanbase.view.ViewSpec;
import org.scanbase.view.ViewSql;

/**
 * The queries of {@link PostgresStore}, each in one read-only transaction: pages, streams,
 * counts, groups and aggregations of views, compiled by {@link ViewSql} with
 * {@link org.scanbase.view.PostgresDialect}.
 */
final class PgReads {
  private final PostgresStore store;

  PgReads(PostgresStore store) {
    this.store = store;
  }

  List<Map<String, Object>> find(String dataset, ViewSpec view, long offset, long limit) {
    List<Map<String, Object>> out = new ArrayList<>();
    store.read("querying " + dataset, c -> {
      scan(c, PostgresStore.tables(c, dataset, false).sql().select(view, offset, limit), view, out::add);
      return null;
    });
    return out;
  }

  void forEach(String dataset, ViewSpec view, Consumer<Map<String, Object>> sink) {
    store.read("querying " + dataset, c -> {
      scan(c, PostgresStore.tables(c, dataset, false).sql().select(view), view, sink);
      return null;
    });
  }

  private static void scan(Connection c, SqlFragment q, ViewSpec view, Consumer<Map<String, Object>> sink)
      throws SQLException {
    boolean project = view.projects();
    try (PreparedStatement st = PostgresStore.prepare(c, q)) {
      st.setFetchSize(500);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> doc = PgJson.read(rs.getString(2));
          sink.accept(project ? ViewSql.project(view, doc) : doc);
        }
      }
    }
  }

  List<String> ids(String dataset, ViewSpec view) {
    return store.read("querying " + dataset, c -> {
      List<String> out = new ArrayList<>();
      SqlFragment q = PostgresStore.tables(c, dataset, false).sql().select(view);
      try (PreparedStatement st = PostgresStore.prepare(c, q)) {
        st.setFetchSize(5000);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
      }
      return out;
    });
  }

  List<Map<String, Object>> byIds(String dataset, List<String> ids) {
    return store.read("reading samples of " + dataset, c -> {
      Tables t = PostgresStore.tables(c, dataset, false);
      Map<String, Map<String, Object>> found = new HashMap<>();
      try (PreparedStatement st = c.prepareStatement("SELECT id, doc FROM " + t.samples() + " WHERE id = ANY (?)")) {
        st.setArray(1, c.createArrayOf("text", ids.toArray()));
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            found.put(rs.getString(1), PgJson.read(rs.getString(2)));
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

  long count(String dataset, ViewSpec view) {
    return store.read("counting " + dataset, c -> {
      try (PreparedStatement st = PostgresStore.prepare(c, PostgresStore.tables(c, dataset, false).sql().count(view));
           ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  List<Store.Group> groups(String dataset, ViewSpec view, int membersPerGroup) {
    return store.read("grouping " + dataset, c -> {
      ViewSql sql = PostgresStore.tables(c, dataset, false).sql();
      List<Object> keys = new ArrayList<>();
      List<Long> counts = new ArrayList<>();
      try (PreparedStatement st = PostgresStore.prepare(c, sql.groupKeys(view)); ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          keys.add(Documents.readValue(rs.getString(1)));
          counts.add(rs.getLong(2));
        }
      }
      List<Store.Group> out = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        List<Map<String, Object>> members = new ArrayList<>();
        SqlFragment q = sql.groupMembers(view, keys.get(i));
        scan(c, new SqlFragment("SELECT * FROM (" + q.sql() + ") AS m LIMIT " + membersPerGroup, q.params()),
            view, members::add);
        out.add(new Store.Group(keys.get(i), counts.get(i), members));
      }
      return out;
    });
  }

  AggregationResult aggregate(String dataset, ViewSpec view, Aggregation aggregation) {
    return store.read("aggregating " + dataset, c -> {
      Tables t = PostgresStore.tables(c, dataset, false);
      ScalarAggregationSql scalar = new ScalarAggregationSql(PostgresStore.DIALECT);
      if (scalarField(c, dataset, aggregation) && scalar.handles(aggregation, view)) {
        return scalar.execute(c, aggregation, view, t.samples(), PgIndexes.valueTable(c, t,
            aggregation.aggregatedField().orElseThrow().path()).orElse(null));
      }
      return new AggregationSql(PostgresStore.DIALECT).execute(c, aggregation, t.sql().rows(view));
    });
  }

  /** True when the dataset's schema says the aggregated field never holds a list. */
  private static boolean scalarField(Connection c, String dataset, Aggregation aggregation) throws SQLException {
    Optional<Expr.Field> field = aggregation.aggregatedField();
    if (field.isEmpty()) {
      return false;
    }
    String type = PostgresStore.dataset(c, dataset).map(r -> r.fields().get(String.join(".", field.get().path()))).orElse(null);
    return type != null && StoreDocs.SCALAR_TYPES.contains(type);
  }
}
