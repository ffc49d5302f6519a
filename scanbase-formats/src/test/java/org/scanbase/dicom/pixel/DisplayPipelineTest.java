// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

import org.scanbase.array.DType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomElement;
import org.scanbase.dicom.VR;

class DisplayPipelineTest {

    private static PixelArray int16(int... v) {
        short[] s = new short[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = (short) v[i];
        }
        return new PixelArray(DType.INT16, new int[] {1, 1, v.length, 1}, s);
    }

    @Test
    void linearWindowFollowsTheEquationOfC11212() {
        VoiWindow w = VoiWindow.linear(40, 400);
        // (c - 0.5) - (w - 1)/2 = -160 is the last input at the bottom; (c - 0.5) + (w - 1)/2 = 239 the top
        assertThat(w.apply(-160, 0, 255)).isEqualTo(0);
        assertThat(w.apply(240, 0, 255)).isEqualTo(255);
        assertThat(w.apply(39.5, 0, 255)).isEqualTo(127.5);
    }

    @Test
    void linearExactAndSigmoidAreCentredOnTheCenter() {
        assertThat(new VoiWindow(100, 50, VoiWindow.Function.LINEAR_EXACT).apply(100, 0, 1)).isEqualTo(0.5);
        assertThat(new VoiWindow(100, 50, VoiWindow.Function.LINEAR_EXACT).apply(75, 0, 1)).isEqualTo(0);
        assertThat(new VoiWindow(100, 50, VoiWindow.Function.SIGMOID).apply(100, 0, 255)).isEqualTo(127.5);
        assertThat(new VoiWindow(0, 4, VoiWindow.Function.SIGMOID).apply(1, 0, 1)).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-12));
    }

    @Test
    void widthsOutsideTheStandardsRangeAreRejectedNamingTheTag() {
        assertThatThrownBy(() -> new VoiWindow(0, 0, VoiWindow.Function.SIGMOID))
                .hasMessage("(0028,1051) WindowWidth must be > 0 for SIGMOID, was 0");
        assertThatThrownBy(() -> VoiWindow.linear(0, 0.5))
                .hasMessage("(0028,1051) WindowWidth must be >= 1 for LINEAR, was 0.5");
    }

    @Test
    void modalityLutReturnsItsInputWhenThereIsNoRescale() {
        PixelArray a = int16(1, 2);
        assertThat(ModalityLut.apply(new Attributes(), a, 0)).isSameAs(a);
    }

    @Test
    void rescaleSlopeAndInterceptGiveFloatModalityValues() {
        Attributes ds = new Attributes();
        TestImages.str(ds, 0x00281052, VR.DS, "-1024");
        TestImages.str(ds, 0x00281053, VR.DS, "2");
        PixelArray m = ModalityLut.apply(ds, int16(0, 10), 0);
        assertThat(m.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(m.getDouble(1)).isEqualTo(-1004);
    }

    @Test
    void perFrameRescaleComesFromThePixelValueTransformationGroup() {
        Attributes pvt = new Attributes();
        TestImages.str(pvt, 0x00281052, VR.DS, "5");
        TestImages.str(pvt, 0x00281053, VR.DS, "1");
        Attributes group = new Attributes();
        group.put(DicomElement.ofItems(0x00289145, List.of(pvt), -1));
        Attributes empty = new Attributes();
        Attributes ds = new Attributes();
        ds.put(DicomElement.ofItems(0x52009230, List.of(empty, group), -1));
        assertThat(ModalityLut.rescale(ds, 1)).contains(new ModalityLut.Rescale(1, 5));
        assertThat(ModalityLut.rescale(ds, 0)).isEmpty();
    }

    @Test
    void windowsAreReadFromTheDataSetAndPickedByIndex() {
        Attributes ds = new Attributes();
        TestImages.str(ds, 0x00281050, VR.DS, "40\\300");
        TestImages.str(ds, 0x00281051, VR.DS, "400\\1500");
        assertThat(VoiLut.windows(ds, 0)).containsExactly(VoiWindow.linear(40, 400), VoiWindow.linear(300, 1500));
        PixelArray out = VoiLut.apply(ds, int16(300 - 1), 0, 1, 0, 1);
        assertThat(out.getDouble(0)).isCloseTo(0.5, within(1e-3));
        assertThatThrownBy(() -> VoiLut.apply(ds, int16(0), 0, 2, 0, 1)).hasMessageContaining("no VOI transform 2");
    }

    @Test
    void ybrFullConvertsToRgbWithTheBt601Equations() {
        // pure red in JFIF YCbCr: Y 76, Cb 85, Cr 255 (the values pydicom shows for SC_rgb_jpeg_dcmtk.dcm)
        PixelArray ybr = new PixelArray(DType.UINT8, new int[] {1, 1, 1, 3}, new byte[] {76, 85, (byte) 255});
        PixelArray rgb = ColorConversion.toRgb(ybr, "YBR_FULL", 8);
        assertThat(rgb.getDouble(0)).isCloseTo(254, within(1.0));
        assertThat(rgb.getDouble(1)).isCloseTo(0, within(1.0));
        assertThat(rgb.getDouble(2)).isCloseTo(0, within(1.0));
        assertThat(ColorConversion.toRgb(ybr, "RGB", 8)).isSameAs(ybr);
    }

    @Test
    void segmentedPalettesExpandDiscreteAndLinearSegments() {
        int[] lut = PaletteColor.expandSegments(new int[] {0, 2, 10, 20, 1, 4, 60}, 6, 0x00281221);
        assertThat(lut).containsExactly(10, 20, 30, 40, 50, 60);
    }
}
