// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Builds data elements for writing (little endian values, as {@link DicomWriter} writes them),
 * e.g. for RTSTRUCT and SEG objects. Strings are encoded as UTF-8, which equals ASCII for the
 * default repertoire; a data set holding other characters must declare (0008,0005) ISO_IR 192.
 * Values are not padded here: the writer pads.
 */
public final class DicomElements {
    private DicomElements() {
    }

    /** A string element; several values are joined with backslashes (PS3.5 6.4). */
    public static DicomElement string(int tag, VR vr, String... values) {
        if (!vr.isString()) {
            throw new IllegalArgumentException(Tag.toString(tag) + ": " + vr + " is not a string VR");
        }
        return DicomElement.ofBytes(tag, vr, String.join("\\", values).getBytes(StandardCharsets.UTF_8), -1);
    }

    /** Integers as US, SS, UL, SL, SV, UV (binary, little endian) or IS (decimal strings). */
    public static DicomElement ints(int tag, VR vr, int... values) {
        if (vr == VR.IS) {
            String[] s = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                s[i] = Integer.toString(values[i]);
            }
            return string(tag, vr, s);
        }
        ByteBuffer b = buffer(values.length * sizeOf(tag, vr));
        for (int v : values) {
            switch (vr) {
                case US -> b.putShort((short) checkRange(tag, vr, v, 0, 0xFFFF));
                case SS -> b.putShort((short) checkRange(tag, vr, v, Short.MIN_VALUE, Short.MAX_VALUE));
                case UL -> b.putInt(checkRange(tag, vr, v, 0, Integer.MAX_VALUE));
                case SL -> b.putInt(v);
                case SV -> b.putLong(v);
                case UV -> b.putLong(checkRange(tag, vr, v, 0, Integer.MAX_VALUE));
                default -> throw new IllegalArgumentException(Tag.toString(tag) + ": " + vr + " is not an integer VR");
            }
        }
        return DicomElement.ofBytes(tag, vr, b.array(), -1);
    }

    /** Numbers as FL, FD, OF, OD (binary, little endian) or DS (each formatted to at most 16 characters). */
    public static DicomElement doubles(int tag, VR vr, double... values) {
        if (vr == VR.DS) {
            String[] s = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                s[i] = formatDS(values[i]);
            }
            return string(tag, vr, s);
        }
        ByteBuffer b = buffer(values.length * sizeOf(tag, vr));
        for (double v : values) {
            switch (vr) {
                case FL, OF -> b.putFloat((float) v);
                case FD, OD -> b.putDouble(v);
                default -> throw new IllegalArgumentException(Tag.toString(tag) + ": " + vr + " is not a float VR");
            }
        }
        return DicomElement.ofBytes(tag, vr, b.array(), -1);
    }

    /** A sequence of the given items. */
    public static DicomElement sequence(int tag, List<Attributes> items) {
        return DicomElement.ofItems(tag, items, -1);
    }

    /** Raw bytes (OB, OW, UN...), little endian; the array is not copied. */
    public static DicomElement bytes(int tag, VR vr, byte[] value) {
        return DicomElement.ofBytes(tag, vr, value, -1);
    }

    /**
     * A DS value of at most 16 characters (PS3.5 table 6.2-1) holding as many significant digits
     * of {@code v} as fit.
     *
     * @throws IllegalArgumentException for NaN and infinities, which DS cannot hold
     */
    public static String formatDS(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("DS cannot hold " + v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        BigDecimal exact = new BigDecimal(Double.toString(v));
        for (int digits = 17; digits > 0; digits--) {
            BigDecimal r = exact.round(new MathContext(digits)).stripTrailingZeros();
            String plain = r.toPlainString();
            if (plain.length() <= 16) {
                return plain;
            }
            String sci = scientific(v, digits);
            if (sci.length() <= 16) {
                return sci;
            }
        }
        throw new IllegalArgumentException("cannot format " + v + " as DS");
    }

    /** {@code v} with {@code digits} significant digits as {@code M.MMME-X}, no redundant zeros. */
    private static String scientific(double v, int digits) {
        String f = String.format(Locale.ROOT, "%." + (digits - 1) + "E", v);
        int e = f.indexOf('E');
        String mantissa = f.substring(0, e);
        if (mantissa.indexOf('.') >= 0) {
            int end = mantissa.length();
            while (mantissa.charAt(end - 1) == '0') {
                end--;
            }
            if (mantissa.charAt(end - 1) == '.') {
                end--;
            }
            mantissa = mantissa.substring(0, end);
        }
        int exponent = Integer.parseInt(f.substring(e + 1));
        return mantissa + "E" + exponent;
    }

    private static ByteBuffer buffer(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int sizeOf(int tag, VR vr) {
        return switch (vr) {
            case US, SS -> 2;
            case UL, SL, FL, OF -> 4;
            case SV, UV, FD, OD -> 8;
            default -> throw new IllegalArgumentException(Tag.toString(tag) + ": " + vr + " is not a numeric VR");
        };
    }

    private static int checkRange(int tag, VR vr, int v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(Tag.toString(tag) + ": " + v + " is out of range for " + vr);
        }
        return v;
    }
}
