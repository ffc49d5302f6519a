// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

import org.scanbase.array.NdArray;
import org.scanbase.array.DType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PixelArrayTest {

    @Test
    void unsignedValuesReadAsUnsigned() {
        PixelArray a = new PixelArray(DType.UINT16, new int[] {1, 1, 2, 1}, new short[] {-1, 5});
        assertThat(a.getDouble(0)).isEqualTo(65535);
        PixelArray u32 = new PixelArray(DType.UINT32, new int[] {1, 1, 1, 1}, new int[] {-1});
        assertThat(u32.getDouble(0)).isEqualTo(4294967295.0);
    }

    @Test
    void sha256IsOverLittleEndianValuesInCOrder() throws Exception {
        PixelArray a = new PixelArray(DType.INT16, new int[] {1, 1, 2, 1}, new short[] {0x0102, -2});
        byte[] le = {2, 1, (byte) 0xFE, (byte) 0xFF};
        assertThat(a.toLittleEndianBytes()).containsExactly(le);
        assertThat(a.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(le)));
    }

    @Test
    void statsGiveMinMaxMeanAndTheMeanOfEachChannel() {
        PixelArray a = new PixelArray(DType.UINT8, new int[] {1, 1, 2, 3}, new byte[] {0, 10, 20, 2, 10, (byte) 200});
        NdArray.Stats s = a.stats();
        assertThat(s.min()).isEqualTo(0);
        assertThat(s.max()).isEqualTo(200);
        assertThat(s.mean()).isEqualTo(242.0 / 6);
        assertThat(s.channelMean()).containsExactly(1, 10, 110);
    }

    @Test
    void framesAreCopiedOut() {
        PixelArray a = new PixelArray(DType.FLOAT32, new int[] {2, 1, 1, 1}, new float[] {1, 2});
        assertThat(a.frame(1).getDouble(0)).isEqualTo(2);
        assertThat(a.frame(1).shape()).containsExactly(1, 1, 1, 1);
    }

    @Test
    void arraysOverIntegerMaxValueElementsAreRejected() {
        assertThatThrownBy(() -> PixelArray.allocate(DType.UINT8, new int[] {2, 65536, 65536, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 2147483647 values");
    }

    @Test
    void dtypesFollowPydicomPixelDtype() {
        assertThat(DType.forStoredValues(1, 0, false)).isEqualTo(DType.UINT8);
        assertThat(DType.forStoredValues(8, 1, false)).isEqualTo(DType.INT8);
        assertThat(DType.forStoredValues(16, 1, false).numpyName()).isEqualTo("int16");
        assertThat(DType.forStoredValues(32, 0, false).numpyName()).isEqualTo("uint32");
        assertThat(DType.forStoredValues(64, 0, true)).isEqualTo(DType.FLOAT64);
        assertThatThrownBy(() -> DType.forStoredValues(12, 0, false))
                .hasMessage("(0028,0100) BitsAllocated must be 1, 8, 16 or 32 for integer pixel data, was 12");
    }
}
