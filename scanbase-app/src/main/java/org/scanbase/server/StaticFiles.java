// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The built web UI, from the classpath folder {@code /web/} (the npm build puts
 * {@code index.html} and its assets there). Paths that name no file get {@code index.html}, so
 * the UI's own routes reload; without a build a placeholder page says so. Only resources under
 * {@code web/} are ever read: a path with {@code ..}, a backslash or a NUL is refused.
 */
final class StaticFiles {
  private static final String ROOT = "web/";
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("json", "application/json"), Map.entry("map", "application/json"),
      Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"),
      Map.entry("woff2", "font/woff2"), Map.entry("woff", "font/woff"), Map.entry("wasm", "application/wasm"),
      Map.entry("txt", "text/plain; charset=utf-8"));
  static final String PLACEHOLDER = "<!doctype html><html><head><meta charset=\"utf-8\"><title>scanbase</title></head>"
      + "<body><h1>scanbase</h1><p>The web UI was not built into this server (no <code>/web/index.html</code> on the "
      + "classpath). Build it with <code>./mvnw -pl scanbase-app -am install</code>; the JSON API under "
      + "<code>/api/</code> works without it.</p></body></html>";

  private final ClassLoader loader = StaticFiles.class.getClassLoader();

  void serve(Context ctx, String path) throws IOException {
    String p = path == null ? "" : path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (!safe(p)) {
      throw ApiException.notFound("no such file");
    }
    if (!p.isEmpty() && !p.endsWith("/") && send(ctx, p)) {
      return;
    }
    if (!send(ctx, "index.html")) {
      ctx.contentType("text/html; charset=utf-8").result(PLACEHOLDER.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A folder on the classpath (a file: URL to a directory, or a jar entry ending in /) is no file to send. */
  private static boolean isDirectory(java.net.URL url) {
    if (url.getProtocol().equals("file")) {
      try {
        return java.nio.file.Files.isDirectory(java.nio.file.Path.of(url.toURI()));
      } catch (java.net.URISyntaxException | IllegalArgumentException e) {
        return true;
      }
    }
    return url.getPath().endsWith("/");
  }

  private static boolean safe(String p) {
    if (p.indexOf('\\') >= 0 || p.indexOf('\0') >= 0 || p.contains(":")) {
      return false;
    }
    for (String segment : p.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        return false;
      }
    }
    return true;
  }

  private boolean send(Context ctx, String p) throws IOException {
    java.net.URL url = loader.getResource(ROOT + p);
    if (url == null || isDirectory(url)) {
      return false;
    }
    try (InputStream in = url.openStream()) {
      if (in == null) {
        return false;
      }
      byte[] bytes = in.readAllBytes();
      String ext = p.contains(".") ? p.substring(p.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
      ctx.contentType(TYPES.getOrDefault(ext, "application/octet-stream"));
      ctx.header("Cache-Control", p.equals("index.html") ? "no-cache" : "private, max-age=3600");
      ctx.result(bytes);
      return true;
    }
  }
}
