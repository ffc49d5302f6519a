// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.scanbase.core.Progress;
import org.scanbase.dataset.Catalog;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.dataset.MediaType;
import org.scanbase.demo.CovidCtDemo;
import org.scanbase.demo.HippocampusDemo;
import org.scanbase.importer.DicomImporter;
import org.scanbase.importer.NiftiImporter;
import org.scanbase.store.Store;
import org.scanbase.store.Stores;

/**
 * A store holding small versions of the two quickstart datasets ({@value #MRI}: DICOM MR slices
 * with two RTSTRUCT hippocampus masks; {@value #CT}: NIfTI CT volumes with three label
 * volumes), imported with the same code as {@code scanbase quickstart}, and an App over it on a
 * free loopback port. Tests talk to it with {@link java.net.http.HttpClient}.
 */
final class AppFixture implements AutoCloseable {
  static final String MRI = "hippocampus-mri";
  static final String CT = "covid19-ct";
  static final ObjectMapper JSON = new ObjectMapper();
  final Path dir;
  final Catalog catalog;
  final AppServer app;
  final HttpClient http = HttpClient.newHttpClient();

  private AppFixture(Path dir, Catalog catalog, AppServer app) {
    this.dir = dir;
    this.catalog = catalog;
    this.app = app;
  }

  /** Writes and imports the demo data (2 patients x 8 slices of 64x64; 2 CT scans of 64x64x16). */
  static AppFixture start() throws IOException {
    return start(AppOptions.loopback());
  }

  static AppFixture start(AppOptions options) throws IOException {
    return start(options, dir -> Stores.open("sqlite:" + dir.resolve("store/scanbase.db")));
  }

  /** The same data in the store {@code openStore} opens, given the fixture's temporary folder. */
  static AppFixture start(Function<Path, Store> openStore) throws IOException {
    return start(AppOptions.loopback(), openStore);
  }

  static AppFixture start(AppOptions options, Function<Path, Store> openStore) throws IOException {
    Path dir = Files.createTempDirectory("scanbase-app-test");
    Catalog catalog = new Catalog(openStore.apply(dir));
    Path hippo = dir.resolve("hippocampal-sparing-dataset");
    Path covid = dir.resolve("covid19-ct-scans");
    HippocampusDemo.write(hippo, new HippocampusDemo.Options(2, 8, 64, 1));
    CovidCtDemo.write(covid, new CovidCtDemo.Options(2, 64, 16, 1));
    Dataset mri = catalog.create(MRI, MediaType.IMAGE);
    DicomImporter.run(hippo.resolve(HippocampusDemo.ROOT), mri,
        new DicomImporter.Options("MR*.dcm", "RS*.dcm", DicomImporter.Mode.SLICES), Progress.NONE,
        MediaFiles.of(catalog.store(), MRI));
    Dataset ct = catalog.create(CT, MediaType.VOLUME);
    NiftiImporter.importCovidLayout(covid, ct, Progress.NONE, MediaFiles.of(catalog.store(), CT));
    return new AppFixture(dir, catalog, AppServer.start(catalog, options));
  }

  String base() {
    return "http://127.0.0.1:" + app.port();
  }

  HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> send(String method, String path, String json) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base() + path))
        .method(method, HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** GETs JSON, expecting 200. */
  JsonNode getJson(String path) throws IOException, InterruptedException {
    return ok(get(path));
  }

  /** POSTs JSON, expecting 200. */
  JsonNode post(String path, String json) throws IOException, InterruptedException {
    return ok(send("POST", path, json));
  }

  static JsonNode ok(HttpResponse<byte[]> r) throws IOException {
    assertThat(r.statusCode()).as("status of %s: %s", r.uri(), new String(r.body())).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static JsonNode json(HttpResponse<byte[]> r) throws IOException {
    return JSON.readTree(r.body());
  }

  Dataset dataset(String name) {
    return catalog.load(name);
  }

  @Override
  public void close() throws IOException {
    app.close();
    catalog.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
