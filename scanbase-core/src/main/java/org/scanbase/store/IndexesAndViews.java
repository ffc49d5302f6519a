// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import java.util.List;
import java.util.Map;
import org.scanbase.store.Store.IndexInfo;
import org.scanbase.view.Expr;
import org.scanbase.view.ViewSpec;

/**
 * A dataset's field indexes and saved views, kept by each backend in its own SQL; a store hands
 * {@link Store#createIndex} and the saved-view methods to one of these through {@link WritingStore}.
 */
public interface IndexesAndViews {
  /** {@link Store#createIndex}. */
  String create(String dataset, Expr key);

  /** {@link Store#indexes}. */
  List<IndexInfo> list(String dataset);

  /** {@link Store#dropIndex}. */
  boolean drop(String dataset, String name);

  /** {@link Store#saveView}. */
  void saveView(String dataset, String name, ViewSpec view);

  /** {@link Store#savedViews}. */
  Map<String, ViewSpec> savedViews(String dataset);

  /** {@link Store#deleteView}. */
  boolean deleteView(String dataset, String name);
}
