// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A DICOM data set (or a sequence item): elements in ascending tag order, the byte order they
 * were encoded in, and the parent data set that supplies the Specific Character Set to items
 * that do not declare their own (PS3.5 7.5.3).
 *
 * <p>Getters return empty values (empty optionals, arrays and lists) for absent attributes and
 * throw {@link IllegalArgumentException} naming the tag and value when a present value cannot be
 * read as asked, e.g. an IS value that is not an integer.
 */
public final class Attributes {
    private int[] tags = new int[16];
    private DicomElement[] elements = new DicomElement[16];
    private int size;
    private final boolean bigEndian;
    private Attributes parent;

    public Attributes(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    public Attributes() {
        this(false);
    }

    public boolean bigEndian() {
        return bigEndian;
    }

    /** The data set that contains this item, or null for a top-level data set. */
    public Attributes parent() {
        return parent;
    }

    /** Links an item to the data set that holds its sequence, for character set inheritance. */
    public void setParent(Attributes parent) {
        this.parent = parent;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Tags present, ascending (unsigned order: group FFFE sorts last). */
    public int[] tags() {
        return Arrays.copyOf(tags, size);
    }

    /** Elements in ascending tag order. */
    public List<DicomElement> elements() {
        return List.of(Arrays.copyOf(elements, size));
    }

    /** Adds or replaces an element, keeping tag order. */
    public void put(DicomElement e) {
        int tag = e.tag();
        if (size > 0 && Integer.compareUnsigned(tags[size - 1], tag) < 0) {
            append(e);
            return;
        }
        int i = indexOf(tag);
        if (i >= 0) {
            elements[i] = e;
            return;
        }
        int at = -i - 1;
        grow();
        System.arraycopy(tags, at, tags, at + 1, size - at);
        System.arraycopy(elements, at, elements, at + 1, size - at);
        tags[at] = tag;
        elements[at] = e;
        size++;
        linkItems(e);
    }

    private void append(DicomElement e) {
        grow();
        tags[size] = e.tag();
        elements[size] = e;
        size++;
        linkItems(e);
    }

    private void linkItems(DicomElement e) {
        for (Attributes item : e.items()) {
            item.setParent(this);
        }
    }

    private void grow() {
        if (size == tags.length) {
            tags = Arrays.copyOf(tags, size * 2);
            elements = Arrays.copyOf(elements, size * 2);
        }
    }

    /** Removes an element; returns true when it was present. */
    public boolean remove(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return false;
        }
        System.arraycopy(tags, i + 1, tags, i, size - i - 1);
        System.arraycopy(elements, i + 1, elements, i, size - i - 1);
        size--;
        elements[size] = null;
        return true;
    }

    private int indexOf(int tag) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Integer.compareUnsigned(tags[mid], tag);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    public Optional<DicomElement> get(int tag) {
        int i = indexOf(tag);
        return i >= 0 ? Optional.of(elements[i]) : Optional.empty();
    }

    /** The element or null: for hot paths that test presence themselves. */
    public DicomElement getOrNull(int tag) {
        int i = indexOf(tag);
        return i >= 0 ? elements[i] : null;
    }

    /** The character set in force for this data set: its own (0008,0005), else its parent's. */
    public SpecificCharacterSet characterSet() {
        DicomElement e = getOrNull(Tags.SpecificCharacterSet);
        if (e != null && e.hasBytes()) {
            return SpecificCharacterSet.of(splitStrings(SpecificCharacterSet.ASCII.decode(e.bytes(), VR.CS), VR.CS));
        }
        return parent != null ? parent.characterSet() : SpecificCharacterSet.ASCII;
    }

    // ---- strings ----

    /**
     * The values of a string attribute, decoded with the character set in force and with
     * padding removed (leading and trailing spaces, except leading spaces of LT, ST, UT, UR).
     */
    public List<String> getStrings(int tag) {
        DicomElement e = getOrNull(tag);
        if (e == null || !e.hasBytes() || e.bytes().length == 0) {
            return List.of();
        }
        VR vr = e.vr();
        if (!vr.isString()) {
            throw new IllegalArgumentException(Tag.toString(tag) + " has VR " + vr + ", not a string");
        }
        SpecificCharacterSet cs = isCharsetDependent(vr) ? characterSet() : SpecificCharacterSet.ASCII;
        return splitStrings(cs.decode(e.bytes(), vr), vr);
    }

    /** The first string value. */
    public Optional<String> getString(int tag) {
        List<String> v = getStrings(tag);
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    static boolean isCharsetDependent(VR vr) {
        return switch (vr) {
            case SH, LO, ST, LT, UC, UT, PN -> true;
            default -> false;
        };
    }

    /** Splits on backslash (not for TEXT VRs) and trims padding as PS3.5 6.2 allows. */
    static List<String> splitStrings(String s, VR vr) {
        if (vr.kind() == VR.Kind.TEXT) {
            return List.of(stripTrailing(s));
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        while (true) {
            // indexOf, not a charAt per character: far cheaper before the JIT has compiled this
            int backslash = s.indexOf('\\', start);
            out.add(trimValue(s.substring(start, backslash < 0 ? s.length() : backslash), vr));
            if (backslash < 0) {
                return out;
            }
            start = backslash + 1;
        }
    }

    private static String trimValue(String v, VR vr) {
        if (vr == VR.UI) {
            return stripTrailing(v.indexOf('\0') < 0 ? v : v.replace("\0", "")).strip();
        }
        return stripTrailing(v).stripLeading();
    }

    private static String stripTrailing(String v) {
        int end = v.length();
        while (end > 0 && (v.charAt(end - 1) == ' ' || v.charAt(end - 1) == '\0')) {
            end--;
        }
        return v.substring(0, end);
    }

    // ---- numbers ----

    /**
     * Numeric values as doubles: binary numbers (US, SS, UL, SL, UV, SV, FL, FD, and OF/OD) or
     * decimal strings (DS, IS). Empty when absent or empty.
     *
     * @throws IllegalArgumentException when a DS/IS value is not a number
     */
    public double[] getDoubles(int tag) {
        DicomElement e = getOrNull(tag);
        if (e == null || !e.hasBytes()) {
            return new double[0];
        }
        VR vr = e.vr();
        byte[] b = e.bytes();
        ByteBuffer buf = ByteBuffer.wrap(b).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        switch (vr) {
            case DS, IS -> {
                List<String> v = getStrings(tag);
                double[] out = new double[v.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = parseDecimal(tag, vr, v.get(i));
                }
                return v.size() == 1 && v.get(0).isEmpty() ? new double[0] : out;
            }
            case US -> {
                double[] out = new double[b.length / 2];
                for (int i = 0; i < out.length; i++) {
                    out[i] = buf.getShort(i * 2) & 0xFFFF;
                }
                return out;
            }
            case SS -> {
                double[] out = new double[b.length / 2];
                for (int i = 0; i < out.length; i++) {
                    out[i] = buf.getShort(i * 2);
                }
                return out;
            }
            case UL -> {
                double[] out = new double[b.length / 4];
                for (int i = 0; i < out.length; i++) {
                    out[i] = buf.getInt(i * 4) & 0xFFFFFFFFL;
                }
                return out;
            }
            case SL -> {
                double[] out = new double[b.length / 4];
                for (int i = 0; i < out.length; i++) {
                    out[i] = buf.getInt(i * 4);
                }
                return out;
            }
            case FL, OF -> {
                double[] out = new double[b.length / 4];
                for (int i = 0; i < out.length; i++) {
                    out[i] = buf.getFloat(i * 4);
                }
                return out;
            }
            case FD, OD -> {
                double[] out = new double[b.length / 8];
                for (int i = 0; i < out.length; i++) {
                    out[i] = buf.getDouble(i * 8);
                }
                return out;
            }
            case SV, UV -> {
                double[] out = new double[b.length / 8];
                for (int i = 0; i < out.length; i++) {
                    long l = buf.getLong(i * 8);
                    out[i] = vr == VR.UV && l < 0 ? (double) (l >>> 1) * 2.0 : l;
                }
                return out;
            }
            default -> throw new IllegalArgumentException(Tag.toString(tag) + " has VR " + vr + ", not numeric");
        }
    }

    /** The first numeric value as a double. */
    public OptionalDouble getDouble(int tag) {
        double[] v = getDoubles(tag);
        return v.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(v[0]);
    }

    /** The first numeric value as an int (for US, SS, UL, SL, IS and integral DS values). */
    public OptionalInt getInt(int tag) {
        double[] v = getDoubles(tag);
        return v.length == 0 ? OptionalInt.empty() : OptionalInt.of(toInt(tag, v[0]));
    }

    /** All numeric values as ints. */
    public int[] getInts(int tag) {
        double[] v = getDoubles(tag);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = toInt(tag, v[i]);
        }
        return out;
    }

    /** The first value as an int, or a default when the attribute is absent or empty. */
    public int getInt(int tag, int orElse) {
        return getInt(tag).orElse(orElse);
    }

    private static int toInt(int tag, double d) {
        if (d != Math.rint(d) || d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) {
            throw new IllegalArgumentException(Tag.toString(tag) + " value " + d + " is not a 32-bit integer");
        }
        return (int) d;
    }

    static double parseDecimal(int tag, VR vr, String s) {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Decimals.parse(s);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(Tag.toString(tag) + " " + vr + " value '" + s + "' is not a number");
        }
    }

    // ---- sequences ----

    /** The items of a sequence; empty when absent or not a sequence. */
    public List<Attributes> getSequence(int tag) {
        DicomElement e = getOrNull(tag);
        return e == null ? List.of() : e.items();
    }

    /** The first item of a sequence. */
    public Optional<Attributes> getItem(int tag) {
        List<Attributes> items = getSequence(tag);
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
    }

    /** The raw bytes of an element; empty when absent or not held in memory. */
    public byte[] getBytes(int tag) {
        DicomElement e = getOrNull(tag);
        return e == null ? new byte[0] : e.bytes();
    }

    @Override
    public String toString() {
        return "Attributes[" + size + " elements" + (bigEndian ? ", big endian" : "") + "]";
    }
}
