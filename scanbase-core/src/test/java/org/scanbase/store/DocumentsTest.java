// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Documents} writes and reads plain documents without Jackson; Jackson, configured as the
 * store configured it before, is the reference: the same text written, the same values read.
 */
class DocumentsTest {
  private static final ObjectMapper JACKSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

  /** A slice-like document: the value kinds a DICOM import stores, nested and escaped. */
  private static Map<String, Object> sliceDocument() {
    Map<String, Object> seq = new LinkedHashMap<>();
    seq.put("ReferencedSOPClassUID", "1.2.840.10008.5.1.4.1.1.4");
    seq.put("CodeMeaning", "T1 \"weighted\" \\ axial");
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("filepath", "/data/HippocampalMRISlices/01/MR.2.25.1.dcm");
    doc.put("tags", List.of());
    doc.put("metadata", new LinkedHashMap<>(Map.of("width", 128L, "spacing", List.of(0.9375, 1.25))));
    doc.put("SliceLocation", -12.5);
    doc.put("Tiny", 1.0E-7);
    doc.put("Huge", 1.7976931348623157E308);
    doc.put("Zero", -0.0);
    doc.put("Rows", 128L);
    doc.put("Min", Long.MIN_VALUE);
    doc.put("Int", 42);
    doc.put("Float", 0.1f);
    doc.put("Flag", true);
    doc.put("Nothing", null);
    doc.put("PatientName", "Müller^Jürgen=山田^太郎");
    doc.put("Controls", "tab\tnew\nline\r\u0000\u0001\u001f\b\f\u007f end/slash");
    doc.put("Surrogates", "\uD83D\uDE00 \uD800");
    doc.put("ImageType", List.of("ORIGINAL", "PRIMARY", "M", "ND"));
    doc.put("ReferencedImageSequence", List.of(seq, new LinkedHashMap<>()));
    doc.put("Nested", List.of(List.of(1L, 2.5, "x"), List.of()));
    return doc;
  }

  @Test
  void writesPlainDocumentsAsJacksonDoes() throws Exception {
    Map<String, Object> doc = sliceDocument();
    assertThat(Documents.write(doc)).isEqualTo(JACKSON.writeValueAsString(doc));
  }

  @Test
  void writesRandomDoublesAndStringsAsJacksonDoes() throws Exception {
    Random random = new Random(6);
    for (int i = 0; i < 2000; i++) {
      List<Object> values = new ArrayList<>();
      values.add(Double.longBitsToDouble(random.nextLong()));
      values.add(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
      values.add(random.nextLong());
      char[] chars = new char[random.nextInt(12)];
      for (int k = 0; k < chars.length; k++) {
        chars[k] = (char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000));
      }
      values.add(new String(chars));
      values.removeIf(v -> v instanceof Double d && !Double.isFinite(d));
      assertThat(Documents.write(values)).isEqualTo(JACKSON.writeValueAsString(values));
    }
  }

  @Test
  void writesIndentedTextAsJacksonsPrettyPrinterDoes() throws Exception {
    ObjectMapper pretty = new ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("imported", 1200L);
    report.put("skipped", List.of(Map.of("path", "/data/junk.txt"), new LinkedHashMap<>(Map.of())));
    report.put("dataset", "bench \"quoted\"");
    report.put("existing", 0);
    report.put("warnings", List.of("a", "b\nc"));
    report.put("empty", List.of());
    report.put("nested", List.of(List.of(1L, List.of()), Map.of("deep", Map.of("deeper", List.of(Map.of("x", 2.5))))));
    for (Object value : List.of(report, sliceDocument(), Map.of(), List.of(), List.of(report), "text", 3L)) {
      assertThat(Documents.writeIndented(value)).isEqualTo(pretty.writeValueAsString(value));
    }
    assertThat(Documents.writeIndented(List.of(new java.io.File("x")))).isNull();
  }

  @Test
  void leavesNonFiniteNumbersAndOtherTypesToJackson() throws Exception {
    List<Object> odd = Arrays.asList(Double.NaN, Float.POSITIVE_INFINITY, new BigInteger("123456789012345678901234567890"),
        new java.math.BigDecimal("1.50"), new int[] {1, 2});
    assertThat(Documents.write(odd)).isEqualTo(JACKSON.writeValueAsString(odd));
  }

  @Test
  void readsWhatJacksonReads() throws Exception {
    String[] texts = {
        JACKSON.writeValueAsString(sliceDocument()),
        "{ \"a\" : [ 1 , -2 , 3.5e2 , 1E-3 , -0 , -0.0 , 123456789012345678 ] ,\n\t\"b\" : { } , \"c\" : [ ] }",
        "{\"escapes\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u4e2D\\ud83d\\ude00\", \"dup\": 1, \"dup\": 2}",
        "{\"t\": true, \"f\": false, \"n\": null, \"e\": \"\"}",
    };
    for (String text : texts) {
      Map<String, Object> expected = JACKSON.readValue(text, new com.fasterxml.jackson.core.type.TypeReference<>() {});
      Map<String, Object> read = Documents.read(text);
      assertThat(read).isEqualTo(expected);
      assertThat(read).isInstanceOf(LinkedHashMap.class);
      assertThat(List.copyOf(read.keySet())).isEqualTo(List.copyOf(expected.keySet()));
      assertThat(Documents.readValue(text)).isEqualTo(JACKSON.readValue(text, Object.class));
    }
    assertThat(Documents.read("{\"a\": 1}").get("a")).isInstanceOf(Long.class);
    assertThat(Documents.read("{\"a\": 1.0}").get("a")).isInstanceOf(Double.class);
    assertThat(Documents.readValue("[1, \"x\", null]")).isEqualTo(Arrays.asList(1L, "x", null));
    assertThat(Documents.readValue("\"text\"")).isEqualTo("text");
    assertThat(Documents.readValue("2.5")).isEqualTo(2.5);
  }

  @Test
  void roundTripsWhatItWrites() {
    Map<String, Object> doc = sliceDocument();
    Map<String, Object> read = Documents.read(Documents.write(doc));
    assertThat(read.get("Controls")).isEqualTo(doc.get("Controls"));
    assertThat(read.get("PatientName")).isEqualTo(doc.get("PatientName"));
    assertThat(read.get("Int")).isEqualTo(42L);
    assertThat(read.get("ReferencedImageSequence")).isEqualTo(doc.get("ReferencedImageSequence"));
  }

  @Test
  void reportsMalformedTextAndIntegersBeyondLongAsJacksonDoes() {
    for (String bad : new String[] {"{\"a\": }", "{\"a\": 01}", "{\"a\": 1,}", "{\"a\": tru}", "{\"a\": \"x", "{\"a\": NaN}",
        "{\"a\": 12345678901234567890}"}) {
      assertThatThrownBy(() -> JACKSON.readValue(bad, Object.class)).as(bad).isNotNull();
      assertThatThrownBy(() -> Documents.read(bad)).as(bad).isInstanceOf(StoreException.class)
          .hasMessageContaining("stored document is not JSON");
    }
  }
}
