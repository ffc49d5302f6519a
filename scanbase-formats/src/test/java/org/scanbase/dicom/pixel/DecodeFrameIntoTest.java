// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomFile;
import org.scanbase.dicom.DicomReader;
import org.scanbase.dicom.DicomWriter;
import org.scanbase.dicom.VR;

class DecodeFrameIntoTest {
    @TempDir
    Path tmp;

    @Test
    void copiesEachFrameIntoTheCallersArrayWithTheSameValuesAsDecode() throws Exception {
        // 12 bits stored in 16, signed, with junk in the unused high bits: masking must happen per range
        Attributes ds = TestImages.module(false, 2, 3, 1, 16, 12, 1, "MONOCHROME2", 0, 2);
        TestImages.str(ds, 0x00080016, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        TestImages.str(ds, 0x00080018, VR.UI, "1.2.3.4");
        TestImages.pixels(ds, 0x7FE00010, VR.OW, TestImages.shorts(false,
                0x0001, 0x0FFF, 0xF800, 0x7123, 0x0800, 0x07FF,
                0x1002, 0xA555, 0x0000, 0xFFFF, 0x0ABC, 0x8001));
        Path file = tmp.resolve("mf.dcm");
        DicomWriter.write(file, new Attributes(), ds);
        DicomFile header = DicomReader.readHeader(file);

        PixelArray all = PixelDecoder.decode(DicomReader.read(file));
        short[] into = new short[1 + 12];
        assertThat(PixelDecoder.decodeFrameInto(header, 1, into, 1)).isTrue();
        assertThat(PixelDecoder.decodeFrameInto(header, 0, into, 7)).isTrue();

        short[] expected = (short[]) all.data();
        for (int i = 0; i < 6; i++) {
            assertThat(into[1 + i]).as("frame 2 value %d", i).isEqualTo(expected[6 + i]);
            assertThat(into[7 + i]).as("frame 1 value %d", i).isEqualTo(expected[i]);
        }
        assertThat(into[0]).isZero();
        assertThat(expected[1]).isEqualTo((short) -1);   // 0x0FFF as a 12-bit signed value
    }

    @Test
    void declinesDataLoadedIntoMemorySoTheCallerUsesTheGeneralPath() throws Exception {
        Attributes ds = TestImages.module(false, 1, 2, 1, 16, 16, 0, "MONOCHROME2", 0, 1);
        TestImages.pixels(ds, 0x7FE00010, VR.OW, TestImages.shorts(false, 1, 2));
        Path file = tmp.resolve("one.dcm");
        DicomWriter.write(file, new Attributes(), ds);
        assertThat(PixelDecoder.decodeFrameInto(DicomReader.read(file), 0, new short[2], 0)).isFalse();
    }

    @Test
    void copiesSeveralFramesOfOneFileInAnyOrderWithTheSameValuesAsDecode() throws Exception {
        Attributes ds = TestImages.module(false, 2, 2, 1, 16, 12, 1, "MONOCHROME2", 0, 3);
        TestImages.pixels(ds, 0x7FE00010, VR.OW, TestImages.shorts(false,
                0x0001, 0x0FFF, 0xF800, 0x7123,
                0x0800, 0x07FF, 0x1002, 0xA555,
                0x0000, 0xFFFF, 0x0ABC, 0x8001));
        Path file = tmp.resolve("three.dcm");
        DicomWriter.write(file, new Attributes(), ds);
        DicomFile header = DicomReader.readHeader(file);
        ImagePixel ip = PixelDecoder.describe(file, header.dataset());

        short[] into = new short[8];
        assertThat(PixelDecoder.decodeFramesInto(header, ip, new int[] {2, 1}, into, new int[] {0, 4})).isTrue();

        short[] all = (short[]) PixelDecoder.decode(DicomReader.read(file)).data();
        assertThat(into).containsExactly(all[8], all[9], all[10], all[11], all[4], all[5], all[6], all[7]);
        assertThatThrownBy(() -> PixelDecoder.decodeFramesInto(header, ip, new int[] {3}, into, new int[] {0}))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("frame 3 of 3");
    }

    @Test
    void refusesAHeaderThatPromisesMoreFramesThanTheValueHoldsNamingTheFile() throws Exception {
        Attributes ds = TestImages.module(false, 2, 2, 1, 16, 16, 0, "MONOCHROME2", 0, 3);
        TestImages.pixels(ds, 0x7FE00010, VR.OW, TestImages.shorts(false, 1, 2, 3, 4, 5, 6, 7, 8));
        Path file = tmp.resolve("short.dcm");
        DicomWriter.write(file, new Attributes(), ds);
        DicomFile header = DicomReader.readHeader(file);
        ImagePixel ip = PixelDecoder.describe(file, header.dataset());

        assertThatThrownBy(() -> PixelDecoder.checkNativeLength(header, ip))
                .isInstanceOf(PixelDecodeException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("(7FE0,0010) PixelData has 16 bytes, expected 24 for 3 frame(s) of 2x2x1");
        assertThatThrownBy(() -> PixelDecoder.decodeFramesInto(header, ip, new int[] {0}, new short[4], new int[] {0}))
                .isInstanceOf(PixelDecodeException.class).hasMessageContaining("has 16 bytes, expected 24");
    }
}
