// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

import org.scanbase.array.DType;
import java.util.Locale;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.codec.FrameSpec;

/**
 * The attributes of the Image Pixel module (PS3.3 C.7.6.3) and of the Floating Point Image
 * Pixel modules (C.7.6.24, C.7.6.25) that say how to read Pixel Data, checked when read.
 *
 * @param pixelTag            which element holds the pixels: (7FE0,0010) PixelData,
 *                            (7FE0,0008) FloatPixelData or (7FE0,0009) DoubleFloatPixelData
 * @param rows                (0028,0010) Rows
 * @param columns             (0028,0011) Columns
 * @param samplesPerPixel     (0028,0002) SamplesPerPixel
 * @param photometric         (0028,0004) PhotometricInterpretation, upper case, trimmed
 * @param planarConfiguration (0028,0006) PlanarConfiguration: 0 interleaved, 1 one plane per sample
 * @param frames              (0028,0008) NumberOfFrames, 1 when absent
 * @param bitsAllocated       (0028,0100) BitsAllocated
 * @param bitsStored          (0028,0101) BitsStored (= BitsAllocated for float data)
 * @param pixelRepresentation (0028,0103) PixelRepresentation: 0 unsigned, 1 two's complement
 */
public record ImagePixel(int pixelTag, int rows, int columns, int samplesPerPixel, String photometric,
                         int planarConfiguration, int frames, int bitsAllocated, int bitsStored,
                         int pixelRepresentation) {
    /** (7FE0,0010) Pixel Data. */
    public static final int PIXEL_DATA = 0x7FE00010;
    /** (7FE0,0008) Float Pixel Data. */
    public static final int FLOAT_PIXEL_DATA = 0x7FE00008;
    /** (7FE0,0009) Double Float Pixel Data. */
    public static final int DOUBLE_FLOAT_PIXEL_DATA = 0x7FE00009;

    static final int SAMPLES_PER_PIXEL = 0x00280002;
    static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
    static final int PLANAR_CONFIGURATION = 0x00280006;
    static final int NUMBER_OF_FRAMES = 0x00280008;
    static final int ROWS = 0x00280010;
    static final int COLUMNS = 0x00280011;
    static final int BITS_ALLOCATED = 0x00280100;
    static final int BITS_STORED = 0x00280101;
    static final int PIXEL_REPRESENTATION = 0x00280103;

    /** The pixel data tag present in a data set (Pixel Data first), or -1 when there is none. */
    public static int pixelTagOf(Attributes ds) {
        for (int t : new int[] {PIXEL_DATA, FLOAT_PIXEL_DATA, DOUBLE_FLOAT_PIXEL_DATA}) {
            if (ds.contains(t)) {
                return t;
            }
        }
        return -1;
    }

    /**
     * Reads and checks the module.
     *
     * @throws IllegalArgumentException naming the tag and value when one is missing or invalid
     */
    public static ImagePixel of(Attributes ds) {
        int tag = pixelTagOf(ds);
        if (tag == -1) {
            throw new IllegalArgumentException("no (7FE0,0010) PixelData, (7FE0,0008) FloatPixelData"
                    + " or (7FE0,0009) DoubleFloatPixelData");
        }
        boolean floating = tag != PIXEL_DATA;
        int rows = required(ds, ROWS, "Rows");
        int columns = required(ds, COLUMNS, "Columns");
        int spp = ds.getInt(SAMPLES_PER_PIXEL, 1);
        String pi = ds.getString(PHOTOMETRIC_INTERPRETATION).orElse(spp == 1 ? "MONOCHROME2" : "RGB")
                .trim().toUpperCase(Locale.ROOT);
        int planar = ds.getInt(PLANAR_CONFIGURATION, 0);
        int frames = ds.getInt(NUMBER_OF_FRAMES, 1);
        int ba = required(ds, BITS_ALLOCATED, "BitsAllocated");
        int bs = floating ? ba : ds.getInt(BITS_STORED, ba);
        int pr = floating ? 0 : ds.getInt(PIXEL_REPRESENTATION, 0);
        check(rows > 0, "(0028,0010) Rows must be > 0, was " + rows);
        check(columns > 0, "(0028,0011) Columns must be > 0, was " + columns);
        check(spp >= 1 && spp <= 4, "(0028,0002) SamplesPerPixel must be 1 to 4, was " + spp);
        check(planar == 0 || planar == 1, "(0028,0006) PlanarConfiguration must be 0 or 1, was " + planar);
        check(frames >= 1, "(0028,0008) NumberOfFrames must be >= 1, was " + frames);
        check(bs >= 1 && bs <= ba, "(0028,0101) BitsStored must be 1 to BitsAllocated (" + ba + "), was " + bs);
        DType.forStoredValues(ba, pr, floating); // checks BitsAllocated and PixelRepresentation
        return new ImagePixel(tag, rows, columns, spp, pi, planar, frames, ba, bs, pr);
    }

    private static int required(Attributes ds, int tag, String keyword) {
        return ds.getInt(tag).orElseThrow(() -> new IllegalArgumentException(
                org.scanbase.dicom.Tag.toString(tag) + " " + keyword + " is missing"));
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public boolean floating() {
        return pixelTag != PIXEL_DATA;
    }

    public boolean signed() {
        return pixelRepresentation == 1;
    }

    /** The dtype of the stored values, as pydicom's {@code pixel_dtype}. */
    public DType dtype() {
        return DType.forStoredValues(bitsAllocated, pixelRepresentation, floating());
    }

    /** {@code [frames, rows, columns, samples]}. */
    public int[] shape() {
        return new int[] {frames, rows, columns, samplesPerPixel};
    }

    /** Values in one frame. */
    public long frameValues() {
        return (long) rows * columns * samplesPerPixel;
    }

    /** True for uncompressed YBR_FULL_422, stored as Y Y Cb Cr per pair of pixels (PS3.3 C.7.6.3.1.2). */
    public boolean subsampled422() {
        return "YBR_FULL_422".equals(photometric) && samplesPerPixel == 3;
    }

    /** The frame description codecs get. */
    public FrameSpec frameSpec() {
        return new FrameSpec(rows, columns, samplesPerPixel, bitsAllocated, bitsStored, signed(), photometric);
    }

    /** The module keyword of the pixel element, for messages. */
    public String pixelKeyword() {
        return switch (pixelTag) {
            case FLOAT_PIXEL_DATA -> "(7FE0,0008) FloatPixelData";
            case DOUBLE_FLOAT_PIXEL_DATA -> "(7FE0,0009) DoubleFloatPixelData";
            default -> "(7FE0,0010) PixelData";
        };
    }
}
