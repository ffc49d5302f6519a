// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

/**
 * How the App server listens.
 *
 * @param host    the address to bind; loopback ({@code 127.0.0.1}) by default
 * @param port    the TCP port; 0 picks a free one (tests)
 * @param token   the access token, or null: then one is generated when {@code host} is not loopback
 * @param dataset the dataset the UI opens first, or null
 */
public record AppOptions(String host, int port, String token, String dataset) {
  public static final String LOOPBACK = "127.0.0.1";
  public static final int DEFAULT_PORT = 5151;

  public AppOptions {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("the host to bind must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("the port must be in 0..65535, was " + port);
    }
    if (token != null && token.isBlank()) {
      throw new IllegalArgumentException("the token must not be empty");
    }
  }

  /** Loopback on a free port, no token: for tests. */
  public static AppOptions loopback() {
    return new AppOptions(LOOPBACK, 0, null, null);
  }
}
