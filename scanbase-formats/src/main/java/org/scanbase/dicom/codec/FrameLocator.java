// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.scanbase.dicom.Fragments;

/**
 * Splits encapsulated pixel data (PS3.5 A.4) into frames. In order of preference: one frame is
 * all fragments; else the Basic Offset Table; else the Extended Offset Table (7FE0,0001); else
 * one frame per fragment when there are as many fragments as frames; else a new frame starts at
 * each fragment that begins with a JPEG SOI (FFD8), a JPEG 2000 SOC (FF4F) or a JP2 signature box.
 */
public final class FrameLocator {
    private FrameLocator() {
    }

    /**
     * The fragment index ranges {@code [start, end)} of each frame.
     *
     * @param fragments      the encapsulated value
     * @param frames         (0028,0008) NumberOfFrames, 1 when absent
     * @param extendedOffsets (7FE0,0001) ExtendedOffsetTable values, or an empty array
     * @throws CodecException when the frames cannot be found
     */
    public static int[][] locate(Fragments fragments, int frames, long[] extendedOffsets) throws CodecException {
        int n = fragments.size();
        if (n == 0) {
            throw new CodecException("encapsulated pixel data has no fragments");
        }
        if (frames == 1) {
            return new int[][] {{0, n}};
        }
        long[] bot = fragments.basicOffsetTable();
        if (bot != null && bot.length == frames) {
            return byOffsets(fragments, bot, "Basic Offset Table");
        }
        if (extendedOffsets != null && extendedOffsets.length == frames) {
            return byOffsets(fragments, extendedOffsets, "(7FE0,0001) ExtendedOffsetTable");
        }
        if (n == frames) {
            int[][] out = new int[frames][];
            for (int i = 0; i < frames; i++) {
                out[i] = new int[] {i, i + 1};
            }
            return out;
        }
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || startsFrame(fragments.fragment(i))) {
                out.add(new int[] {start, i});
                start = i;
            }
        }
        if (out.size() != frames || !startsFrame(fragments.fragment(0))) {
            throw new CodecException("cannot find " + frames + " frames in " + n
                    + " fragments: no offset table, and frame start markers give " + out.size());
        }
        return out.toArray(new int[0][]);
    }

    private static int[][] byOffsets(Fragments fragments, long[] offsets, String source) throws CodecException {
        long[] fo = fragments.fragmentOffsets();
        int[][] out = new int[offsets.length][];
        int f = 0;
        for (int i = 0; i < offsets.length; i++) {
            while (f < fo.length && fo[f] < offsets[i]) {
                f++;
            }
            if (f == fo.length || fo[f] != offsets[i]) {
                throw new CodecException(source + " offset " + offsets[i] + " of frame " + (i + 1)
                        + " is not the start of a fragment");
            }
            out[i] = new int[] {f, 0};
            if (i > 0) {
                out[i - 1][1] = f;
            }
        }
        out[offsets.length - 1][1] = fo.length;
        for (int[] r : out) {
            if (r[1] <= r[0]) {
                throw new CodecException(source + " has offsets that are not ascending");
            }
        }
        return out;
    }

    /** The compressed bytes of one frame: its fragments concatenated. */
    public static byte[] frameBytes(Fragments fragments, int[] range) {
        if (range[1] - range[0] == 1) {
            return fragments.fragment(range[0]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = range[0]; i < range[1]; i++) {
            out.writeBytes(fragments.fragment(i));
        }
        return out.toByteArray();
    }

    static boolean startsFrame(byte[] f) {
        if (f.length >= 2 && (f[0] & 0xFF) == 0xFF && ((f[1] & 0xFF) == 0xD8 || (f[1] & 0xFF) == 0x4F)) {
            return true;
        }
        // JP2 signature box: length 12, type 'jP  '
        return f.length >= 8 && f[0] == 0 && f[1] == 0 && f[2] == 0 && f[3] == 12
                && f[4] == 'j' && f[5] == 'P' && f[6] == ' ' && f[7] == ' ';
    }
}
