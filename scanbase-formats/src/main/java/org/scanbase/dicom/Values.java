// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed values of data elements, in the one convention {@code inspect --json} prints and the
 * dataset importer stores (PS3.5 6.2 for the VRs):
 * <ul>
 *   <li>null for an empty value; one value gives a scalar, several a {@code List<Object>};</li>
 *   <li>character strings as {@code String}, padding removed; PN as the decoded value (as
 *       pydicom's {@code str(PersonName)}); DA as {@code YYYY-MM-DD}, TM as {@code HH:MM:SS.ffffff}
 *       and DT as ISO 8601 when they parse, else the raw string;</li>
 *   <li>IS as {@code Long} and DS as {@code Double}, the raw string when not a number;</li>
 *   <li>binary integers as {@code Long} ({@code BigInteger} for UV above 2^63), FL and FD as
 *       {@code Double} (NaN and infinities kept), AT as {@code "GGGGEEEE"};</li>
 *   <li>bulk values (OB, OW, OF, OD, OL, OV, UN) as {@code {"vr", "length"}}, encapsulated pixel
 *       data as {@code {"vr", "fragments"}}; sequences as lists of {@link #toMap} items.</li>
 * </ul>
 * Nothing here throws on a malformed value: it is returned as its raw string.
 */
public final class Values {
    private Values() {
    }

    /**
     * Every element of a data set keyed by its PS3.6 keyword, or by {@code "GGGGEEEE"} when it has
     * none (private, unknown, most group lengths) or belongs to a repeating group other than the
     * first of its range (e.g. (6002,3000)); in tag order.
     */
    public static Map<String, Object> toMap(Attributes attrs) {
        DicomDictionary dict = DicomDictionary.standard();
        Map<String, Object> out = new LinkedHashMap<>();
        for (DicomElement e : attrs.elements()) {
            out.put(key(dict, e.tag()), typed(attrs, e));
        }
        return out;
    }

    /** The JSON key of a tag: its keyword or its hex form. */
    public static String key(int tag) {
        return key(DicomDictionary.standard(), tag);
    }

    private static String key(DicomDictionary dict, int tag) {
        String kw = dict.keyword(tag);
        if (kw.isEmpty()) {
            return Tag.hex(tag);
        }
        var entry = dict.entry(tag);
        if (entry.isPresent() && entry.get().mask() != 0xFFFFFFFF && entry.get().tag() != tag) {
            return Tag.hex(tag);
        }
        return kw;
    }

    /** The typed value of one element of {@code owner} (which supplies byte order and character set). */
    public static Object typed(Attributes owner, DicomElement e) {
        VR vr = e.vr();
        if (e.isSequence()) {
            List<Object> items = new ArrayList<>();
            for (Attributes item : e.items()) {
                items.add(toMap(item));
            }
            return items;
        }
        if (e.isFragments()) {
            return Map.of("vr", vr.name(), "fragments", e.fragments().size());
        }
        if (e.isBulk()) {
            return Map.of("vr", vr.name(), "length", e.bulk().length());
        }
        byte[] b = e.bytes();
        if (b.length == 0) {
            return null;
        }
        return switch (vr.kind()) {
            case STRING, TEXT -> strings(owner, e);
            case INT, FLOAT, TAG -> numbers(owner, e);
            default -> Map.of("vr", vr.name(), "length", (long) b.length);
        };
    }

    /** The person names of a PN attribute, decoded with the character set in force. */
    public static List<PersonName> personNames(Attributes attrs, int tag) {
        List<PersonName> out = new ArrayList<>();
        for (String s : attrs.getStrings(tag)) {
            out.add(PersonName.parse(s));
        }
        return out;
    }

    private static Object strings(Attributes owner, DicomElement e) {
        List<String> raw = owner.getStrings(e.tag());
        if (raw.isEmpty() || raw.size() == 1 && raw.get(0).isEmpty()) {
            return null;
        }
        List<Object> out = new ArrayList<>(raw.size());
        for (String s : raw) {
            out.add(convert(e.vr(), s));
        }
        return out.size() == 1 ? out.get(0) : out;
    }

    private static Object convert(VR vr, String s) {
        return switch (vr) {
            case DA -> DateTimes.date(s);
            case TM -> DateTimes.time(s);
            case DT -> DateTimes.dateTime(s);
            case IS -> s.isEmpty() ? null : integer(s);
            case DS -> s.isEmpty() ? null : decimal(s);
            case PN -> PersonName.parse(s).toString();
            default -> s;
        };
    }

    private static Object integer(String s) {
        String t = s.trim();
        try {
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException ex) {
            Object d = decimal(t);
            if (d instanceof Double v && v == Math.rint(v) && Math.abs(v) < 9.0e15) {
                return (long) v.doubleValue();
            }
            return t;
        }
    }

    private static Object decimal(String s) {
        String t = s.trim();
        if (t.isEmpty() || !plainNumber(t)) {
            return t;
        }
        try {
            return Decimals.parse(t);
        } catch (NumberFormatException ex) {
            return t;
        }
    }

    /** Digits, sign, point and exponent only: Java would also take "1f", "0x1p3", "NaN". */
    private static boolean plainNumber(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E')) {
                return false;
            }
        }
        return true;
    }

    private static Object numbers(Attributes owner, DicomElement e) {
        byte[] b = e.bytes();
        ByteBuffer buf = ByteBuffer.wrap(b).order(owner.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        VR vr = e.vr();
        int size = vr.bytesPerValue();
        int n = b.length / size;
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int at = i * size;
            out.add(switch (vr) {
                case US -> (long) (buf.getShort(at) & 0xFFFF);
                case SS -> (long) buf.getShort(at);
                case UL -> buf.getInt(at) & 0xFFFFFFFFL;
                case SL -> (long) buf.getInt(at);
                case SV -> buf.getLong(at);
                case UV -> unsigned(buf.getLong(at));
                case FL -> (double) buf.getFloat(at);
                case FD -> buf.getDouble(at);
                case AT -> Tag.hex(((buf.getShort(at) & 0xFFFF) << 16) | (buf.getShort(at + 2) & 0xFFFF));
                default -> throw new IllegalStateException("not numeric: " + vr);
            });
        }
        if (out.isEmpty()) {
            return null;
        }
        return out.size() == 1 ? out.get(0) : out;
    }

    private static Object unsigned(long v) {
        return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
    }
}
