// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

import org.scanbase.array.DType;
import java.util.ArrayList;
import java.util.List;
import org.scanbase.dicom.Attributes;

/**
 * The VOI LUT step, PS3.3 C.11.2: modality values to display values, by a window (WindowCenter
 * / WindowWidth with a VOILUTFunction) or by a (0028,3010) VOILUTSequence. A data set may offer
 * several of either; callers pick one by index. Enhanced multi-frame objects carry windows in
 * the Frame VOI LUT functional group (C.7.6.16.2.10), per frame or shared.
 */
public final class VoiLut {
    static final int WINDOW_CENTER = 0x00281050;
    static final int WINDOW_WIDTH = 0x00281051;
    static final int VOI_LUT_FUNCTION = 0x00281056;
    static final int VOI_LUT_SEQUENCE = 0x00283010;
    static final int FRAME_VOI_LUT = 0x00289132;

    private VoiLut() {
    }

    /**
     * The windows a frame (0-based) offers: from its per-frame Frame VOI LUT group, else the
     * shared one, else the top-level attributes. Empty when there is none.
     *
     * @throws IllegalArgumentException naming the tag when centre and width counts differ or a
     *                                  width is invalid for its function
     */
    public static List<VoiWindow> windows(Attributes ds, int frame) {
        List<Attributes> perFrame = ds.getSequence(ModalityLut.PER_FRAME_FUNCTIONAL_GROUPS);
        if (frame < perFrame.size()) {
            List<VoiWindow> w = perFrame.get(frame).getItem(FRAME_VOI_LUT).map(VoiLut::fromAttributes).orElse(List.of());
            if (!w.isEmpty()) {
                return w;
            }
        }
        List<VoiWindow> shared = ds.getItem(ModalityLut.SHARED_FUNCTIONAL_GROUPS)
                .flatMap(g -> g.getItem(FRAME_VOI_LUT)).map(VoiLut::fromAttributes).orElse(List.of());
        return shared.isEmpty() ? fromAttributes(ds) : shared;
    }

    private static List<VoiWindow> fromAttributes(Attributes a) {
        double[] c = a.getDoubles(WINDOW_CENTER);
        double[] w = a.getDoubles(WINDOW_WIDTH);
        if (c.length == 0 && w.length == 0) {
            return List.of();
        }
        if (c.length != w.length) {
            throw new IllegalArgumentException("(0028,1050) WindowCenter has " + c.length
                    + " values but (0028,1051) WindowWidth has " + w.length);
        }
        VoiWindow.Function f = a.getString(VOI_LUT_FUNCTION).filter(s -> !s.isBlank())
                .map(VoiWindow.Function::fromCode).orElse(VoiWindow.Function.LINEAR);
        List<VoiWindow> out = new ArrayList<>();
        for (int i = 0; i < c.length; i++) {
            out.add(new VoiWindow(c[i], w[i], f));
        }
        return out;
    }

    /** The LUTs of (0028,3010) VOILUTSequence, in order; empty when absent. */
    public static List<Lut> luts(Attributes ds) {
        List<Lut> out = new ArrayList<>();
        for (Attributes item : ds.getSequence(VOI_LUT_SEQUENCE)) {
            out.add(Lut.read(item, ModalityLut.LUT_DESCRIPTOR, ModalityLut.LUT_DATA));
        }
        return out;
    }

    /** Windowed values, float64 in {@code [yMin, yMax]}. */
    public static PixelArray apply(PixelArray in, VoiWindow w, double yMin, double yMax) {
        PixelArray out = PixelArray.allocate(DType.FLOAT64, in.shape());
        double[] d = (double[]) out.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = w.apply(in.getDouble(i), yMin, yMax);
        }
        return out;
    }

    /** Values through a VOI LUT (C.11.2.1.1), uint16. */
    public static PixelArray apply(PixelArray in, Lut lut) {
        PixelArray out = PixelArray.allocate(DType.UINT16, in.shape());
        short[] d = (short[]) out.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (short) lut.lookup(in.getDouble(i));
        }
        return out;
    }

    /**
     * The data set's own VOI transform number {@code index} applied to frames {@code firstFrame..}:
     * window {@code index} when the data set has windows (output float64 in {@code [yMin, yMax]}),
     * else VOI LUT {@code index} (uint16), else {@code in} itself.
     *
     * @throws IllegalArgumentException when there are windows or LUTs but none with that index
     */
    public static PixelArray apply(Attributes ds, PixelArray in, int firstFrame, int index, double yMin, double yMax) {
        List<VoiWindow> w = windows(ds, firstFrame);
        if (!w.isEmpty()) {
            checkIndex(index, w.size(), "(0028,1050) WindowCenter");
            return apply(in, w.get(index), yMin, yMax);
        }
        List<Lut> luts = luts(ds);
        if (!luts.isEmpty()) {
            checkIndex(index, luts.size(), "(0028,3010) VOILUTSequence");
            return apply(in, luts.get(index));
        }
        return in;
    }

    private static void checkIndex(int index, int n, String what) {
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException(what + " has " + n + " value(s); no VOI transform " + index);
        }
    }
}
