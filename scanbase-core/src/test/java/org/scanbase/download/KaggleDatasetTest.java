// SPDX-License-Identifier: Apache-2.0
package org.scanbase.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KaggleDatasetTest {
  @Test
  void parsesTheTwoSeedDatasets() {
    KaggleDataset covid = KaggleDataset.parse("kaggle:andrewmvd/covid19-ct-scans");
    assertThat(covid.owner()).isEqualTo("andrewmvd");
    assertThat(covid.dataset()).isEqualTo("covid19-ct-scans");
    assertThat(KaggleDataset.parse("kaggle:aryashah2k/hippocampal-sparing-dataset"))
        .isEqualTo(new KaggleDataset("aryashah2k", "hippocampal-sparing-dataset"));
    assertThat(covid).hasToString("kaggle:andrewmvd/covid19-ct-scans");
  }

  @ParameterizedTest
  @ValueSource(strings = {"andrewmvd/covid19-ct-scans", "kaggle:andrewmvd", "kaggle:a/b/c", "kaggle:../x",
      "kaggle:o/..", "kaggle:o/.hidden", "kaggle:o/d?x=1", "kaggle:/d", "kaggle:o/", "kaggle:o/d%2F"})
  void refusesAnythingElse(String text) {
    assertThatThrownBy(() -> KaggleDataset.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
