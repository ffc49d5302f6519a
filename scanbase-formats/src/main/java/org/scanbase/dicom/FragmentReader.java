// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encapsulated pixel data (PS3.5 A.4): after an undefined-length Pixel Data header come items —
 * the Basic Offset Table first, then one item per fragment — and a Sequence Delimitation Item.
 * Item headers are always little endian in practice; the data set's byte order is used.
 */
final class FragmentReader {
    private final DicomInput in;
    private final DataSetParser parser;

    FragmentReader(DicomInput in, DataSetParser parser) {
        this.in = in;
        this.parser = parser;
    }

    /** Reads the offset table and every fragment up to the Sequence Delimitation Item. */
    Fragments read(int tag, long elementPos, boolean be) throws IOException {
        long[] bot = null;
        List<byte[]> fragments = new ArrayList<>();
        long[] offsets = new long[8];
        long firstFragment = -1;
        while (true) {
            long pos = in.position();
            long len = header(tag, pos, be);
            if (len < 0) {
                break;
            }
            byte[] value = in.read(len);
            if (value == null) {
                throw parser.error(pos, tag, "fragment of " + len + " bytes runs past the end of the data");
            }
            if (bot == null) {
                bot = offsetTable(value, be);
                continue;
            }
            if (firstFragment < 0) {
                firstFragment = pos;
            }
            if (fragments.size() == offsets.length) {
                offsets = java.util.Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[fragments.size()] = pos - firstFragment;
            fragments.add(value);
        }
        return new Fragments(bot == null ? new long[0] : bot, fragments,
                java.util.Arrays.copyOf(offsets, fragments.size()));
    }

    /** Walks the items without keeping them (bulk data left in the file). */
    void skip(int tag, long elementPos, boolean be) throws IOException {
        while (true) {
            long pos = in.position();
            long len = header(tag, pos, be);
            if (len < 0) {
                return;
            }
            if (!in.skip(len)) {
                throw parser.error(pos, tag, "fragment of " + len + " bytes runs past the end of the data");
            }
        }
    }

    /** Reads one item header; returns its length, or -1 at the Sequence Delimitation Item. */
    private long header(int tag, long pos, boolean be) throws IOException {
        if (!in.ensure(8)) {
            throw parser.error(pos, tag, "encapsulated pixel data never ends: no Sequence Delimitation Item"
                    + " before the end of the data");
        }
        int itemTag = (in.u16(0, be) << 16) | in.u16(2, be);
        long len = in.i32(4, be) & 0xFFFFFFFFL;
        in.advance(8);
        if (itemTag == Tag.SEQUENCE_DELIMITATION) {
            return -1;
        }
        if (itemTag != Tag.ITEM) {
            throw parser.error(pos, tag, "expected a fragment Item (FFFE,E000), found " + Tag.toString(itemTag));
        }
        if (len == DicomElement.UNDEFINED_LENGTH || len > in.remaining()) {
            throw parser.error(pos, tag, "fragment length " + len + " exceeds the "
                    + (in.remaining() == Long.MAX_VALUE ? "data" : in.remaining() + " bytes left in the file"));
        }
        return len;
    }

    private long[] offsetTable(byte[] v, boolean be) {
        long[] out = new long[v.length / 4];
        for (int i = 0; i < out.length; i++) {
            int k = i * 4;
            int a = v[k] & 0xFF;
            int b = v[k + 1] & 0xFF;
            int c = v[k + 2] & 0xFF;
            int d = v[k + 3] & 0xFF;
            out[i] = (be ? (a << 24) | (b << 16) | (c << 8) | d : (d << 24) | (c << 16) | (b << 8) | a) & 0xFFFFFFFFL;
        }
        return out;
    }
}
