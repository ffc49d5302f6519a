// SPDX-License-Identifier: Apache-2.0
package org.scanbase.download;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@value #FILE_NAME} file of a finished download: what was fetched and what it unpacked to.
 * It is written into the staging folder before that is renamed into place, so a folder holding
 * it is complete. Stored as snake-case JSON.
 *
 * @param source      the dataset, {@code kaggle:OWNER/DATASET}
 * @param url         the API URL the zip was requested from (not the signed storage URL)
 * @param sha256      lower-case hex SHA-256 of the downloaded zip
 * @param zipBytes    size of the zip in bytes
 * @param files       regular files unpacked
 * @param bytes       their total size in bytes
 * @param completedAt when the download finished, ISO-8601 UTC
 */
public record DownloadMarker(String source, String url, String sha256, long zipBytes, long files, long bytes,
                             String completedAt) {
  /** The marker's file name inside a dataset folder. */
  public static final String FILE_NAME = ".complete";

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * The marker of {@code folder}, or empty when the folder or its marker is missing.
   *
   * @throws IOException when the marker exists but cannot be read as one
   */
  public static Optional<DownloadMarker> read(Path folder) throws IOException {
    Path file = folder.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), DownloadMarker.class));
    } catch (IOException e) {
      throw new DownloadException(file + ": not a scanbase download marker (" + e.getClass().getSimpleName()
          + "); delete the folder to download again", e);
    }
  }

  /** Writes this marker into {@code folder}, replacing one the archive may have carried. */
  void write(Path folder) throws IOException {
    Files.write(folder.resolve(FILE_NAME), JSON.writeValueAsBytes(this));
  }
}
