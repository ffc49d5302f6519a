// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.dataset.Catalog;
import org.scanbase.store.Stores;

/**
 * The UI from the classpath folder web/: files with their content types, index.html for the
 * UI's own routes (SPA), a placeholder page when the UI was not built. The test classpath has
 * no web/ folder unless the UI build put one there, so both cases are checked on what is there.
 */
class StaticFilesTest {
  @TempDir
  Path dir;

  @Test
  void servesTheBuiltIndexOrAPlaceholderForEveryUiRoute() throws Exception {
    boolean built = StaticFilesTest.class.getClassLoader().getResource("web/index.html") != null;
    try (Catalog catalog = new Catalog(Stores.open("sqlite:" + dir.resolve("s.db")));
         AppServer app = AppServer.start(catalog, AppOptions.loopback())) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + app.port();
      String expected = built
          ? new String(StaticFilesTest.class.getClassLoader().getResourceAsStream("web/index.html").readAllBytes())
          : StaticFiles.PLACEHOLDER;
      for (String path : new String[] {"/", "/datasets/hippocampus-mri", "/datasets/x/samples/y?view=%5B%5D", "/no/such/file.js"}) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(r.body()).as(path).isEqualTo(expected);
      }
      HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(base + "/api/nothing")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(api.statusCode()).isEqualTo(404);
      assertThat(api.body()).startsWith("{\"error\":");
    }
  }

  @Test
  void servesFilesUnderWebWithTheirContentType() throws Exception {
    Path classes = Path.of(StaticFilesTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path asset = classes.resolve("web/test-asset/probe.css");
    Files.createDirectories(asset.getParent());
    Files.writeString(asset, "body{color:red}");
    try (Catalog catalog = new Catalog(Stores.open("sqlite:" + dir.resolve("s.db")));
         AppServer app = AppServer.start(catalog, AppOptions.loopback())) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
          + "/test-asset/probe.css")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
      assertThat(r.body()).isEqualTo("body{color:red}");
      HttpResponse<String> folder = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
          + "/test-asset")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(folder.body()).doesNotContain("probe.css");
    } finally {
      Files.deleteIfExists(asset);
      Files.deleteIfExists(asset.getParent());
    }
  }
}
