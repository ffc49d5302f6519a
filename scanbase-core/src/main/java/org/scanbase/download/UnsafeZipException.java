// SPDX-License-Identifier: Apache-2.0
package org.scanbase.download;

import java.util.zip.ZipException;

/**
 * A zip archive that {@link SafeUnzip} refuses to unpack: an entry that would land outside the
 * target folder, a symbolic link or other special file, a possible zip bomb (too large in total,
 * too high a compression ratio, overlapping entries, data larger than declared), or duplicate
 * names. The message names the archive and the entry.
 */
public class UnsafeZipException extends ZipException {
  private static final long serialVersionUID = 1L;

  /** A refusal described by {@code message}. */
  public UnsafeZipException(String message) {
    super(message);
  }
}
