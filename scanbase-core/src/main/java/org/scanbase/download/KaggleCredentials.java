// SPDX-License-Identifier: Apache-2.0
package org.scanbase.download;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * A Kaggle API user name and key, found where the {@code kaggle} command and kagglehub look:
 * {@code KAGGLE_USERNAME} and {@code KAGGLE_KEY} in the environment, else the {@code kaggle.json}
 * file ({@code {"username": ..., "key": ...}}, from kaggle.com, Settings, API, "Create New Token")
 * in {@code $KAGGLE_CONFIG_DIR}, default {@code ~/.kaggle}. The key never appears in
 * {@link #toString()} nor in any message.
 *
 * @param username the Kaggle user name
 * @param key      the API key (a secret)
 * @param source   where the pair was found, for messages ("KAGGLE_USERNAME/KAGGLE_KEY" or the file)
 */
public record KaggleCredentials(String username, String key, String source) {
  /** Both parts present; the source is only for messages. */
  public KaggleCredentials {
    if (username == null || username.isBlank() || key == null || key.isBlank()) {
      throw new IllegalArgumentException("a Kaggle user name and key must not be blank");
    }
  }

  /**
   * Finds the credentials in {@code env}, else in {@code kaggle.json}.
   *
   * @param env      the environment ({@code System.getenv()} outside tests)
   * @param userHome the user's home folder, holding {@code .kaggle/kaggle.json}
   * @throws DownloadException when neither place has them, or the file is unreadable or malformed
   */
  public static KaggleCredentials find(Map<String, String> env, Path userHome) throws DownloadException {
    String user = env.get("KAGGLE_USERNAME");
    String key = env.get("KAGGLE_KEY");
    if (present(user) && present(key)) {
      return new KaggleCredentials(user.strip(), key.strip(), "KAGGLE_USERNAME/KAGGLE_KEY");
    }
    Path file = configFile(env, userHome);
    if (!Files.isRegularFile(file)) {
      throw new DownloadException("no Kaggle API credentials: set KAGGLE_USERNAME and KAGGLE_KEY, or put "
          + "{\"username\": ..., \"key\": ...} in " + file + " (kaggle.com > Settings > API > Create New Token)");
    }
    return read(file);
  }

  /** {@code $KAGGLE_CONFIG_DIR/kaggle.json}, default {@code ~/.kaggle/kaggle.json}. */
  public static Path configFile(Map<String, String> env, Path userHome) {
    String dir = env.get("KAGGLE_CONFIG_DIR");
    return (present(dir) ? Path.of(dir) : userHome.resolve(".kaggle")).resolve("kaggle.json");
  }

  /**
   * Reads a {@code kaggle.json} file. Messages name the file and the missing member, never the
   * file's content.
   */
  static KaggleCredentials read(Path file) throws DownloadException {
    JsonNode doc;
    try {
      doc = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      // the parser's message quotes the text, which holds the key: say only where
      throw new DownloadException(file + ": not a JSON document (line " + e.getLocation().getLineNr() + ")");
    } catch (IOException e) {
      throw new DownloadException(file + ": cannot read Kaggle credentials: " + e.getMessage(), e);
    }
    String user = text(doc, "username");
    String key = text(doc, "key");
    if (!present(user) || !present(key)) {
      throw new DownloadException(file + ": expected {\"username\": ..., \"key\": ...}, "
          + (present(user) ? "\"key\"" : "\"username\"") + " is missing or empty");
    }
    return new KaggleCredentials(user.strip(), key.strip(), file.toString());
  }

  /** The value of an HTTP {@code Authorization} header: Basic with {@code username:key}. */
  public String basicAuthorization() {
    byte[] pair = (username + ":" + key).getBytes(StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair);
  }

  /** The user name and source, the key hidden. */
  @Override
  public String toString() {
    return "KaggleCredentials[username=" + username + ", key=***, source=" + source + "]";
  }

  private static String text(JsonNode doc, String member) {
    JsonNode v = doc == null ? null : doc.get(member);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
