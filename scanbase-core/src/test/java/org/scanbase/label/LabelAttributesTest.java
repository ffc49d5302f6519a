// SPDX-License-Identifier: Apache-2.0
package org.scanbase.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelAttributesTest {

  @Test
  void aSegmentationKeepsItsAttributesInTheOrderTheyWereGiven() {
    Map<String, Object> given = new LinkedHashMap<>();
    for (String k : List.of("roi_number", "color", "roi_name", "generation_algorithm", "a", "z", "m")) {
      given.put(k, k.length());
    }
    Segmentation s = new Segmentation("/m.png", 3, List.of(), given);
    assertThat(s.attributes().keySet()).containsExactlyElementsOf(given.keySet());
    assertThat(s.attributes()).isEqualTo(given);
  }

  @Test
  void theCopyIsUnmodifiableAndDetachedFromTheCallersMap() {
    Map<String, Object> given = new HashMap<>(Map.of("color", "#ff0000"));
    Classification c = new Classification("lung", 0.9, List.of(), given);
    given.put("later", 1);
    assertThat(c.attributes()).containsOnlyKeys("color");
    assertThatThrownBy(() -> c.attributes().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aNullAttributeValueIsRefusedWithItsName() {
    Map<String, Object> given = new HashMap<>();
    given.put("color", null);
    assertThatThrownBy(() -> new Segmentation("/m.png", 1, List.of(), given))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("color");
  }
}
