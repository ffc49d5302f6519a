// SPDX-License-Identifier: Apache-2.0
package org.scanbase.importer;

/** Progress of a long import, for a progress bar: a phase with a known amount of work. */
public interface ImportProgress {
  /** Nothing is shown. */
  ImportProgress NONE = new ImportProgress() {
    @Override
    public void start(String phase, long total) {}

    @Override
    public void advance(long n) {}

    @Override
    public void finish() {}
  };

  /** A new phase ("reading headers", "masks") of {@code total} steps. */
  void start(String phase, long total);

  /** {@code n} more steps done. */
  void advance(long n);

  /** The phase is over. */
  void finish();
}
