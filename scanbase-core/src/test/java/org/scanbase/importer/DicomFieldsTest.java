// SPDX-License-Identifier: Apache-2.0
package org.scanbase.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The importer's own date parsing, against the JDK's {@link LocalDate#parse}. */
class DicomFieldsTest {

  private static LocalDate jdk(String s) {
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Test
  void readsTenCharacterDatesExactlyAsLocalDateParseDoes() {
    List<String> cases = new ArrayList<>(List.of("2020-02-29", "2019-02-29", "1900-02-29", "2000-02-29",
        "2021-04-31", "2021-13-01", "2021-00-10", "2021-01-00", "0000-01-01", "9999-12-31", "2021/01/01",
        "2021-1-011", "20210101AB", "+999-01-01", "-999-01-01", "2021-01-0a", "2021-\u0661\u0662-01", "2021 01 01"));
    for (int month = 1; month <= 12; month++) {
      for (int day = 27; day <= 32; day++) {
        cases.add(String.format("2024-%02d-%02d", month, day));
        cases.add(String.format("2023-%02d-%02d", month, day));
      }
    }
    for (String s : cases) {
      assertThat(DicomFields.isoDate(s)).as(s).isEqualTo(jdk(s));
    }
  }
}
