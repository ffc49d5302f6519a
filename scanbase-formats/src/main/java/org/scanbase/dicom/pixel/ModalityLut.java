// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

import org.scanbase.array.DType;
import java.util.List;
import java.util.Optional;
import org.scanbase.dicom.Attributes;

/**
 * The Modality LUT step, PS3.3 C.11.1: stored values to modality values (e.g. Hounsfield units)
 * by (0028,1053) RescaleSlope and (0028,1052) RescaleIntercept, or by a (0028,3000)
 * ModalityLUTSequence. Enhanced multi-frame objects carry the rescale in the Pixel Value
 * Transformation functional group (C.7.6.16.2.9), per frame or shared.
 */
public final class ModalityLut {
    static final int RESCALE_INTERCEPT = 0x00281052;
    static final int RESCALE_SLOPE = 0x00281053;
    static final int MODALITY_LUT_SEQUENCE = 0x00283000;
    static final int LUT_DESCRIPTOR = 0x00283002;
    static final int LUT_DATA = 0x00283006;
    static final int SHARED_FUNCTIONAL_GROUPS = 0x52009229;
    static final int PER_FRAME_FUNCTIONAL_GROUPS = 0x52009230;
    static final int PIXEL_VALUE_TRANSFORMATION = 0x00289145;

    private ModalityLut() {
    }

    /** Slope and intercept: output = slope x stored + intercept. */
    public record Rescale(double slope, double intercept) {
    }

    /**
     * Applies the modality LUT to the frames of {@code stored}, which are frames
     * {@code firstFrame..} of the data set. Returns {@code stored} itself when the data set has no
     * rescale and no Modality LUT; float64 values for a rescale; LUT outputs (uint16) for a LUT.
     */
    public static PixelArray apply(Attributes ds, PixelArray stored, int firstFrame) {
        List<Attributes> lutSeq = ds.getSequence(MODALITY_LUT_SEQUENCE);
        if (!lutSeq.isEmpty()) {
            Lut lut = Lut.read(lutSeq.get(0), LUT_DESCRIPTOR, LUT_DATA);
            PixelArray out = PixelArray.allocate(DType.UINT16, stored.shape());
            short[] d = (short[]) out.data();
            for (int i = 0; i < d.length; i++) {
                d[i] = (short) lut.lookup(stored.getDouble(i));
            }
            return out;
        }
        int frames = stored.frames();
        Rescale[] r = new Rescale[frames];
        boolean any = false;
        for (int f = 0; f < frames; f++) {
            Optional<Rescale> fr = rescale(ds, firstFrame + f);
            r[f] = fr.orElse(new Rescale(1, 0));
            any |= fr.isPresent();
        }
        if (!any) {
            return stored;
        }
        PixelArray out = PixelArray.allocate(DType.FLOAT64, stored.shape());
        double[] d = (double[]) out.data();
        int len = stored.frameLength();
        for (int i = 0; i < d.length; i++) {
            Rescale fr = r[i / len];
            d[i] = stored.getDouble(i) * fr.slope() + fr.intercept();
        }
        return out;
    }

    /**
     * The rescale of a frame (0-based): from its per-frame Pixel Value Transformation group, else
     * the shared one, else the top-level attributes; empty when none has a slope or intercept.
     */
    public static Optional<Rescale> rescale(Attributes ds, int frame) {
        List<Attributes> perFrame = ds.getSequence(PER_FRAME_FUNCTIONAL_GROUPS);
        if (frame < perFrame.size()) {
            Optional<Rescale> r = fromGroup(perFrame.get(frame));
            if (r.isPresent()) {
                return r;
            }
        }
        Optional<Rescale> shared = ds.getItem(SHARED_FUNCTIONAL_GROUPS).flatMap(ModalityLut::fromGroup);
        return shared.isPresent() ? shared : fromAttributes(ds);
    }

    private static Optional<Rescale> fromGroup(Attributes group) {
        return group.getItem(PIXEL_VALUE_TRANSFORMATION).flatMap(ModalityLut::fromAttributes);
    }

    private static Optional<Rescale> fromAttributes(Attributes a) {
        if (!a.contains(RESCALE_SLOPE) && !a.contains(RESCALE_INTERCEPT)) {
            return Optional.empty();
        }
        double slope = a.getDouble(RESCALE_SLOPE).orElse(1);
        double intercept = a.getDouble(RESCALE_INTERCEPT).orElse(0);
        return Optional.of(new Rescale(Double.isNaN(slope) ? 1 : slope, Double.isNaN(intercept) ? 0 : intercept));
    }
}
