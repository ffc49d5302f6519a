// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * A Person Name (PN) value of PS3.5 6.2.1: up to three component groups — alphabetic,
 * ideographic, phonetic — separated by {@code =}, each of up to five components family, given,
 * middle, prefix and suffix separated by {@code ^}. Groups are held as decoded text.
 *
 * @param alphabetic  the single-byte (alphabetic) group, "" when empty
 * @param ideographic the ideographic group (e.g. kanji), "" when empty
 * @param phonetic    the phonetic group (e.g. hiragana), "" when empty
 */
public record PersonName(String alphabetic, String ideographic, String phonetic) {
    public PersonName {
        alphabetic = alphabetic == null ? "" : alphabetic;
        ideographic = ideographic == null ? "" : ideographic;
        phonetic = phonetic == null ? "" : phonetic;
    }

    /** Splits a decoded PN value into its component groups. */
    public static PersonName parse(String value) {
        String[] g = value.split("=", -1);
        return new PersonName(g[0], g.length > 1 ? g[1] : "", g.length > 2 ? g[2] : "");
    }

    public String familyName() {
        return component(alphabetic, 0);
    }

    public String givenName() {
        return component(alphabetic, 1);
    }

    public String middleName() {
        return component(alphabetic, 2);
    }

    public String namePrefix() {
        return component(alphabetic, 3);
    }

    public String nameSuffix() {
        return component(alphabetic, 4);
    }

    /** Component {@code index} (0 = family ... 4 = suffix) of one group's text. */
    public static String component(String group, int index) {
        String[] c = group.split("\\^", -1);
        return index < c.length ? c[index] : "";
    }

    /** The value as in the file, without trailing empty groups (as pydicom's {@code str()}). */
    @Override
    public String toString() {
        List<String> groups = new ArrayList<>(List.of(alphabetic, ideographic, phonetic));
        while (!groups.isEmpty() && groups.get(groups.size() - 1).isEmpty()) {
            groups.remove(groups.size() - 1);
        }
        return String.join("=", groups);
    }
}
