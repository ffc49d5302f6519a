// SPDX-License-Identifier: Apache-2.0
package org.scanbase.download;

import org.scanbase.core.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One authenticated GET streamed to a file: redirects are followed by hand so that the
 * {@code Authorization} header goes only to the origin (scheme, host and port) of the first
 * URL — Kaggle answers with a redirect to a signed storage URL on another host, which must not
 * see the key. Every failure is a {@link DownloadException} whose message is one line for the user.
 */
final class HttpFetch {
  /** How the fetched file turned out. */
  record Fetched(long bytes, String sha256) {}

  /** What the statuses 401, 403 and 404 of the first origin mean, for messages. */
  interface Refusals {
    /** The message for a 401 or 403 from the origin that was sent the credentials. */
    String rejected(int status);

    /** The message for a 404 from that origin. */
    String notFound();
  }

  private static final int MAX_REDIRECTS = 10;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(120);

  private final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(CONNECT_TIMEOUT)
      .build();

  /**
   * GETs {@code url}, sending {@code authorization} to its origin only, and streams the body of
   * the final 200 response into {@code file}.
   *
   * @param what     the thing fetched, for messages ({@code kaggle:OWNER/DATASET})
   * @param progress told of the bytes received (phase "downloading")
   */
  Fetched get(URI url, String authorization, String what, Refusals refusals, Path file, Progress progress)
      throws IOException {
    URI uri = url;
    HttpResponse<InputStream> response;
    for (int hop = 0; ; hop++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(RESPONSE_TIMEOUT)
          .header("User-Agent", "scanbase");
      if (sameOrigin(uri, url)) {
        request.header("Authorization", authorization);
      }
      response = send(request.build(), uri);
      int status = response.statusCode();
      if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
        break;
      }
      response.body().close();
      Optional<String> location = response.headers().firstValue("Location");
      if (location.isEmpty() || hop == MAX_REDIRECTS) {
        throw new DownloadException("download of " + what + ": " + (location.isEmpty()
            ? "HTTP " + status + " without a Location from " + origin(uri)
            : "more than " + MAX_REDIRECTS + " redirects, the last from " + origin(uri)));
      }
      URI next = uri.resolve(location.get().strip());
      if (!"https".equalsIgnoreCase(next.getScheme()) && !"http".equalsIgnoreCase(next.getScheme())) {
        throw new DownloadException("download of " + what + ": " + origin(uri) + " redirects to a "
            + next.getScheme() + ": URL");
      }
      uri = next;
    }
    int status = response.statusCode();
    if (status != 200) {
      response.body().close();
      boolean first = sameOrigin(uri, url);
      if (first && (status == 401 || status == 403)) {
        throw new DownloadException(refusals.rejected(status));
      }
      if (first && status == 404) {
        throw new DownloadException(refusals.notFound());
      }
      throw new DownloadException("download of " + what + " failed: HTTP " + status + " from " + origin(uri));
    }
    return stream(response, uri, what, file, progress);
  }

  private static Fetched stream(HttpResponse<InputStream> response, URI uri, String what, Path file,
                                Progress progress) throws IOException {
    long expected = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    MessageDigest sha256 = sha256();
    byte[] buffer = new byte[1 << 16];
    long bytes = 0;
    progress.start("downloading", expected);
    try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        int n;
        try {
          n = in.read(buffer);
        } catch (IOException e) {
          throw new DownloadException("download of " + what + " from " + origin(uri) + " broke off after "
              + bytes + " bytes: " + reason(e, uri), e);
        }
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        sha256.update(buffer, 0, n);
        bytes += n;
        progress.advance(n);
      }
    } finally {
      progress.finish();
    }
    if (expected >= 0 && bytes != expected) {
      throw new DownloadException("download of " + what + " from " + origin(uri) + " ended after " + bytes
          + " of " + expected + " bytes");
    }
    return new Fetched(bytes, HexFormat.of().formatHex(sha256.digest()));
  }

  /** Sends a request; a failure before the response is "cannot reach" with the offline hint. */
  private HttpResponse<InputStream> send(HttpRequest request, URI uri) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new DownloadException(unreachable(uri, "no answer within " + RESPONSE_TIMEOUT.toSeconds() + " s"), e);
    } catch (IOException e) {
      throw new DownloadException(unreachable(uri, reason(e, uri)), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("download interrupted");
    }
  }

  private static String unreachable(URI uri, String reason) {
    return "cannot reach " + origin(uri) + ": " + reason + " (offline? the demo data works offline: scanbase demo-data)";
  }

  /** The first message along the cause chain; unknown hosts named. */
  static String reason(Throwable e, URI uri) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "unknown host " + uri.getHost();
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage().strip();
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "connection refused"; // what the JDK's HttpClient leaves unsaid
      }
    }
    return e.getClass().getSimpleName();
  }

  /** {@code scheme://host[:port]} — never the path or query, which may carry a signature. */
  static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null && a.getHost().toLowerCase(Locale.ROOT).equals(Objects.toString(b.getHost(), "")
        .toLowerCase(Locale.ROOT))
        && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
