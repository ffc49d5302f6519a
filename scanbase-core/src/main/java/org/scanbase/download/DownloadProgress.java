// SPDX-License-Identifier: Apache-2.0
package org.scanbase.download;

/** Progress of a download or an unzip in bytes, for a progress bar. */
public interface DownloadProgress {
  /** Nothing is shown. */
  DownloadProgress NONE = new DownloadProgress() {
    @Override
    public void start(String phase, long totalBytes) {}

    @Override
    public void advance(long bytes) {}

    @Override
    public void finish() {}
  };

  /**
   * A new phase ("downloading", "unzipping").
   *
   * @param totalBytes the bytes the phase will move, or -1 when unknown (no Content-Length)
   */
  void start(String phase, long totalBytes);

  /** {@code bytes} more bytes moved. */
  void advance(long bytes);

  /** The phase is over. */
  void finish();
}
