// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The byte layouts of nifti1.h (348 bytes) and nifti2.h (540 bytes): decoding a header block
 * into a {@link NiftiHeader} and encoding one back. The byte order is found from sizeof_hdr,
 * the only field whose value is fixed, as nibabel and nifti_clib do.
 */
final class NiftiHeaderCodec {
    static final int NIFTI1_SIZE = 348;
    static final int NIFTI2_SIZE = 540;

    private NiftiHeaderCodec() {
    }

    /**
     * The version (1 or 2) and byte order of a header block, from its first 4 bytes.
     *
     * @throws NiftiFormatException when sizeof_hdr is neither 348 nor 540 in either byte order
     */
    static ByteOrder detectOrder(byte[] first4, Path file, int[] versionOut) throws NiftiFormatException {
        if (first4.length < 4) {
            throw NiftiFormatException.of(file, "sizeof_hdr", "missing: the file has only " + first4.length
                    + " bytes, a NIfTI header needs 348 (NIfTI-1) or 540 (NIfTI-2)");
        }
        for (ByteOrder bo : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            int v = ByteBuffer.wrap(first4, 0, 4).order(bo).getInt();
            if (v == NIFTI1_SIZE || v == NIFTI2_SIZE) {
                versionOut[0] = v == NIFTI1_SIZE ? 1 : 2;
                return bo;
            }
        }
        int le = ByteBuffer.wrap(first4, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int be = ByteBuffer.wrap(first4, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        throw NiftiFormatException.of(file, "sizeof_hdr", "is " + le + " (little-endian) / " + be
                + " (big-endian), expected 348 (NIfTI-1) or 540 (NIfTI-2): not a NIfTI file");
    }

    /**
     * Decodes a complete header block (348 or 540 bytes, as {@link #detectOrder} says) and checks
     * the fields every reader depends on: magic, dim[0], dim[1..dim[0]].
     */
    static NiftiHeader decode(byte[] block, Path file) throws NiftiFormatException {
        int[] version = new int[1];
        ByteOrder bo = detectOrder(block, file, version);
        int need = version[0] == 1 ? NIFTI1_SIZE : NIFTI2_SIZE;
        if (block.length < need) {
            throw NiftiFormatException.of(file, "header", "truncated: NIfTI-" + version[0] + " needs " + need
                    + " bytes, the file has " + block.length);
        }
        ByteBuffer b = ByteBuffer.wrap(block, 0, need).order(bo);
        NiftiHeader h = new NiftiHeader();
        h.version = version[0];
        h.byteOrder = bo;
        h.sizeofHdr = b.getInt(0);
        if (h.version == 1) {
            decode1(b, h);
        } else {
            decode2(b, h);
        }
        checkMagic(h, file);
        checkDims(h, block, file);
        return h;
    }

    private static void decode1(ByteBuffer b, NiftiHeader h) {
        h.dataTypeLegacy = string(b, 4, 10);
        h.dbName = string(b, 14, 18);
        h.extents = b.getInt(32);
        h.sessionError = b.getShort(36);
        h.regular = b.get(38) & 0xFF;
        h.dimInfo = b.get(39) & 0xFF;
        for (int i = 0; i < 8; i++) {
            h.dim[i] = b.getShort(40 + 2 * i);
        }
        h.intentP1 = b.getFloat(56);
        h.intentP2 = b.getFloat(60);
        h.intentP3 = b.getFloat(64);
        h.intentCode = b.getShort(68);
        h.datatype = b.getShort(70);
        h.bitpix = b.getShort(72);
        h.sliceStart = b.getShort(74);
        for (int i = 0; i < 8; i++) {
            h.pixdim[i] = b.getFloat(76 + 4 * i);
        }
        h.voxOffset = b.getFloat(108);
        h.sclSlope = b.getFloat(112);
        h.sclInter = b.getFloat(116);
        h.sliceEnd = b.getShort(120);
        h.sliceCode = b.get(122) & 0xFF;
        h.xyztUnits = b.get(123) & 0xFF;
        h.calMax = b.getFloat(124);
        h.calMin = b.getFloat(128);
        h.sliceDuration = b.getFloat(132);
        h.toffset = b.getFloat(136);
        h.glmax = b.getInt(140);
        h.glmin = b.getInt(144);
        h.descrip = string(b, 148, 80);
        h.auxFile = string(b, 228, 24);
        h.qformCode = b.getShort(252);
        h.sformCode = b.getShort(254);
        h.quaternB = b.getFloat(256);
        h.quaternC = b.getFloat(260);
        h.quaternD = b.getFloat(264);
        h.qoffsetX = b.getFloat(268);
        h.qoffsetY = b.getFloat(272);
        h.qoffsetZ = b.getFloat(276);
        for (int i = 0; i < 4; i++) {
            h.srowX[i] = b.getFloat(280 + 4 * i);
            h.srowY[i] = b.getFloat(296 + 4 * i);
            h.srowZ[i] = b.getFloat(312 + 4 * i);
        }
        h.intentName = string(b, 328, 16);
        h.magic = string(b, 344, 4);
    }

    private static void decode2(ByteBuffer b, NiftiHeader h) {
        h.magic = string(b, 4, 4);
        h.datatype = b.getShort(12);
        h.bitpix = b.getShort(14);
        for (int i = 0; i < 8; i++) {
            h.dim[i] = b.getLong(16 + 8 * i);
        }
        h.intentP1 = b.getDouble(80);
        h.intentP2 = b.getDouble(88);
        h.intentP3 = b.getDouble(96);
        for (int i = 0; i < 8; i++) {
            h.pixdim[i] = b.getDouble(104 + 8 * i);
        }
        h.voxOffset = b.getLong(168);
        h.sclSlope = b.getDouble(176);
        h.sclInter = b.getDouble(184);
        h.calMax = b.getDouble(192);
        h.calMin = b.getDouble(200);
        h.sliceDuration = b.getDouble(208);
        h.toffset = b.getDouble(216);
        h.sliceStart = b.getLong(224);
        h.sliceEnd = b.getLong(232);
        h.descrip = string(b, 240, 80);
        h.auxFile = string(b, 320, 24);
        h.qformCode = b.getInt(344);
        h.sformCode = b.getInt(348);
        h.quaternB = b.getDouble(352);
        h.quaternC = b.getDouble(360);
        h.quaternD = b.getDouble(368);
        h.qoffsetX = b.getDouble(376);
        h.qoffsetY = b.getDouble(384);
        h.qoffsetZ = b.getDouble(392);
        for (int i = 0; i < 4; i++) {
            h.srowX[i] = b.getDouble(400 + 8 * i);
            h.srowY[i] = b.getDouble(432 + 8 * i);
            h.srowZ[i] = b.getDouble(464 + 8 * i);
        }
        h.sliceCode = b.getInt(496);
        h.xyztUnits = b.getInt(500);
        h.intentCode = b.getInt(504);
        h.intentName = string(b, 508, 16);
        h.dimInfo = b.get(524) & 0xFF;
    }

    private static void checkMagic(NiftiHeader h, Path file) throws NiftiFormatException {
        String single = "n+" + h.version;
        String pair = "ni" + h.version;
        if (!h.magic.equals(single) && !h.magic.equals(pair)) {
            throw NiftiFormatException.of(file, "magic", "is \"" + printable(h.magic) + "\", expected \"" + single
                    + "\" or \"" + pair + "\"" + (h.version == 1 ? " (an Analyze 7.5 header is not NIfTI)" : ""));
        }
    }

    private static void checkDims(NiftiHeader h, byte[] block, Path file) throws NiftiFormatException {
        long nd = h.dim[0];
        if (nd < 1 || nd > 7) {
            ByteOrder other = h.byteOrder == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            ByteBuffer o = ByteBuffer.wrap(block).order(other);
            long swapped = h.version == 1 ? o.getShort(40) : o.getLong(16);
            String hint = swapped >= 1 && swapped <= 7
                    ? "; it would be " + swapped + " in " + other + " byte order, but sizeof_hdr says " + h.byteOrder
                    : "";
            throw NiftiFormatException.of(file, "dim[0]", "is " + nd + ", expected 1 to 7 dimensions" + hint);
        }
        for (int i = 1; i <= nd; i++) {
            if (h.dim[i] < 0) {
                throw NiftiFormatException.of(file, "dim[" + i + "]", "is " + h.dim[i] + ", must not be negative");
            }
        }
    }

    private static String string(ByteBuffer b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b.get(end) != 0) {
            end++;
        }
        byte[] s = new byte[end - offset];
        b.get(offset, s);
        return new String(s, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return sb.toString();
    }

    /** The header block (348 or 540 bytes) of {@code h} in its byte order. */
    static byte[] encode(NiftiHeader h) {
        boolean one = h.version == 1;
        ByteBuffer b = ByteBuffer.allocate(one ? NIFTI1_SIZE : NIFTI2_SIZE).order(h.byteOrder);
        b.putInt(0, one ? NIFTI1_SIZE : NIFTI2_SIZE);
        if (one) {
            encode1(b, h);
        } else {
            encode2(b, h);
        }
        return b.array();
    }

    private static void encode1(ByteBuffer b, NiftiHeader h) {
        putString(b, 4, 10, h.dataTypeLegacy);
        putString(b, 14, 18, h.dbName);
        b.putInt(32, h.extents);
        b.putShort(36, (short) h.sessionError);
        b.put(38, (byte) h.regular);
        b.put(39, (byte) h.dimInfo);
        for (int i = 0; i < 8; i++) {
            b.putShort(40 + 2 * i, (short) h.dim[i]);
        }
        b.putFloat(56, (float) h.intentP1);
        b.putFloat(60, (float) h.intentP2);
        b.putFloat(64, (float) h.intentP3);
        b.putShort(68, (short) h.intentCode);
        b.putShort(70, (short) h.datatype);
        b.putShort(72, (short) h.bitpix);
        b.putShort(74, (short) h.sliceStart);
        for (int i = 0; i < 8; i++) {
            b.putFloat(76 + 4 * i, (float) h.pixdim[i]);
        }
        b.putFloat(108, (float) h.voxOffset);
        b.putFloat(112, (float) h.sclSlope);
        b.putFloat(116, (float) h.sclInter);
        b.putShort(120, (short) h.sliceEnd);
        b.put(122, (byte) h.sliceCode);
        b.put(123, (byte) h.xyztUnits);
        b.putFloat(124, (float) h.calMax);
        b.putFloat(128, (float) h.calMin);
        b.putFloat(132, (float) h.sliceDuration);
        b.putFloat(136, (float) h.toffset);
        b.putInt(140, h.glmax);
        b.putInt(144, h.glmin);
        putString(b, 148, 80, h.descrip);
        putString(b, 228, 24, h.auxFile);
        b.putShort(252, (short) h.qformCode);
        b.putShort(254, (short) h.sformCode);
        b.putFloat(256, (float) h.quaternB);
        b.putFloat(260, (float) h.quaternC);
        b.putFloat(264, (float) h.quaternD);
        b.putFloat(268, (float) h.qoffsetX);
        b.putFloat(272, (float) h.qoffsetY);
        b.putFloat(276, (float) h.qoffsetZ);
        for (int i = 0; i < 4; i++) {
            b.putFloat(280 + 4 * i, (float) h.srowX[i]);
            b.putFloat(296 + 4 * i, (float) h.srowY[i]);
            b.putFloat(312 + 4 * i, (float) h.srowZ[i]);
        }
        putString(b, 328, 16, h.intentName);
        putString(b, 344, 4, h.magic);
    }

    private static void encode2(ByteBuffer b, NiftiHeader h) {
        putString(b, 4, 4, h.magic);
        b.put(8, (byte) '\r').put(9, (byte) '\n').put(10, (byte) 0x1A).put(11, (byte) '\n');
        b.putShort(12, (short) h.datatype);
        b.putShort(14, (short) h.bitpix);
        for (int i = 0; i < 8; i++) {
            b.putLong(16 + 8 * i, h.dim[i]);
        }
        b.putDouble(80, h.intentP1);
        b.putDouble(88, h.intentP2);
        b.putDouble(96, h.intentP3);
        for (int i = 0; i < 8; i++) {
            b.putDouble(104 + 8 * i, h.pixdim[i]);
        }
        b.putLong(168, (long) h.voxOffset);
        b.putDouble(176, h.sclSlope);
        b.putDouble(184, h.sclInter);
        b.putDouble(192, h.calMax);
        b.putDouble(200, h.calMin);
        b.putDouble(208, h.sliceDuration);
        b.putDouble(216, h.toffset);
        b.putLong(224, h.sliceStart);
        b.putLong(232, h.sliceEnd);
        putString(b, 240, 80, h.descrip);
        putString(b, 320, 24, h.auxFile);
        b.putInt(344, h.qformCode);
        b.putInt(348, h.sformCode);
        b.putDouble(352, h.quaternB);
        b.putDouble(360, h.quaternC);
        b.putDouble(368, h.quaternD);
        b.putDouble(376, h.qoffsetX);
        b.putDouble(384, h.qoffsetY);
        b.putDouble(392, h.qoffsetZ);
        for (int i = 0; i < 4; i++) {
            b.putDouble(400 + 8 * i, h.srowX[i]);
            b.putDouble(432 + 8 * i, h.srowY[i]);
            b.putDouble(464 + 8 * i, h.srowZ[i]);
        }
        b.putInt(496, h.sliceCode);
        b.putInt(500, h.xyztUnits);
        b.putInt(504, h.intentCode);
        putString(b, 508, 16, h.intentName);
        b.put(524, (byte) h.dimInfo);
    }

    private static void putString(ByteBuffer b, int offset, int length, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < Math.min(length, bytes.length); i++) {
            b.put(offset + i, bytes[i]);
        }
    }
}
