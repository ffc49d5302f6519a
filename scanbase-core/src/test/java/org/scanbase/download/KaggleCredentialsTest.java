// SPDX-License-Identifier: Apache-2.0
package org.scanbase.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KaggleCredentialsTest {
  @TempDir
  Path home;

  private Path kaggleJson(String text) throws Exception {
    return Files.writeString(Files.createDirectories(home.resolve(".kaggle")).resolve("kaggle.json"), text);
  }

  @Test
  void theEnvironmentWinsOverTheFile() throws Exception {
    kaggleJson("{\"username\": \"file-user\", \"key\": \"file-key\"}");
    KaggleCredentials c = KaggleCredentials.find(Map.of("KAGGLE_USERNAME", "ada", "KAGGLE_KEY", "s3cr3t-key"), home);
    assertThat(c.username()).isEqualTo("ada");
    assertThat(c.key()).isEqualTo("s3cr3t-key");
    assertThat(c.source()).isEqualTo("KAGGLE_USERNAME/KAGGLE_KEY");
    // base64("ada:s3cr3t-key"), computed with Python's base64 module
    assertThat(c.basicAuthorization()).isEqualTo("Basic YWRhOnMzY3IzdC1rZXk=");
  }

  @Test
  void readsKaggleJsonWhenTheEnvironmentHasOnlyHalfAPair() throws Exception {
    Path file = kaggleJson("{\"username\": \"file-user\", \"key\": \"file-key\"}");
    KaggleCredentials c = KaggleCredentials.find(Map.of("KAGGLE_USERNAME", "ada"), home);
    assertThat(c.username()).isEqualTo("file-user");
    assertThat(c.key()).isEqualTo("file-key");
    assertThat(c.source()).isEqualTo(file.toString());
  }

  @Test
  void honoursKaggleConfigDir() throws Exception {
    Path other = Files.createDirectories(home.resolve("elsewhere"));
    Files.writeString(other.resolve("kaggle.json"), "{\"username\": \"cfg\", \"key\": \"k\"}");
    assertThat(KaggleCredentials.find(Map.of("KAGGLE_CONFIG_DIR", other.toString()), home).username())
        .isEqualTo("cfg");
  }

  @Test
  void saysWhereCredentialsAreLookedForWhenThereAreNone() {
    assertThatThrownBy(() -> KaggleCredentials.find(Map.of(), home))
        .isInstanceOf(DownloadException.class)
        .hasMessage("no Kaggle API credentials: set KAGGLE_USERNAME and KAGGLE_KEY, or put "
            + "{\"username\": ..., \"key\": ...} in " + home.resolve(".kaggle/kaggle.json")
            + " (kaggle.com > Settings > API > Create New Token)");
  }

  @Test
  void aMalformedFileIsNamedButItsKeyIsNeverShown() throws Exception {
    Path file = kaggleJson("{\"username\": \"ada\", \"key\": \"s3cr3t-key\"");
    assertThatThrownBy(() -> KaggleCredentials.find(Map.of(), home))
        .isInstanceOf(DownloadException.class)
        .hasMessageStartingWith(file + ": not a JSON document")
        .message().doesNotContain("s3cr3t");

    kaggleJson("{\"username\": \"ada\", \"token\": \"s3cr3t-key\"}");
    assertThatThrownBy(() -> KaggleCredentials.find(Map.of(), home))
        .hasMessage(file + ": expected {\"username\": ..., \"key\": ...}, \"key\" is missing or empty");
  }

  @Test
  void toStringHidesTheKey() {
    KaggleCredentials c = new KaggleCredentials("ada", "s3cr3t-key", "test");
    assertThat(c.toString()).contains("ada").doesNotContain("s3cr3t");
  }
}
