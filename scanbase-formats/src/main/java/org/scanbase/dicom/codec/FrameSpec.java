// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.codec;

/**
 * What a codec needs to know about one frame, from the Image Pixel module (PS3.3 C.7.6.3).
 *
 * @param rows                (0028,0010) Rows
 * @param columns             (0028,0011) Columns
 * @param samplesPerPixel     (0028,0002) SamplesPerPixel
 * @param bitsAllocated       (0028,0100) BitsAllocated: 8, 16 or 32 for compressed data
 * @param bitsStored          (0028,0101) BitsStored
 * @param signed              (0028,0103) PixelRepresentation is 1
 * @param photometric         (0028,0004) PhotometricInterpretation
 */
public record FrameSpec(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored,
                        boolean signed, String photometric) {

    /** Bytes per sample of the decoded frame: BitsAllocated / 8 (1 for 1-bit data). */
    public int bytesPerSample() {
        return Math.max(1, bitsAllocated / 8);
    }

    /** Length in bytes of one decoded frame: rows x columns x samples x bytes per sample. */
    public int frameBytes() {
        return Math.multiplyExact(Math.multiplyExact(rows, columns),
                Math.multiplyExact(samplesPerPixel, bytesPerSample()));
    }
}
