// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

/**
 * Value Representations of PS3.5 section 6.2, with what the parser and writer need to know about
 * each: its two-letter code, whether explicit-VR encoding uses the 4-byte length form (PS3.5
 * 7.1.2), how values are padded, and what kind of value it holds.
 */
public enum VR {
    AE(Kind.STRING, false, ' ', 16),
    AS(Kind.STRING, false, ' ', 4),
    AT(Kind.TAG, false, 0, 4),
    CS(Kind.STRING, false, ' ', 16),
    DA(Kind.STRING, false, ' ', 8),
    DS(Kind.STRING, false, ' ', 16),
    DT(Kind.STRING, false, ' ', 26),
    FD(Kind.FLOAT, false, 0, 8),
    FL(Kind.FLOAT, false, 0, 4),
    IS(Kind.STRING, false, ' ', 12),
    LO(Kind.STRING, false, ' ', 64),
    LT(Kind.TEXT, false, ' ', 10240),
    OB(Kind.BINARY, true, 0, 1),
    OD(Kind.BINARY, true, 0, 8),
    OF(Kind.BINARY, true, 0, 4),
    OL(Kind.BINARY, true, 0, 4),
    OV(Kind.BINARY, true, 0, 8),
    OW(Kind.BINARY, true, 0, 2),
    PN(Kind.STRING, false, ' ', 64),
    SH(Kind.STRING, false, ' ', 16),
    SL(Kind.INT, false, 0, 4),
    SQ(Kind.SEQUENCE, true, 0, 0),
    SS(Kind.INT, false, 0, 2),
    ST(Kind.TEXT, false, ' ', 1024),
    SV(Kind.INT, true, 0, 8),
    TM(Kind.STRING, false, ' ', 14),
    UC(Kind.STRING, true, ' ', Integer.MAX_VALUE),
    UI(Kind.STRING, false, 0, 64),
    UL(Kind.INT, false, 0, 4),
    UN(Kind.BINARY, true, 0, 1),
    UR(Kind.TEXT, true, ' ', Integer.MAX_VALUE),
    US(Kind.INT, false, 0, 2),
    UT(Kind.TEXT, true, ' ', Integer.MAX_VALUE),
    UV(Kind.INT, true, 0, 8);

    /** What a VR's value is made of. */
    public enum Kind {
        /** Character strings, backslash-separated multi-values. */
        STRING,
        /** Character text that may contain backslashes (LT, ST, UT, UR): always one value. */
        TEXT,
        /** Binary integers: US, SS, UL, SL, UV, SV. */
        INT,
        /** Binary IEEE floats: FL, FD. */
        FLOAT,
        /** Attribute tags (AT): pairs of 16-bit group and element. */
        TAG,
        /** Opaque bytes or words: OB, OW, OF, OD, OL, OV, UN. */
        BINARY,
        /** A sequence of items (SQ). */
        SEQUENCE
    }

    private final Kind kind;
    private final boolean longLength;
    private final int paddingByte;
    /**
     * For binary numbers the size of one value in bytes; for strings the maximum length in
     * characters of one value (PS3.5 table 6.2-1).
     */
    private final int size;

    VR(Kind kind, boolean longLength, int paddingByte, int size) {
        this.kind = kind;
        this.longLength = longLength;
        this.paddingByte = paddingByte;
        this.size = size;
    }

    public Kind kind() {
        return kind;
    }

    /** True when explicit-VR encoding has two reserved bytes and a 32-bit length (PS3.5 7.1.2). */
    public boolean hasLongLength() {
        return longLength;
    }

    /** The byte appended to make an odd-length value even: NUL for UI and binary, space else. */
    public int paddingByte() {
        return paddingByte;
    }

    /** Bytes per value for INT, FLOAT and TAG kinds; bytes per word for BINARY. */
    public int bytesPerValue() {
        return size;
    }

    /** Maximum characters of one value for STRING and TEXT kinds (PS3.5 table 6.2-1). */
    public int maxLength() {
        return size;
    }

    public boolean isString() {
        return kind == Kind.STRING || kind == Kind.TEXT;
    }

    /** The two-character code as a 16-bit number, first character in the high byte. */
    public int code() {
        String n = name();
        return (n.charAt(0) << 8) | n.charAt(1);
    }

    /**
     * The VR for a two-character code read from a file.
     *
     * @throws IllegalArgumentException when the code names no VR of PS3.5
     */
    public static VR fromCode(int code) {
        VR vr = fromCodeOrNull(code);
        if (vr == null) {
            throw new IllegalArgumentException(String.format("unknown VR code 0x%04X", code & 0xFFFF));
        }
        return vr;
    }

    /** The VR for a two-character code, or null when the code names none. */
    public static VR fromCodeOrNull(int code) {
        char a = (char) ((code >> 8) & 0xFF);
        char b = (char) (code & 0xFF);
        if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') {
            return null;
        }
        return BY_CODE[(a - 'A') * 26 + (b - 'A')];
    }

    private static final VR[] BY_CODE = new VR[26 * 26];

    static {
        for (VR vr : values()) {
            String n = vr.name();
            BY_CODE[(n.charAt(0) - 'A') * 26 + (n.charAt(1) - 'A')] = vr;
        }
    }
}
