// SPDX-License-Identifier: Apache-2.0
package org.scanbase.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kaggle's download API on 127.0.0.1, port 0: the API server checks basic authentication,
 * redirects to a second path on itself (which checks it again), which redirects to a signed URL
 * on a second "storage" server — another origin — that serves the zip and records the
 * Authorization headers it was sent.
 */
final class FakeKaggle implements AutoCloseable {
  final String user;
  final String key;
  final Map<String, byte[]> zips = new ConcurrentHashMap<>();
  final AtomicInteger apiRequests = new AtomicInteger();
  final AtomicInteger storageRequests = new AtomicInteger();
  final List<String> apiAuthorizations = new CopyOnWriteArrayList<>();
  final List<String> storageAuthorizations = new CopyOnWriteArrayList<>();
  volatile int storageStatus = 200;
  private final HttpServer api;
  private final HttpServer storage;

  FakeKaggle(String user, String key) throws IOException {
    this.user = user;
    this.key = key;
    InetAddress loopback = InetAddress.getLoopbackAddress();
    storage = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    storage.createContext("/bucket/", this::storage);
    storage.start();
    api = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    api.createContext("/", this::api);
    api.start();
  }

  /** The base URL to give the downloader ({@code SCANBASE_KAGGLE_URL}). */
  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + api.getAddress().getPort());
  }

  /** Serves {@code zip} as OWNER/DATASET. */
  FakeKaggle serve(String ownerAndDataset, byte[] zip) {
    zips.put(ownerAndDataset, zip);
    return this;
  }

  private void api(HttpExchange x) throws IOException {
    apiRequests.incrementAndGet();
    String auth = x.getRequestHeaders().getFirst("Authorization");
    apiAuthorizations.add(String.valueOf(auth));
    String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + key).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(auth)) {
      respond(x, 401, "{\"code\":401,\"message\":\"Unauthenticated\"}");
      return;
    }
    String path = x.getRequestURI().getPath();
    String prefix = "/api/v1/datasets/download/";
    if (path.startsWith(prefix) && zips.containsKey(path.substring(prefix.length()))) {
      redirect(x, "/files/" + path.substring(prefix.length()) + ".zip"); // same origin, relative
    } else if (path.startsWith("/files/") && path.endsWith(".zip")) {
      String name = path.substring("/files/".length(), path.length() - ".zip".length());
      redirect(x, "http://127.0.0.1:" + storage.getAddress().getPort() + "/bucket/" + name
          + ".zip?X-Goog-Signature=0123abcd");
    } else {
      respond(x, 404, "{\"code\":404,\"message\":\"Not found\"}");
    }
  }

  private void storage(HttpExchange x) throws IOException {
    storageRequests.incrementAndGet();
    storageAuthorizations.add(String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
    String path = x.getRequestURI().getPath();
    byte[] zip = zips.get(path.substring("/bucket/".length(), path.length() - ".zip".length()));
    if (storageStatus != 200 || zip == null || !"X-Goog-Signature=0123abcd".equals(x.getRequestURI().getQuery())) {
      respond(x, storageStatus != 200 ? storageStatus : 403, "<Error>AccessDenied</Error>");
      return;
    }
    x.getResponseHeaders().set("Content-Type", "application/zip");
    x.sendResponseHeaders(200, zip.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(zip);
    }
  }

  private static void redirect(HttpExchange x, String location) throws IOException {
    x.getResponseHeaders().set("Location", location);
    x.sendResponseHeaders(302, -1);
    x.close();
  }

  private static void respond(HttpExchange x, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(status, b.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    api.stop(0);
    storage.stop(0);
  }
}
