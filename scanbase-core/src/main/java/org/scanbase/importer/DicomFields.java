// SPDX-License-Identifier: Apache-2.0
package org.scanbase.importer;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomElement;
import org.scanbase.dicom.Values;

/**
 * The fields of a sample from a DICOM data set: every element, typed as {@link Values} types it,
 * keyed by keyword. Unlike FiftyOne's importer nothing is dropped: sequences become lists of
 * nested documents, DA and DT become dates (the schema says {@code date}/{@code datetime}),
 * PN the readable name, and private elements go under {@code private}, by creator then by
 * {@code "GGGGxxEE"} (the block byte written {@code xx}, since it differs between files):
 * {@code private: {"SIEMENS CSA HEADER": {"0029xx08": "IMAGE NUM 4"}}}.
 *
 * <p>Left out: the file meta group, group lengths, Pixel Data and other bulk binary values
 * (they are not fields one filters on; {@code inspect} shows them), and private creator
 * elements themselves. Non-finite floats (JSON has none) become null.
 */
public final class DicomFields {
  private static final String DA = "DA";
  private static final String DT = "DT";

  private DicomFields() {}

  /** Field name to value (Java values for {@code Sample.set}: dates as LocalDate/LocalDateTime). */
  public static Map<String, Object> of(Attributes ds) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Map<String, Object>> privates = new LinkedHashMap<>();
    for (DicomElement e : ds.elements()) {
      int tag = e.tag();
      int group = tag >>> 16;
      int element = tag & 0xFFFF;
      if (group <= 0x0002 && group != 0 || element == 0 || e.isBulk() || e.isFragments()
          || tag == 0x7FE00010 || tag == 0x7FE00008 || tag == 0x7FE00009) {
        continue;
      }
      if ((group & 1) == 1) {
        if (element >= 0x0010 && element <= 0x00FF) {
          continue; // a private creator: it names the block, it is not a value
        }
        String creator = element >= 0x1000
            ? ds.getString((group << 16) | (element >>> 8)).orElse("") : "";
        String key = String.format("%04X%s", group, element >= 0x1000
            ? String.format("xx%02X", element & 0xFF) : String.format("%04X", element));
        privates.computeIfAbsent(creator.isEmpty() ? "(no creator)" : creator, k -> new LinkedHashMap<>())
            .put(key, clean(Values.typed(ds, e), e.vr().name()));
        continue;
      }
      out.put(Values.key(tag), clean(Values.typed(ds, e), e.vr().name()));
    }
    if (!privates.isEmpty()) {
      out.put("private", privates);
    }
    return out;
  }

  /** JSON-safe values; DA/DT that parse become dates. */
  @SuppressWarnings("unchecked")
  private static Object clean(Object v, String vr) {
    if (v instanceof Double d) {
      return Double.isFinite(d) ? d : null;
    } else if (v instanceof String s && vr.equals(DA) && s.length() == 10) {
      LocalDate date = isoDate(s);
      return date != null ? date : s;
    } else if (v instanceof String s && vr.equals(DT) && s.length() >= 19 && s.charAt(10) == 'T') {
      try {
        return LocalDateTime.parse(s.length() > 26 ? s.substring(0, 26) : s);
      } catch (DateTimeParseException e) {
        return s;
      }
    } else if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object item : list) {
        out.add(item instanceof Map<?, ?> m ? cleanItem((Map<String, Object>) m) : clean(item, vr));
      }
      return out;
    } else if (v instanceof Map<?, ?> m) {
      return cleanItem((Map<String, Object>) m);
    }
    return v;
  }

  /**
   * The date of a 10-character {@code YYYY-MM-DD} string, or null when it is not one or names no
   * day of the calendar: what {@link LocalDate#parse} accepts at that length, without the cost
   * of a formatter (an import parses several dates per file).
   */
  static LocalDate isoDate(String s) {
    if (s.charAt(4) != '-' || s.charAt(7) != '-') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return null;
    }
    return LocalDate.of(year, month, day);
  }

  private static int digits(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** A sequence item from {@link Values#toMap}: the same cleaning without date typing. */
  private static Map<String, Object> cleanItem(Map<String, Object> item) {
    Map<String, Object> out = new LinkedHashMap<>();
    item.forEach((k, v) -> {
      if (!(v instanceof Map<?, ?> m && m.containsKey("vr"))) {
        out.put(k, clean(v, ""));
      }
    });
    return out;
  }
}
