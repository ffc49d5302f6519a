// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

/**
 * How {@link DicomReader} reads a file.
 *
 * @param stopTag   reading stops before the first top-level element whose tag is, compared
 *                  unsigned, at least this one; -1 reads to the end. The one exception: when the
 *                  stop tag is (7FE0,0010) Pixel Data and {@code pixelData} is REFERENCE, Pixel
 *                  Data itself is recorded as a {@link BulkData} reference (after checking that
 *                  its value fits in the file) and reading stops after it
 * @param pixelData what to do with top-level Pixel Data: load it, or keep a reference to it
 * @param strict    throw {@link DicomParseException} on problems that lenient mode lets pass
 *                  with a warning (odd lengths, unknown VR codes, stray delimiters)
 */
public record ReadOptions(int stopTag, BulkDataPolicy pixelData, boolean strict) {
    public ReadOptions {
        if (pixelData == null) {
            throw new IllegalArgumentException("pixelData policy must not be null");
        }
    }

    /** Everything, Pixel Data loaded, lenient. */
    public static ReadOptions full() {
        return new ReadOptions(-1, BulkDataPolicy.LOAD, false);
    }

    /**
     * The header: every element before Pixel Data, and Pixel Data as a reference checked to lie
     * inside the file; no pixel byte is read. Lenient.
     */
    public static ReadOptions headerOnly() {
        return new ReadOptions(Tags.PixelData, BulkDataPolicy.REFERENCE, false);
    }

    /** The same options, strict or lenient. */
    public ReadOptions withStrict(boolean strict) {
        return new ReadOptions(stopTag, pixelData, strict);
    }
}
