// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Specific Character Set (0008,0005) of PS3.3 C.12.1.1.2 and the decoding of PS3.5 6.1.
 * PLACEHOLDER: single-byte default repertoire only; the full implementation (ISO 2022
 * escapes, multi-byte sets) replaces this class.
 */
public final class SpecificCharacterSet {
    public static final SpecificCharacterSet ASCII = new SpecificCharacterSet(List.of());

    private final List<String> terms;

    private SpecificCharacterSet(List<String> terms) {
        this.terms = terms;
    }

    public static SpecificCharacterSet of(List<String> terms) {
        return new SpecificCharacterSet(List.copyOf(terms));
    }

    public List<String> terms() {
        return terms;
    }

    public String decode(byte[] bytes, VR vr) {
        return new String(bytes, terms.contains("ISO_IR 192") ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }
}
