// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

/**
 * Helpers for DICOM attribute tags held as one {@code int}: group in the high 16 bits, element
 * in the low 16 bits (PS3.5 section 7.1). Tag constants by keyword are in {@link Tags}.
 */
public final class Tag {
    /** (FFFE,E000) Item. */
    public static final int ITEM = 0xFFFEE000;
    /** (FFFE,E00D) Item Delimitation Item. */
    public static final int ITEM_DELIMITATION = 0xFFFEE00D;
    /** (FFFE,E0DD) Sequence Delimitation Item. */
    public static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

    private Tag() {
    }

    public static int of(int group, int element) {
        return (group << 16) | (element & 0xFFFF);
    }

    public static int group(int tag) {
        return tag >>> 16;
    }

    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** {@code "GGGGEEEE"} in upper-case hex: how tags without a keyword are named in JSON. */
    public static String hex(int tag) {
        return String.format("%08X", tag);
    }

    /** {@code "(gggg,eeee)"} as in PS3.6 and error messages. */
    public static String toString(int tag) {
        return String.format("(%04X,%04X)", group(tag), element(tag));
    }

    /** Parses {@code "GGGGEEEE"} or {@code "(GGGG,EEEE)"}. */
    public static int parse(String text) {
        String t = text.replace("(", "").replace(")", "").replace(",", "").trim();
        if (t.length() != 8) {
            throw new IllegalArgumentException("not a tag: '" + text + "'");
        }
        return (int) Long.parseLong(t, 16);
    }

    /** Odd groups other than 0001, 0003, 0005, 0007 and FFFF are private (PS3.5 7.8). */
    public static boolean isPrivate(int tag) {
        int g = group(tag);
        return (g & 1) == 1 && g > 0x0008 && g != 0xFFFF;
    }

    /** (gggg,0010-00FF) in a private group reserves a block for a private creator (PS3.5 7.8.1). */
    public static boolean isPrivateCreator(int tag) {
        int e = element(tag);
        return isPrivate(tag) && e >= 0x0010 && e <= 0x00FF;
    }

    /** The private creator tag that reserves the block of a private data element. */
    public static int privateCreatorOf(int tag) {
        return (tag & 0xFFFF0000) | ((tag >> 8) & 0xFF);
    }

    /** (gggg,0000) group length elements (PS3.5 7.2). */
    public static boolean isGroupLength(int tag) {
        return element(tag) == 0;
    }

    /** Item and delimiter tags of group FFFE. */
    public static boolean isDelimiter(int tag) {
        return tag == ITEM || tag == ITEM_DELIMITATION || tag == SEQUENCE_DELIMITATION;
    }
}
