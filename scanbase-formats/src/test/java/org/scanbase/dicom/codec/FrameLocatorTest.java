// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scanbase.dicom.Fragments;

class FrameLocatorTest {
    private static final byte[] SOI = {(byte) 0xFF, (byte) 0xD8, 1, 2};
    private static final byte[] MID = {3, 4};
    private static final byte[] END = {5, (byte) 0xFF, (byte) 0xD9, 0};

    private static Fragments fragments(long[] bot, byte[]... f) {
        long[] offsets = new long[f.length];
        long at = 0;
        for (int i = 0; i < f.length; i++) {
            offsets[i] = at;
            at += 8 + f[i].length;
        }
        return new Fragments(bot, List.of(f), offsets);
    }

    @Test
    void oneFrameTakesEveryFragment() throws Exception {
        assertThat(FrameLocator.locate(fragments(new long[0], SOI, MID, END), 1, new long[0]))
                .isDeepEqualTo(new int[][] {{0, 3}});
    }

    @Test
    void theBasicOffsetTableSaysWhereFramesStart() throws Exception {
        Fragments f = fragments(new long[] {0, 8 + 4 + 8 + 2}, SOI, MID, SOI, END);
        assertThat(FrameLocator.locate(f, 2, new long[0])).isDeepEqualTo(new int[][] {new int[] {0, 2}, new int[] {2, 4}});
    }

    @Test
    void theExtendedOffsetTableIsUsedWhenTheBasicOneIsEmpty() throws Exception {
        Fragments f = fragments(new long[0], SOI, SOI, MID);
        assertThat(FrameLocator.locate(f, 2, new long[] {0, 12})).isDeepEqualTo(new int[][] {new int[] {0, 1}, new int[] {1, 3}});
    }

    @Test
    void asManyFragmentsAsFramesIsOneFramePerFragment() throws Exception {
        Fragments f = fragments(new long[0], MID, MID);
        assertThat(FrameLocator.locate(f, 2, new long[0])).isDeepEqualTo(new int[][] {new int[] {0, 1}, new int[] {1, 2}});
    }

    @Test
    void withoutTablesFramesStartAtStartOfImageMarkers() throws Exception {
        Fragments f = fragments(new long[0], SOI, MID, END, SOI, END);
        assertThat(FrameLocator.locate(f, 2, new long[0])).isDeepEqualTo(new int[][] {new int[] {0, 3}, new int[] {3, 5}});
    }

    @Test
    void fragmentsOfAFrameAreConcatenated() {
        Fragments f = fragments(new long[0], SOI, MID);
        assertThat(FrameLocator.frameBytes(f, new int[] {0, 2})).containsExactly((byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4);
    }
}
