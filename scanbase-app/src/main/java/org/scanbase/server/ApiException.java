// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

/**
 * A request the API refuses, with the HTTP status to answer and a one-line message; the
 * server turns it into {@code {"error": message, "status": status}}.
 */
public class ApiException extends RuntimeException {
  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status code (400, 401, 404...). */
  public int status() {
    return status;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, message);
  }
}
