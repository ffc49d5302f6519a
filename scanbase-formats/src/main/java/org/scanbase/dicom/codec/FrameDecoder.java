// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.codec;

import java.io.IOException;

/**
 * Decodes one compressed frame to native pixel data: little-endian samples of BitsAllocated
 * bits, sample-interleaved (as PlanarConfiguration 0), {@link FrameSpec#frameBytes()} long.
 * Values are as the codec stores them; masking to BitsStored and sign extension are left to
 * the caller, as they are for uncompressed data.
 */
@FunctionalInterface
public interface FrameDecoder {
    /**
     * @param encoded the frame's compressed bytes (its fragments concatenated)
     * @param spec    the frame's geometry and bit depth
     * @return native little-endian interleaved samples
     * @throws IOException when the data is corrupt or does not match {@code spec}
     */
    byte[] decode(byte[] encoded, FrameSpec spec) throws IOException;
}
