// SPDX-License-Identifier: Apache-2.0
package org.scanbase.download;

import org.scanbase.core.Progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KaggleDownloaderTest {
  private static final KaggleDataset HIPPO = KaggleDataset.parse("kaggle:aryashah2k/hippocampal-sparing-dataset");
  private static final KaggleCredentials ADA = new KaggleCredentials("ada", "s3cr3t-key", "test");

  @TempDir
  Path dir;

  private static byte[] hippocampusZip() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("HippocampalMRISlices/01/MR.1.dcm", "slice one".getBytes(StandardCharsets.UTF_8));
    files.put("HippocampalMRISlices/01/RS.1.dcm", "structures".getBytes(StandardCharsets.UTF_8));
    files.put("HippocampalMRISlices/02/MR.1.dcm", new byte[70_000]);
    return TestZips.jdkZip(files);
  }

  private static List<String> names(Path folder) throws Exception {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void downloadsThroughTheRedirectsAndUnpacksWithAMarker() throws Exception {
    byte[] zip = hippocampusZip();
    try (FakeKaggle kaggle = new FakeKaggle("ada", "s3cr3t-key").serve("aryashah2k/hippocampal-sparing-dataset", zip)) {
      Path folder = KaggleDownloader.defaultFolder(dir.resolve("home"), HIPPO);
      List<Long> progressed = new java.util.ArrayList<>();
      Progress counting = new Progress() {
        @Override
        public void start(String phase, long totalBytes) {
          progressed.add(totalBytes);
        }

        @Override
        public void advance(long bytes) {}

        @Override
        public void finish() {}
      };
      DownloadResult r = new KaggleDownloader(kaggle.baseUrl(), SafeUnzip.Limits.defaults())
          .download(HIPPO, folder, ADA, counting);

      assertThat(r.reused()).isFalse();
      assertThat(r.folder()).isEqualTo(dir.resolve("home/downloads/kaggle/aryashah2k/hippocampal-sparing-dataset"));
      assertThat(folder.resolve("HippocampalMRISlices/01/MR.1.dcm")).hasContent("slice one");
      assertThat(folder.resolve("HippocampalMRISlices/01/RS.1.dcm")).hasContent("structures");
      assertThat(folder.resolve("HippocampalMRISlices/02/MR.1.dcm")).hasBinaryContent(new byte[70_000]);
      String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
      DownloadMarker marker = DownloadMarker.read(folder).orElseThrow();
      assertThat(marker.sha256()).isEqualTo(sha256);
      assertThat(marker.zipBytes()).isEqualTo(zip.length);
      assertThat(marker.files()).isEqualTo(3);
      assertThat(marker.bytes()).isEqualTo(9 + 10 + 70_000);
      assertThat(marker.source()).isEqualTo("kaggle:aryashah2k/hippocampal-sparing-dataset");
      assertThat(marker.url()).isEqualTo(kaggle.baseUrl() + "/api/v1/datasets/download/aryashah2k/hippocampal-sparing-dataset");
      assertThat(r.marker()).isEqualTo(marker);
      assertThat(progressed).as("download and unzip totals").containsExactly((long) zip.length, 9L + 10 + 70_000);

      // two requests to the API origin, both authenticated; one to storage, without the key
      assertThat(kaggle.apiRequests).hasValue(2);
      assertThat(kaggle.apiAuthorizations).containsOnly("Basic YWRhOnMzY3IzdC1rZXk=");
      assertThat(kaggle.storageRequests).hasValue(1);
      assertThat(kaggle.storageAuthorizations).containsExactly("null");
      // nothing but the dataset folder next to it: no temporary zip, no staging folder
      assertThat(names(folder.getParent())).containsExactly("hippocampal-sparing-dataset");
    }
  }

  @Test
  void aSecondRunReusesTheFolderWithoutAnyRequest() throws Exception {
    try (FakeKaggle kaggle = new FakeKaggle("ada", "s3cr3t-key")
        .serve("aryashah2k/hippocampal-sparing-dataset", hippocampusZip())) {
      KaggleDownloader downloader = new KaggleDownloader(kaggle.baseUrl(), SafeUnzip.Limits.defaults());
      Path folder = dir.resolve("out");
      DownloadResult first = downloader.download(HIPPO, folder, ADA, Progress.NONE);
      int api = kaggle.apiRequests.get();
      int storage = kaggle.storageRequests.get();

      DownloadResult second = downloader.download(HIPPO, folder, ADA, Progress.NONE);

      assertThat(second.reused()).isTrue();
      assertThat(second.marker()).isEqualTo(first.marker());
      assertThat(kaggle.apiRequests).hasValue(api);
      assertThat(kaggle.storageRequests).hasValue(storage);
      assertThat(KaggleDownloader.completed(HIPPO, folder)).isPresent();
      assertThatThrownBy(() -> KaggleDownloader.completed(KaggleDataset.parse("kaggle:x/y"), folder))
          .hasMessage(folder + " holds the download of " + HIPPO + ", not kaggle:x/y");
    }
  }

  @Test
  void aRejectedKeyIsHttp401NamingTheUserButNotTheKey() throws Exception {
    try (FakeKaggle kaggle = new FakeKaggle("ada", "the-right-key").serve("aryashah2k/hippocampal-sparing-dataset",
        hippocampusZip())) {
      Path folder = dir.resolve("out");
      assertThatThrownBy(() -> new KaggleDownloader(kaggle.baseUrl(), SafeUnzip.Limits.defaults())
          .download(HIPPO, folder, ADA, Progress.NONE))
          .isInstanceOf(DownloadException.class)
          .hasMessage("Kaggle refused kaggle:aryashah2k/hippocampal-sparing-dataset to user 'ada' (HTTP 401): the "
              + "credentials from test were rejected");
      assertThat(folder).doesNotExist();
      assertThat(names(dir)).isEmpty();
    }
  }

  @Test
  void anUnknownDatasetIsHttp404() throws Exception {
    try (FakeKaggle kaggle = new FakeKaggle("ada", "s3cr3t-key")) {
      assertThatThrownBy(() -> new KaggleDownloader(kaggle.baseUrl(), SafeUnzip.Limits.defaults())
          .download(KaggleDataset.parse("kaggle:nobody/nothing"), dir.resolve("out"), ADA, Progress.NONE))
          .isInstanceOf(DownloadException.class)
          .hasMessage("no such dataset on Kaggle: kaggle:nobody/nothing (HTTP 404 from " + kaggle.baseUrl() + ")");
      assertThat(names(dir)).isEmpty();
    }
  }

  @Test
  void aRefusalFromTheStorageHostIsNotBlamedOnTheCredentials() throws Exception {
    try (FakeKaggle kaggle = new FakeKaggle("ada", "s3cr3t-key")
        .serve("aryashah2k/hippocampal-sparing-dataset", hippocampusZip())) {
      kaggle.storageStatus = 403;
      assertThatThrownBy(() -> new KaggleDownloader(kaggle.baseUrl(), SafeUnzip.Limits.defaults())
          .download(HIPPO, dir.resolve("out"), ADA, Progress.NONE))
          .hasMessageStartingWith("download of kaggle:aryashah2k/hippocampal-sparing-dataset failed: HTTP 403 from "
              + "http://127.0.0.1:")
          .message().doesNotContain("credentials").doesNotContain("Signature");
    }
  }

  @Test
  void aMaliciousZipIsRefusedAndLeavesNothingBehind() throws Exception {
    Path folder = dir.resolve("downloads/out");
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("fine.txt", "ok".getBytes(StandardCharsets.UTF_8));
    files.put("../evil.txt", "pwned".getBytes(StandardCharsets.UTF_8));
    files.put(dir.resolve("absolute-evil.txt").toString(), "pwned".getBytes(StandardCharsets.UTF_8));
    try (FakeKaggle kaggle = new FakeKaggle("ada", "s3cr3t-key")
        .serve("aryashah2k/hippocampal-sparing-dataset", TestZips.jdkZip(files))) {
      assertThatThrownBy(() -> new KaggleDownloader(kaggle.baseUrl(), SafeUnzip.Limits.defaults())
          .download(HIPPO, folder, ADA, Progress.NONE))
          .isInstanceOf(UnsafeZipException.class)
          .hasMessage("kaggle:aryashah2k/hippocampal-sparing-dataset (zip from " + kaggle.baseUrl()
              + "): entry '../evil.txt' climbs out of the target folder with '..'");
    }
    assertThat(folder).doesNotExist();
    assertThat(names(dir)).containsExactly("downloads");
    assertThat(names(dir.resolve("downloads"))).isEmpty();
  }

  @Test
  void anUnreachableServerSuggestsTheOfflineDemoData() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    URI base = URI.create("http://127.0.0.1:" + closedPort);
    assertThatThrownBy(() -> new KaggleDownloader(base, SafeUnzip.Limits.defaults())
        .download(HIPPO, dir.resolve("out"), ADA, Progress.NONE))
        .isInstanceOf(DownloadException.class)
        .hasMessage("cannot reach http://127.0.0.1:" + closedPort + ": connection refused (offline? the demo data "
            + "works offline: scanbase demo-data)");
    assertThat(names(dir)).isEmpty();
  }

  @Test
  void refusesAFolderThatHoldsOtherFilesBeforeAnyRequest() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(folder.resolve("notes.txt"), "keep me");
    try (FakeKaggle kaggle = new FakeKaggle("ada", "s3cr3t-key")) {
      assertThatThrownBy(() -> new KaggleDownloader(kaggle.baseUrl(), SafeUnzip.Limits.defaults())
          .download(HIPPO, folder, ADA, Progress.NONE))
          .hasMessage(folder + ": holds files but no finished download (no .complete); remove it or choose another --out");
      assertThat(kaggle.apiRequests).hasValue(0);
      assertThat(folder.resolve("notes.txt")).hasContent("keep me");
    }
  }

  @Test
  void deletesTheLeftoversOfAKilledRun() throws Exception {
    Path folder = dir.resolve("out");
    Files.write(dir.resolve(".out.download-123.zip"), new byte[10]);
    Files.createDirectories(dir.resolve(".out.unzip-abc/half"));
    Files.writeString(dir.resolve(".other.download-1.zip"), "not ours");
    try (FakeKaggle kaggle = new FakeKaggle("ada", "s3cr3t-key")
        .serve("aryashah2k/hippocampal-sparing-dataset", hippocampusZip())) {
      new KaggleDownloader(kaggle.baseUrl(), SafeUnzip.Limits.defaults()).download(HIPPO, folder, ADA,
          Progress.NONE);
    }
    assertThat(names(dir)).containsExactly(".other.download-1.zip", "out");
  }

  @Test
  void theBaseUrlComesFromScanbaseKaggleUrl() throws Exception {
    assertThat(KaggleDownloader.baseUrl(Map.of())).isEqualTo(URI.create("https://www.kaggle.com"));
    assertThat(KaggleDownloader.baseUrl(Map.of("SCANBASE_KAGGLE_URL", "http://127.0.0.1:9/")))
        .isEqualTo(URI.create("http://127.0.0.1:9/"));
    assertThat(new KaggleDownloader(URI.create("http://127.0.0.1:9/"), SafeUnzip.Limits.defaults()).downloadUrl(HIPPO))
        .isEqualTo(URI.create("http://127.0.0.1:9/api/v1/datasets/download/aryashah2k/hippocampal-sparing-dataset"));
    assertThatThrownBy(() -> KaggleDownloader.baseUrl(Map.of("SCANBASE_KAGGLE_URL", "ftp://x")))
        .hasMessage("SCANBASE_KAGGLE_URL must be an http(s) URL such as https://www.kaggle.com, was 'ftp://x'");
  }
}
