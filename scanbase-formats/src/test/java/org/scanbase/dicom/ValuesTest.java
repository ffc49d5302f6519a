// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ValuesTest {
    private static Object typed(DicomElement e) {
        Attributes a = new Attributes();
        a.put(e);
        return Values.typed(a, e);
    }

    private static Object typedString(VR vr, String raw) {
        return typed(DicomElement.ofBytes(0x00191001, vr, raw.getBytes(StandardCharsets.ISO_8859_1), -1));
    }

    @ParameterizedTest(name = "{0} ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            "DA|20240131|2024-01-31",
            "DA|2024.01.31|2024-01-31",
            "DA|20240231|20240231",
            "DA|2024|2024",
            "TM|07|07",
            "TM|0727|07:27",
            "TM|072731|07:27:31",
            "TM|072731.123456 |07:27:31.123456",
            "TM|07:27:31|07:27:31",
            "TM|25|25",
            "DT|2024|2024",
            "DT|202401|2024-01",
            "DT|20240131|2024-01-31",
            "DT|2024013107|2024-01-31T07",
            "DT|20240131072731.5+0130|2024-01-31T07:27:31.5+01:30",
            "DT|20240131072731-0500|2024-01-31T07:27:31-05:00",
            "DT|2024x|2024x",
            "CS|ORIGINAL |ORIGINAL",
            "UI|1.2.3\0|1.2.3",
            "LT|  keeps leading spaces  |  keeps leading spaces",
    })
    void convertsStringsByVr(VR vr, String raw, String expected) {
        assertThat(typedString(vr, raw)).isEqualTo(expected);
    }

    @Test
    void convertsNumberStringsAndKeepsWhatDoesNotParse() {
        assertThat(typedString(VR.IS, " 42 ")).isEqualTo(42L);
        assertThat(typedString(VR.IS, "+7")).isEqualTo(7L);
        assertThat(typedString(VR.IS, "1A")).isEqualTo("1A");
        assertThat(typedString(VR.DS, "1.5\\-2e3")).isEqualTo(List.of(1.5, -2000.0));
        assertThat(typedString(VR.DS, "1f")).isEqualTo("1f");
        assertThat(typedString(VR.DS, "")).isNull();
    }

    @Test
    void convertsBinaryNumbersInTheDataSetsByteOrder() {
        assertThat(typed(DicomElement.ofBytes(Tags.Rows, VR.US, new byte[] {0, 2}, -1))).isEqualTo(512L);
        assertThat(typed(DicomElement.ofBytes(Tags.Rows, VR.SS, new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 0}, -1)))
                .isEqualTo(List.of(-1L, 1L));
        assertThat(typed(DicomElement.ofBytes(Tags.Rows, VR.UL, new byte[] {-1, -1, -1, -1}, -1))).isEqualTo(4294967295L);
        assertThat(typed(DicomElement.ofBytes(Tags.Rows, VR.UV, new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}, -1)))
                .isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(typed(DicomElement.ofBytes(Tags.Rows, VR.FL, new byte[] {0, 0, (byte) 0xC0, 0x7F}, -1)))
                .isEqualTo(Double.NaN);
        assertThat(typed(DicomElement.ofBytes(Tags.Rows, VR.AT, new byte[] {0x18, 0, 0x63, 0x10}, -1)))
                .isEqualTo("00181063");
        Attributes be = new Attributes(true);
        DicomElement rows = DicomElement.ofBytes(Tags.Rows, VR.US, new byte[] {2, 0}, -1);
        be.put(rows);
        assertThat(Values.typed(be, rows)).isEqualTo(512L);
    }

    @Test
    void describesBulkValuesByVrAndLength() {
        assertThat(typed(DicomElement.ofBytes(Tags.PixelData, VR.OW, new byte[8], -1)))
                .isEqualTo(Map.of("vr", "OW", "length", 8L));
        assertThat(typed(DicomElement.ofBulk(Tags.PixelData, VR.OB, new BulkData(null, 10, -1), -1)))
                .isEqualTo(Map.of("vr", "OB", "length", -1L));
        assertThat(typed(DicomElement.ofBytes(Tags.PixelData, VR.OW, new byte[0], -1))).isNull();
    }

    @Test
    void keysByKeywordOrHexAndHexForLaterRepeatingGroups() {
        Attributes a = new Attributes();
        a.put(DicomElements.string(Tags.PatientID, VR.LO, "X"));
        a.put(DicomElements.string(0x00090010, VR.LO, "ACME"));
        a.put(DicomElements.bytes(0x60003000, VR.OW, new byte[2]));
        a.put(DicomElements.bytes(0x60023000, VR.OW, new byte[2]));
        a.put(DicomElements.sequence(Tags.ReferencedImageSequence, List.of(new Attributes())));
        assertThat(Values.toMap(a)).containsOnlyKeys("PatientID", "00090010", "OverlayData", "60023000",
                "ReferencedImageSequence");
        assertThat(Values.toMap(a).get("ReferencedImageSequence")).isEqualTo(List.of(Map.of()));
    }

    @Test
    void givesPersonNamesAsPydicomPrintsThem() {
        Attributes a = new Attributes();
        a.put(DicomElements.string(Tags.PatientName, VR.PN, "Yamada^Tarou=\u5c71\u7530^\u592a\u90ce=="));
        a.put(DicomElements.string(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192"));
        assertThat(Values.toMap(a).get("PatientName")).isEqualTo("Yamada^Tarou=\u5c71\u7530^\u592a\u90ce");
        PersonName pn = Values.personNames(a, Tags.PatientName).get(0);
        assertThat(pn.familyName()).isEqualTo("Yamada");
        assertThat(pn.givenName()).isEqualTo("Tarou");
        assertThat(PersonName.component(pn.ideographic(), 0)).isEqualTo("\u5c71\u7530");
        assertThat(pn.phonetic()).isEmpty();
    }
}
