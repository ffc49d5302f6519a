// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.scanbase.view.Aggregation;
import org.scanbase.view.AggregationResult;
import org.scanbase.view.Expr;
import org.scanbase.view.ViewSpec;

/**
 * Where datasets live: dataset records, sample and frame documents, indexes and saved views.
 * Documents are the flat sample form ({@code id}, {@code filepath}, {@code media_type},
 * {@code tags}, {@code metadata} and every field at the top level) as plain Java values: null,
 * Boolean, Long, Double, String, List and Map. Nothing above this interface knows which
 * database holds them; {@link org.scanbase.store.sqlite.SqliteStore} is the embedded default.
 *
 * <p>Every write is one transaction: a batch is stored whole or not at all. Reads may run on
 * other threads while one thread writes; they see the last committed state.
 *
 * @see Stores#open(String)
 */
public interface Store extends AutoCloseable {

  /** Where the store is, for messages: {@code sqlite:/home/u/.scanbase/scanbase.db}. */
  String location();

  /**
   * The folder under which generated media live, one sub-folder per dataset:
   * {@code SCANBASE_MEDIA} when set (shared storage several machines see), else {@code media}
   * next to an embedded database file.
   */
  java.nio.file.Path mediaRoot();

  // ---- datasets -------------------------------------------------------------------------

  /** Every dataset, by name. */
  List<DatasetRecord> datasets();

  /** The dataset called {@code name}, if there is one. */
  Optional<DatasetRecord> dataset(String name);

  /**
   * Creates an empty dataset.
   *
   * @throws StoreException when a dataset of that name exists
   */
  DatasetRecord createDataset(String name, String mediaType);

  /** Replaces the dataset's schema, mask targets, info and App config (not its name). */
  void updateDataset(DatasetRecord record);

  /** Deletes a dataset with its samples, frames, indexes and saved views; false if absent. */
  boolean deleteDataset(String name);

  // ---- samples --------------------------------------------------------------------------

  /**
   * Adds samples, with their frames, in one transaction: all of them or, on any failure, none.
   * The store gives each a new {@code id} (any id in the document is replaced): 24 lower-case hex
   * digits, increasing in insertion order, so that ordering by id is ordering by insertion.
   *
   * @param frames null, or per document its frames as {@link #saveFrames} takes them (null or
   *               empty for none)
   * @return the new ids, in the order of {@code docs}
   */
  List<String> insertSamples(String dataset, List<Map<String, Object>> docs, List<List<Map<String, Object>>> frames);

  /** {@link #insertSamples(String, List, List)} without frames. */
  default List<String> insertSamples(String dataset, List<Map<String, Object>> docs) {
    return insertSamples(dataset, docs, null);
  }

  /**
   * Adds samples that keep their {@code id}s, with their frames, in one transaction: how a
   * dataset is copied from another store ({@link StoreCopy}), so saved views that select ids
   * and labels that name them stay valid. Ids must be 24 lower-case hex digits, increasing,
   * and greater than every id already in the dataset.
   *
   * @param frames null, or per document its frames as {@link #saveFrames} takes them
   * @throws IllegalArgumentException when an id is missing, malformed or out of order (nothing
   *     of the batch is kept)
   */
  void copySamples(String dataset, List<Map<String, Object>> docs, List<List<Map<String, Object>>> frames);

  /**
   * Replaces samples by {@code id}, and the frames given with them, in one transaction.
   *
   * @param frames null, or per document its new frames (null: its frames stay as they are)
   * @throws StoreException when an id is not in the dataset (nothing of the batch is kept)
   */
  void saveSamples(String dataset, List<Map<String, Object>> docs, List<List<Map<String, Object>>> frames);

  /** {@link #saveSamples(String, List, List)} leaving the frames as they are. */
  default void saveSamples(String dataset, List<Map<String, Object>> docs) {
    saveSamples(dataset, docs, null);
  }

  /** Sets {@code path} to {@code value} on every sample of the view; the number changed. */
  long setField(String dataset, ViewSpec view, List<String> path, Object value);

  /** Removes {@code path} from every sample of the view; the number of samples visited. */
  long unsetField(String dataset, ViewSpec view, List<String> path);

  /** Deletes the samples of the view (and their frames); the number deleted. */
  long deleteSamples(String dataset, ViewSpec view);

  // ---- frames ---------------------------------------------------------------------------

  /**
   * Replaces the frames of one sample. Each document holds {@code frame_number} (1-based) and
   * the frame's fields; the store adds {@code id} and {@code sample_id}.
   */
  void saveFrames(String dataset, String sampleId, List<Map<String, Object>> frames);

  /** The frames of one sample, by frame number. */
  List<Map<String, Object>> frames(String dataset, String sampleId);

  // ---- reading --------------------------------------------------------------------------

  /** The documents of a page of the view, in view order, projected by its field stages. */
  List<Map<String, Object>> find(String dataset, ViewSpec view, long offset, long limit);

  /** Every document of the view, in order, streamed to {@code sink} without holding them all. */
  void forEach(String dataset, ViewSpec view, Consumer<Map<String, Object>> sink);

  /** The ids of the view, in view order. */
  List<String> ids(String dataset, ViewSpec view);

  /** The documents with these ids, in the order of {@code ids} (absent ids are left out). */
  List<Map<String, Object>> byIds(String dataset, List<String> ids);

  /** The number of documents in the view. */
  long count(String dataset, ViewSpec view);

  /**
   * A page of dynamic groups of a view that ends in {@code groupBy} (then only skip and limit,
   * which count groups); each group with at most {@code membersPerGroup} members in order.
   */
  List<Group> groups(String dataset, ViewSpec view, int membersPerGroup);

  /** One aggregation over the view. */
  AggregationResult aggregate(String dataset, ViewSpec view, Aggregation aggregation);

  // ---- indexes and saved views ----------------------------------------------------------

  /**
   * Creates (if missing) the index that serves filtering, sorting and grouping on {@code key};
   * returns its name.
   */
  String createIndex(String dataset, Expr key);

  /** The indexes of a dataset: name and the expression each serves. */
  List<IndexInfo> indexes(String dataset);

  /** Drops an index made by {@link #createIndex}; false if there is none of that name. */
  boolean dropIndex(String dataset, String name);

  /** Saves (or replaces) a named view. */
  void saveView(String dataset, String name, ViewSpec view);

  /** The saved views of a dataset, by name. */
  Map<String, ViewSpec> savedViews(String dataset);

  /** Deletes a saved view; false if there is none of that name. */
  boolean deleteView(String dataset, String name);

  /** Closes connections; the store cannot be used afterwards. */
  @Override
  void close();

  /** One dynamic group: its key, its size, and the first members in group order. */
  record Group(Object key, long count, List<Map<String, Object>> samples) {}

  /** A named index and the expression it serves, in the text form of expressions. */
  record IndexInfo(String name, String expression) {}
}
