// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import org.scanbase.array.NdArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.scanbase.dicom.pixel.ImagePixel;
import org.scanbase.dicom.pixel.PixelArray;
import org.scanbase.dicom.pixel.PixelDecoder;

/**
 * The {@code scanbase inspect --json [--pixels]} document of a DICOM file (DESIGN.md, "Stable
 * command-line contract"), as plain maps, lists, strings, numbers, booleans and nulls that any
 * JSON writer can print:
 * <pre>
 * {"format": "dicom", "path", "transferSyntaxUID",
 *  "attributes": {keyword or "GGGGEEEE": value},
 *  "shape": [frames, rows, columns, samples],            (only with pixel data)
 *  "spacing": [row mm, column mm(, slice thickness mm)],  (null without PixelSpacing)
 *  "affine": 4x4 RAS,                                      (null without the plane geometry)
 *  "pixels": {"shape", "dtype", "min", "max", "mean", "channel_mean" (colour only), "sha256"}}
 * </pre>
 *
 * <p>Choices made here:
 * <ul>
 *   <li>{@code attributes} is the data set only, as pydicom's {@code dcmread} data set: the
 *       File Meta Information group (0002,xxxx) is not in it; its Transfer Syntax UID is the
 *       top-level {@code transferSyntaxUID} (the syntax the reader used when the file has no
 *       meta group).</li>
 *   <li>{@code spacing} is (0028,0030) PixelSpacing as the file gives it, row spacing (between
 *       the centres of adjacent rows) then column spacing, in mm, followed by (0018,0050)
 *       SliceThickness when present. No other spacing attribute is consulted.</li>
 *   <li>{@code affine} maps voxel indices (i = column, j = row, k = slice, 0-based) to RAS mm
 *       as a NIfTI sform does: PS3.3 C.7.6.2.1.1 gives the LPS position of pixel (i, j) from
 *       ImagePositionPatient, ImageOrientationPatient and PixelSpacing; the third column is the
 *       slice normal (row cosine x column cosine) times SpacingBetweenSlices, else
 *       SliceThickness, else 1 mm; LPS becomes RAS by negating the first two rows.</li>
 *   <li>{@code shape} comes from the Image Pixel module (PS3.3 C.7.6.3) and is omitted when
 *       the file has no pixel data, or when the module is too broken to give one (inspection
 *       without {@code pixels} should still show such a file's attributes).</li>
 *   <li>Non-finite floating-point values become the strings {@code "NaN"}, {@code "Infinity"}
 *       and {@code "-Infinity"}, as JSON has no literal for them.</li>
 * </ul>
 */
public final class DicomInspector {
    private static final int PIXEL_SPACING = 0x00280030;
    private static final int SLICE_THICKNESS = 0x00180050;
    private static final int SPACING_BETWEEN_SLICES = 0x00180088;
    private static final int IMAGE_POSITION_PATIENT = 0x00200032;
    private static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;

    private DicomInspector() {
    }

    /**
     * The inspect document of a DICOM file.
     *
     * @param file   the file
     * @param pixels whether to decode the pixel data and add the {@code pixels} summary
     * @throws IOException {@link DicomParseException} for a malformed file,
     *                     {@link org.scanbase.dicom.pixel.PixelDecodeException} when {@code pixels}
     *                     is asked and the pixel data cannot be decoded
     */
    public static Map<String, Object> inspect(Path file, boolean pixels) throws IOException {
        DicomFile dcm = DicomReader.read(file);
        Attributes ds = dcm.dataset();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", "dicom");
        out.put("path", file.toString());
        out.put("transferSyntaxUID", dcm.transferSyntax().uid());
        out.put("attributes", jsonSafe(Values.toMap(ds)));
        boolean hasPixels = ImagePixel.pixelTagOf(ds) != -1;
        if (hasPixels) {
            int[] shape = headerShape(ds);
            if (shape != null) {
                out.put("shape", toList(shape));
            }
        }
        out.put("spacing", spacing(ds));
        out.put("affine", affine(ds));
        if (pixels && hasPixels) {
            out.put("pixels", pixelSummary(PixelDecoder.decode(file, ds, dcm.transferSyntax())));
        }
        return out;
    }

    private static int[] headerShape(Attributes ds) {
        try {
            return ImagePixel.of(ds).shape();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code {"shape", "dtype", "min", "max", "mean", "channel_mean" (colour only), "sha256"}}. */
    public static Map<String, Object> pixelSummary(PixelArray px) {
        NdArray.Stats stats = px.stats();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shape", toList(px.shape()));
        out.put("dtype", px.dtype().numpyName());
        out.put("min", number(stats.min()));
        out.put("max", number(stats.max()));
        out.put("mean", number(stats.mean()));
        if (px.samples() > 1) {
            List<Object> cm = new ArrayList<>();
            for (double d : stats.channelMean()) {
                cm.add(number(d));
            }
            out.put("channel_mean", cm);
        }
        out.put("sha256", px.sha256());
        return out;
    }

    /** PixelSpacing [row, column] then SliceThickness, in mm; null without PixelSpacing. */
    static List<Object> spacing(Attributes ds) {
        double[] ps = doublesOrEmpty(ds, PIXEL_SPACING);
        if (ps.length != 2) {
            return null;
        }
        List<Object> out = new ArrayList<>(List.of(number(ps[0]), number(ps[1])));
        double[] st = doublesOrEmpty(ds, SLICE_THICKNESS);
        if (st.length == 1) {
            out.add(number(st[0]));
        }
        return out;
    }

    /**
     * The voxel-to-RAS affine of a single image plane (see the class comment), rows of 4; null
     * when ImagePositionPatient, ImageOrientationPatient or PixelSpacing is absent or malformed.
     */
    static List<Object> affine(Attributes ds) {
        double[] ipp = doublesOrEmpty(ds, IMAGE_POSITION_PATIENT);
        double[] iop = doublesOrEmpty(ds, IMAGE_ORIENTATION_PATIENT);
        double[] ps = doublesOrEmpty(ds, PIXEL_SPACING);
        if (ipp.length != 3 || iop.length != 6 || ps.length != 2) {
            return null;
        }
        double[] r = {iop[0], iop[1], iop[2]};
        double[] c = {iop[3], iop[4], iop[5]};
        double[] n = {r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]};
        double dk = firstPositive(ds, SPACING_BETWEEN_SLICES).orElse(firstPositive(ds, SLICE_THICKNESS).orElse(1.0));
        // PS3.3 C.7.6.2.1.1: column index i moves along the row cosine by the column spacing
        // PixelSpacing[1], row index j along the column cosine by the row spacing PixelSpacing[0].
        double[][] lps = new double[4][4];
        for (int a = 0; a < 3; a++) {
            lps[a][0] = r[a] * ps[1];
            lps[a][1] = c[a] * ps[0];
            lps[a][2] = n[a] * dk;
            lps[a][3] = ipp[a];
        }
        lps[3][3] = 1;
        List<Object> rows = new ArrayList<>();
        for (int a = 0; a < 4; a++) {
            double sign = a < 2 ? -1 : 1; // LPS -> RAS
            List<Object> row = new ArrayList<>();
            for (int b = 0; b < 4; b++) {
                row.add(number(sign * lps[a][b] + 0.0)); // + 0.0 turns -0.0 into 0.0
            }
            rows.add(row);
        }
        return rows;
    }

    private static OptionalDouble firstPositive(Attributes ds, int tag) {
        double[] v = doublesOrEmpty(ds, tag);
        return v.length >= 1 && v[0] > 0 ? OptionalDouble.of(v[0]) : OptionalDouble.empty();
    }

    /** Numeric values, or none when absent or not numbers (geometry is then simply not given). */
    private static double[] doublesOrEmpty(Attributes ds, int tag) {
        try {
            double[] v = ds.getDoubles(tag);
            for (double d : v) {
                if (!Double.isFinite(d)) {
                    return new double[0];
                }
            }
            return v;
        } catch (IllegalArgumentException e) {
            return new double[0];
        }
    }

    private static List<Object> toList(int[] a) {
        List<Object> out = new ArrayList<>();
        for (int v : a) {
            out.add(v);
        }
        return out;
    }

    /** A double as JSON can hold it: integral values stay doubles, non-finite ones become strings. */
    static Object number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return d;
    }

    /** A copy of a Values tree with non-finite floats replaced by strings (see {@link #number}). */
    @SuppressWarnings("unchecked")
    public static Object jsonSafe(Object v) {
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof Float f) {
            return number(f);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), jsonSafe(e.getValue()));
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(jsonSafe(o));
            }
            return out;
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonSafe(Map<String, Object> m) {
        return (Map<String, Object>) jsonSafe((Object) m);
    }
}
