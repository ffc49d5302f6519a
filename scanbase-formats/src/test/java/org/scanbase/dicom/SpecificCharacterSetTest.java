// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpecificCharacterSetTest {
    private static final Set<VR> TEXT_VRS = Set.of(VR.PN, VR.LO, VR.SH, VR.ST, VR.LT, VR.UT, VR.UC);
    private static Map<String, Map<String, Object>> reference;

    static Stream<Path> charsetFiles() throws Exception {
        try (Stream<Path> s = Files.list(PydicomFiles.CHARSET_FILES)) {
            return s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList().stream();
        }
    }

    @BeforeAll
    static void runPydicom() throws Exception {
        List<String> args = charsetFiles().map(Path::toString).toList();
        String json = PydicomFiles.runPython("charset_reference.py", args);
        reference = new ObjectMapper().readValue(json, new TypeReference<>() { });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charsetFiles")
    void decodesEveryTextElementAsPydicomDoes(Path file) throws Exception {
        DicomFile f = DicomReader.read(file);
        Map<String, Object> ours = new LinkedHashMap<>();
        walk(f.dataset(), "", ours);
        assertThat(reference).containsKey(file.getFileName().toString());
        assertThat(ours).isEqualTo(reference.get(file.getFileName().toString()));
    }

    private static void walk(Attributes ds, String prefix, Map<String, Object> out) {
        for (DicomElement e : ds.elements()) {
            String key = prefix + Tag.hex(e.tag());
            if (e.isSequence()) {
                List<Attributes> items = e.items();
                for (int i = 0; i < items.size(); i++) {
                    walk(items.get(i), key + "/" + i + "/", out);
                }
            } else if (TEXT_VRS.contains(e.vr()) && e.length() > 0) {
                List<String> values = new ArrayList<>();
                for (String v : ds.getStrings(e.tag())) {
                    values.add(e.vr() == VR.PN ? PersonName.parse(v).toString() : v);
                }
                if (values.size() == 1 && values.get(0).isEmpty()) {
                    continue;
                }
                out.put(key, values.size() == 1 ? values.get(0) : values);
            }
        }
    }

    @Test
    void resetsToTheInitialSetAfterPersonNameDelimiters() {
        SpecificCharacterSet cs = SpecificCharacterSet.of(List.of("", "ISO 2022 IR 149"));
        byte[] hong = {0x1B, '$', ')', 'C', (byte) 0xC8, (byte) 0xAB, '^', (byte) 0xB1, (byte) 0xE6};
        assertThat(cs.decode(hong, VR.PN)).isEqualTo("홍^" + new String(new byte[] {(byte) 0xB1, (byte) 0xE6},
                StandardCharsets.ISO_8859_1));
    }

    @Test
    void fallsBackToTheDefaultRepertoireForUnknownTermsWithAWarning() {
        SpecificCharacterSet cs = SpecificCharacterSet.of(List.of("ISO_IR 999"));
        assertThat(cs.warnings()).singleElement().asString().contains("ISO_IR 999");
        assertThat(cs.decode("Buc^J\u00e9r\u00f4me".getBytes(StandardCharsets.ISO_8859_1), VR.PN))
                .isEqualTo("Buc^J\u00e9r\u00f4me");
    }

    @Test
    void correctsCommonMisspellingsOfTerms() {
        SpecificCharacterSet cs = SpecificCharacterSet.of(List.of("ISO IR 192"));
        assertThat(cs.decode("\u00e9".getBytes(StandardCharsets.UTF_8), VR.LO)).isEqualTo("\u00e9");
        assertThat(cs.warnings()).singleElement().asString().contains("corrected");
    }

    @Test
    void decodesLatin9AndUtf8() {
        assertThat(SpecificCharacterSet.of(List.of("ISO_IR 203")).decode(new byte[] {(byte) 0xA4}, VR.LO))
                .isEqualTo("\u20ac");
        assertThat(SpecificCharacterSet.of(List.of("ISO_IR 192")).decode("\u738b".getBytes(StandardCharsets.UTF_8),
                VR.PN)).isEqualTo("\u738b");
    }
}
