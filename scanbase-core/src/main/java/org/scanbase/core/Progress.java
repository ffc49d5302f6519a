// SPDX-License-Identifier: Apache-2.0
package org.scanbase.core;

/**
 * Progress of long work (an import, a download), for a progress bar: phases, each with a known
 * amount of work (files, samples or bytes; -1 when unknown).
 */
public interface Progress {
  /** Nothing is shown. */
  Progress NONE = new Progress() {
    @Override
    public void start(String phase, long total) {}

    @Override
    public void advance(long n) {}

    @Override
    public void finish() {}
  };

  /** A new phase ("reading headers", "downloading") of {@code total} steps, -1 when unknown. */
  void start(String phase, long total);

  /** {@code n} more steps done. */
  void advance(long n);

  /** The phase is over. */
  void finish();
}
