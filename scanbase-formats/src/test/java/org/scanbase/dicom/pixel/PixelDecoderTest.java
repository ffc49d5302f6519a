// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

import org.scanbase.array.DType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.scanbase.dicom.pixel.TestImages.bytes;
import static org.scanbase.dicom.pixel.TestImages.module;
import static org.scanbase.dicom.pixel.TestImages.pixels;
import static org.scanbase.dicom.pixel.TestImages.shorts;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.TransferSyntax;
import org.scanbase.dicom.VR;

class PixelDecoderTest {
    private static final Path FILE = Path.of("test.dcm");
    private static final TransferSyntax LE = TransferSyntax.EXPLICIT_VR_LE;
    private static final TransferSyntax BE = TransferSyntax.EXPLICIT_VR_BE;

    private static double[] values(PixelArray a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getDouble(i);
        }
        return v;
    }

    @Test
    void bitsAboveBitsStoredAreMaskedAndTheSignIsExtended() throws Exception {
        Attributes ds = module(false, 1, 4, 1, 16, 12, 1, "MONOCHROME2", 0, 1);
        // 0xF800 high bits are garbage; 0x0800 is -2048 in 12 bits; 0x07FF is 2047
        pixels(ds, 0x7FE00010, VR.OW, shorts(false, 0xF001, 0x0800, 0x07FF, 0x0FFF));
        PixelArray a = PixelDecoder.decode(FILE, ds, LE);
        assertThat(a.dtype()).isEqualTo(DType.INT16);
        assertThat(values(a)).containsExactly(1, -2048, 2047, -1);
    }

    @Test
    void unsignedValuesKeepOnlyTheirStoredBits() throws Exception {
        Attributes ds = module(false, 1, 2, 1, 16, 12, 0, "MONOCHROME2", 0, 1);
        pixels(ds, 0x7FE00010, VR.OW, shorts(false, 0xF123, 0x0FFF));
        assertThat(values(PixelDecoder.decode(FILE, ds, LE))).containsExactly(0x123, 0xFFF);
    }

    @Test
    void bigEndianWordsAreSwapped() throws Exception {
        Attributes ds = module(true, 1, 2, 1, 16, 16, 1, "MONOCHROME2", 0, 1);
        pixels(ds, 0x7FE00010, VR.OW, shorts(true, -5, 300));
        PixelArray a = PixelDecoder.decode(FILE, ds, BE);
        assertThat(values(a)).containsExactly(-5, 300);
        assertThat(a.toLittleEndianBytes()).containsExactly(shorts(false, -5, 300));
    }

    @Test
    void eightBitOwInBigEndianComesInSwappedPairs() throws Exception {
        Attributes ds = module(true, 1, 4, 1, 8, 8, 0, "MONOCHROME2", 0, 1);
        pixels(ds, 0x7FE00010, VR.OW, bytes(2, 1, 4, 3));
        assertThat(values(PixelDecoder.decode(FILE, ds, BE))).containsExactly(1, 2, 3, 4);
    }

    @Test
    void eightBitObInBigEndianIsReadAsIs() throws Exception {
        Attributes ds = module(true, 1, 4, 1, 8, 8, 0, "MONOCHROME2", 0, 1);
        pixels(ds, 0x7FE00010, VR.OB, bytes(2, 1, 4, 3));
        assertThat(values(PixelDecoder.decode(FILE, ds, BE))).containsExactly(2, 1, 4, 3);
    }

    @Test
    void oneBitFramesArePackedLeastSignificantBitFirstAcrossFrameBoundaries() throws Exception {
        // two frames of 3x3: 18 bits; frame 1 = bits 0..8, frame 2 = bits 9..17
        Attributes ds = module(false, 3, 3, 1, 1, 1, 0, "MONOCHROME2", 0, 2);
        // bits: frame1 1,0,1,0,0,0,0,1,1 ; frame2 0,1,1,0,0,0,0,0,1
        pixels(ds, 0x7FE00010, VR.OB, bytes(0b1000_0101, 0b0000_1101, 0b0000_0010, 0));
        PixelArray a = PixelDecoder.decode(FILE, ds, LE);
        assertThat(a.dtype()).isEqualTo(DType.UINT8);
        assertThat(a.shape()).containsExactly(2, 3, 3, 1);
        assertThat(values(a)).containsExactly(1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1);
        assertThat(values(PixelDecoder.decodeFrame(FILE, ds, LE, 1))).containsExactly(0, 1, 1, 0, 0, 0, 0, 0, 1);
    }

    @Test
    void planarConfigurationOneIsInterleaved() throws Exception {
        Attributes ds = module(false, 1, 2, 3, 8, 8, 0, "RGB", 1, 1);
        pixels(ds, 0x7FE00010, VR.OB, bytes(10, 11, 20, 21, 30, 31));
        assertThat(values(PixelDecoder.decode(FILE, ds, LE))).containsExactly(10, 20, 30, 11, 21, 31);
    }

    @Test
    void uncompressedYbrFull422IsExpandedToOneTripletPerPixel() throws Exception {
        Attributes ds = module(false, 1, 4, 3, 8, 8, 0, "YBR_FULL_422", 0, 1);
        pixels(ds, 0x7FE00010, VR.OB, bytes(1, 2, 100, 200, 3, 4, 101, 201));
        PixelArray a = PixelDecoder.decode(FILE, ds, LE);
        assertThat(a.shape()).containsExactly(1, 1, 4, 3);
        assertThat(values(a)).containsExactly(1, 100, 200, 2, 100, 200, 3, 101, 201, 4, 101, 201);
    }

    @Test
    void floatPixelDataIsFloat32AndDoubleFloatIsFloat64() throws Exception {
        Attributes ds = module(false, 1, 2, 1, 32, 32, 0, "MONOCHROME2", 0, 1);
        ds.remove(0x00280101);
        ds.remove(0x00280103);
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f);
        pixels(ds, 0x7FE00008, VR.OF, b.array());
        PixelArray a = PixelDecoder.decode(FILE, ds, LE);
        assertThat(a.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(values(a)).containsExactly(1.5, -2.0);

        Attributes dd = module(true, 1, 1, 1, 64, 64, 0, "MONOCHROME2", 0, 1);
        pixels(dd, 0x7FE00009, VR.OD, ByteBuffer.allocate(8).putDouble(Math.PI).array());
        PixelArray d = PixelDecoder.decode(FILE, dd, BE);
        assertThat(d.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(d.getDouble(0)).isEqualTo(Math.PI);
    }

    @Test
    void multiFrameDataHasOneEntryPerFrameAndFramesCanBeDecodedAlone() throws Exception {
        Attributes ds = module(false, 1, 2, 1, 16, 16, 0, "MONOCHROME2", 0, 3);
        pixels(ds, 0x7FE00010, VR.OW, shorts(false, 1, 2, 3, 4, 5, 65535));
        PixelArray a = PixelDecoder.decode(FILE, ds, LE);
        assertThat(a.shape()).containsExactly(3, 1, 2, 1);
        assertThat(a.dtype()).isEqualTo(DType.UINT16);
        assertThat(values(PixelDecoder.decodeFrame(FILE, ds, LE, 2))).containsExactly(5, 65535);
        assertThat(values(a.frame(1))).containsExactly(3, 4);
    }

    @Test
    void paddingAfterThePixelsIsIgnored() throws Exception {
        Attributes ds = module(false, 3, 3, 1, 8, 8, 0, "MONOCHROME2", 0, 1);
        pixels(ds, 0x7FE00010, VR.OB, new byte[10]);
        assertThat(PixelDecoder.decode(FILE, ds, LE).size()).isEqualTo(9);
    }

    @Test
    void shortPixelDataIsAnErrorNamingTheFileAndBothLengths() {
        Attributes ds = module(false, 4, 4, 1, 16, 16, 0, "MONOCHROME2", 0, 2);
        pixels(ds, 0x7FE00010, VR.OW, new byte[60]);
        assertThatThrownBy(() -> PixelDecoder.decode(FILE, ds, LE))
                .isInstanceOf(PixelDecodeException.class)
                .hasMessageStartingWith("test.dcm: (7FE0,0010) PixelData has 60 bytes, expected 64");
    }

    @Test
    void unsupportedSyntaxesAreNamedWithTheirUidAndName() {
        Attributes ds = module(false, 2, 2, 1, 16, 16, 0, "MONOCHROME2", 0, 1);
        ds.put(org.scanbase.dicom.DicomElement.ofFragments(0x7FE00010, VR.OB, new org.scanbase.dicom.Fragments(
                new long[0], java.util.List.of(new byte[] {(byte) 0xFF, (byte) 0xD8}), new long[] {0}), -1));
        assertThatThrownBy(() -> PixelDecoder.decode(FILE, ds, TransferSyntax.JPEG_LS_LOSSLESS))
                .isInstanceOf(PixelDecodeException.class)
                .hasMessage("test.dcm: unsupported transfer syntax 1.2.840.10008.1.2.4.80 (JPEG-LS Lossless Image Compression)");
        Attributes twelve = module(false, 2, 2, 1, 16, 12, 0, "MONOCHROME2", 0, 1);
        twelve.put(ds.getOrNull(0x7FE00010));
        assertThatThrownBy(() -> PixelDecoder.decode(FILE, twelve, TransferSyntax.JPEG_EXTENDED))
                .hasMessageContaining("unsupported transfer syntax 1.2.840.10008.1.2.4.51 (JPEG Extended (Process 2 & 4))");
    }

    @Test
    void missingRowsIsAnErrorNamingTheTag() {
        Attributes ds = module(false, 1, 1, 1, 8, 8, 0, "MONOCHROME2", 0, 1);
        ds.remove(0x00280010);
        pixels(ds, 0x7FE00010, VR.OB, new byte[2]);
        assertThatThrownBy(() -> PixelDecoder.decode(FILE, ds, LE))
                .isInstanceOf(PixelDecodeException.class)
                .hasMessage("test.dcm: (0028,0010) Rows is missing");
    }
}
