// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomDictionary;
import org.scanbase.dicom.DicomElement;
import org.scanbase.dicom.Tag;
import org.scanbase.dicom.Values;

/**
 * A compact, dcmdump-like listing of a data set for people: {@code (gggg,eeee) VR Keyword value},
 * values in the {@link Values} convention, multiple values joined by backslashes, long values
 * cut, sequence items indented under an item header.
 */
final class DicomListing {
    private static final int MAX_VALUE_CHARS = 120;
    private static final int KEYWORD_WIDTH = 36;

    private DicomListing() {
    }

    static void print(PrintWriter out, Attributes ds) {
        print(out, ds, "");
    }

    private static void print(PrintWriter out, Attributes ds, String indent) {
        DicomDictionary dict = DicomDictionary.standard();
        for (DicomElement e : ds.elements()) {
            String keyword = dict.keyword(e.tag());
            String head = indent + Tag.toString(e.tag()) + " " + e.vr() + " "
                    + pad(keyword.isEmpty() ? "?" : keyword, KEYWORD_WIDTH);
            if (e.isSequence()) {
                List<Attributes> items = e.items();
                out.println(head + items.size() + " item(s)");
                for (int i = 0; i < items.size(); i++) {
                    out.println(indent + "  > item " + (i + 1));
                    print(out, items.get(i), indent + "    ");
                }
            } else {
                out.println(head + format(Values.typed(ds, e)));
            }
        }
    }

    static String format(Object v) {
        String s;
        if (v == null) {
            s = "(empty)";
        } else if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder();
            for (Object o : list) {
                if (sb.length() > 0) {
                    sb.append('\\');
                }
                sb.append(o);
            }
            s = sb.toString();
        } else if (v instanceof Map<?, ?> m && m.containsKey("fragments")) {
            s = "<" + m.get("vr") + ", encapsulated, " + m.get("fragments") + " fragment(s)>";
        } else if (v instanceof Map<?, ?> m && m.containsKey("length")) {
            s = "<" + m.get("vr") + ", " + m.get("length") + " bytes>";
        } else {
            s = String.valueOf(v);
        }
        s = s.replace('\n', ' ').replace('\r', ' ');
        return s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS) + "..." : s;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
