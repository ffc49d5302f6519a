// SPDX-License-Identifier: Apache-2.0
package org.scanbase.download;

import org.scanbase.core.Progress;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Downloads a Kaggle dataset into a folder, the way kagglehub does for the seed notebooks:
 * {@code GET {base}/api/v1/datasets/download/OWNER/DATASET} with HTTP basic authentication
 * (user name and API key), following Kaggle's redirect to its storage host without the
 * credentials, the zip streamed to a temporary file next to the folder, then unpacked by
 * {@link SafeUnzip} into a staging folder that is renamed into place with its
 * {@value DownloadMarker#FILE_NAME} marker. The folder is therefore complete or absent; a folder
 * with the marker is reused without any request. Leftover temporary files of an interrupted run
 * ({@code .DATASET.download-*}, {@code .DATASET.unzip-*} next to the folder) are deleted by the
 * next run; two runs into the same folder at once are not supported.
 */
public final class KaggleDownloader {
  /** Kaggle's public API. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://www.kaggle.com");
  /** The environment variable that replaces {@link #DEFAULT_BASE_URL} (tests, mirrors). */
  public static final String BASE_URL_VARIABLE = "SCANBASE_KAGGLE_URL";

  private final URI baseUrl;
  private final SafeUnzip.Limits limits;
  private final HttpFetch fetch = new HttpFetch();

  /**
   * A downloader talking to {@code baseUrl} and unpacking within {@code limits}.
   *
   * @param baseUrl an http or https URL, e.g. {@link #DEFAULT_BASE_URL}
   */
  public KaggleDownloader(URI baseUrl, SafeUnzip.Limits limits) {
    String scheme = baseUrl.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("the Kaggle URL must be an http(s) URL with a host, was '" + baseUrl + "'");
    }
    this.baseUrl = baseUrl;
    this.limits = limits;
  }

  /**
   * The base URL from {@value #BASE_URL_VARIABLE} in {@code env}, else {@link #DEFAULT_BASE_URL}.
   *
   * @throws DownloadException when the variable is set but not an http(s) URL
   */
  public static URI baseUrl(Map<String, String> env) throws DownloadException {
    String value = env.get(BASE_URL_VARIABLE);
    if (value == null || value.isBlank()) {
      return DEFAULT_BASE_URL;
    }
    try {
      URI uri = new URI(value.strip());
      if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below with the variable's name
    }
    throw new DownloadException(BASE_URL_VARIABLE + " must be an http(s) URL such as " + DEFAULT_BASE_URL
        + ", was '" + value + "'");
  }

  /** {@code SCANBASE_HOME/downloads/kaggle/OWNER/DATASET}: where a dataset goes by default. */
  public static Path defaultFolder(Path scanbaseHome, KaggleDataset dataset) {
    return scanbaseHome.resolve("downloads").resolve("kaggle").resolve(dataset.owner()).resolve(dataset.dataset());
  }

  /** The API URL of a dataset's zip: {@code {base}/api/v1/datasets/download/OWNER/DATASET}. */
  public URI downloadUrl(KaggleDataset dataset) {
    String base = baseUrl.toString().replaceAll("/+$", "");
    return URI.create(base + "/api/v1/datasets/download/" + dataset.owner() + "/" + dataset.dataset());
  }

  /**
   * The finished download of {@code dataset} in {@code folder}, if there is one.
   *
   * @throws DownloadException when the folder's marker names another dataset
   */
  public static Optional<DownloadResult> completed(KaggleDataset dataset, Path folder) throws IOException {
    Path dir = folder.toAbsolutePath().normalize();
    Optional<DownloadMarker> marker = Files.isDirectory(dir) ? DownloadMarker.read(dir) : Optional.empty();
    if (marker.isPresent() && !dataset.toString().equals(marker.get().source())) {
      throw new DownloadException(dir + " holds the download of " + marker.get().source() + ", not " + dataset);
    }
    return marker.map(m -> new DownloadResult(dataset, dir, true, m));
  }

  /**
   * Downloads and unpacks {@code dataset} into {@code folder}, or reuses the folder when it holds
   * a finished download of it.
   *
   * @param folder      the dataset folder: absent, empty, or a finished download
   * @param credentials the Kaggle user name and key; unused when the folder is reused
   * @param progress    told of the bytes downloaded and unpacked
   * @throws DownloadException   for missing access, an unknown dataset, an unreachable server or
   *                             a broken transfer, and a folder holding other files
   * @throws UnsafeZipException  when the archive is refused; nothing is left behind
   */
  public DownloadResult download(KaggleDataset dataset, Path folder, KaggleCredentials credentials,
                                 Progress progress) throws IOException {
    Path dir = folder.toAbsolutePath().normalize();
    Optional<DownloadResult> done = completed(dataset, dir);
    if (done.isPresent()) {
      return done.get();
    }
    checkFree(dir);
    Path parent = Files.createDirectories(dir.getParent());
    String name = dir.getFileName().toString();
    deleteLeftovers(parent, name);
    Path zip = Files.createTempFile(parent, "." + name + ".download-", ".zip");
    Path staging = null;
    try {
      URI url = downloadUrl(dataset);
      HttpFetch.Fetched fetched = fetch.get(url, credentials.basicAuthorization(), dataset.toString(),
          refusals(dataset, credentials, url), zip, progress);
      // not createTempDirectory: its mode 0700 would become the dataset folder's; this one follows the umask
      staging = Files.createDirectory(parent.resolve("." + name + ".unzip-" + Long.toUnsignedString(
          ThreadLocalRandom.current().nextLong(), 36)));
      SafeUnzip.Result unpacked = SafeUnzip.extract(zip, dataset + " (zip from " + HttpFetch.origin(url) + ")",
          staging, limits, progress);
      DownloadMarker marker = new DownloadMarker(dataset.toString(), url.toString(), fetched.sha256(),
          fetched.bytes(), unpacked.files(), unpacked.bytes(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      marker.write(staging);
      Files.deleteIfExists(dir); // an empty folder: checkFree let nothing else through
      Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
      staging = null;
      return new DownloadResult(dataset, dir, false, marker);
    } finally {
      Files.deleteIfExists(zip);
      if (staging != null) {
        deleteTree(staging);
      }
    }
  }

  private static HttpFetch.Refusals refusals(KaggleDataset dataset, KaggleCredentials credentials, URI url) {
    return new HttpFetch.Refusals() {
      @Override
      public String rejected(int status) {
        return "Kaggle refused " + dataset + " to user '" + credentials.username() + "' (HTTP " + status
            + "): the credentials from " + credentials.source() + " were rejected"
            + (status == 403 ? ", or the dataset is private or needs its rules accepted on kaggle.com" : "");
      }

      @Override
      public String notFound() {
        return "no such dataset on Kaggle: " + dataset + " (HTTP 404 from " + HttpFetch.origin(url) + ")";
      }
    };
  }

  /** The folder is absent or empty: a download never mixes with other files. */
  private static void checkFree(Path dir) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new DownloadException(dir + ": exists and is not a folder");
    }
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new DownloadException(dir + ": holds files but no finished download (no "
              + DownloadMarker.FILE_NAME + "); remove it or choose another --out");
        }
      }
    }
  }

  /** Temporary files of an earlier run that was killed before its clean-up. */
  private static void deleteLeftovers(Path parent, String name) throws IOException {
    String download = "." + name + ".download-";
    String unzip = "." + name + ".unzip-";
    try (DirectoryStream<Path> old = Files.newDirectoryStream(parent, p -> {
      String f = p.getFileName().toString();
      return f.startsWith(download) && f.endsWith(".zip") || f.startsWith(unzip);
    })) {
      for (Path p : old) {
        deleteTree(p);
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
