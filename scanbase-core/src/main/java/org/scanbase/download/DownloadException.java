// SPDX-License-Identifier: Apache-2.0
package org.scanbase.download;

import java.io.IOException;

/**
 * A download that cannot be done, with a message meant for the user as it is: missing or
 * rejected credentials, an unknown dataset, an unreachable server, a broken transfer.
 */
public class DownloadException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public DownloadException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public DownloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
