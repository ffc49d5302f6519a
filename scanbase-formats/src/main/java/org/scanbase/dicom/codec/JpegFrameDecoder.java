// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.codec;

import java.io.IOException;

/**
 * JPEG frames (PS3.5 A.4.1): decoded by an ImageIO reader into raw component values, with the
 * two things a DICOM reader must add on top of a JPEG library.
 * <ul>
 *   <li>An Adobe APP14 segment shorter than its 12 data bytes is dropped before decoding, as
 *       libjpeg ignores it (TwelveMonkeys rejects the whole stream).</li>
 *   <li>When the data set says RGB but a complete Adobe APP14 segment says the stream holds
 *       YCbCr, the values are converted to RGB; otherwise the Photometric Interpretation is
 *       authoritative and values are returned as stored (YBR_FULL / YBR_FULL_422 stay YCbCr, in
 *       the colour space the file declares).</li>
 * </ul>
 */
final class JpegFrameDecoder implements FrameDecoder {
    private final FrameDecoder raw;

    JpegFrameDecoder(FrameDecoder raw) {
        this.raw = raw;
    }

    @Override
    public byte[] decode(byte[] encoded, FrameSpec spec) throws IOException {
        JpegMarkers markers = JpegMarkers.scan(encoded);
        byte[] stream = markers.withoutTruncatedApp14(encoded);
        byte[] out = raw.decode(stream, spec);
        if (spec.samplesPerPixel() == 3 && spec.bitsAllocated() == 8 && "RGB".equals(spec.photometric())
                && markers.holdsYcbcr()) {
            yccToRgb(out);
        }
        return out;
    }

    /** JFIF YCbCr (full range, PS3.3 C.7.6.3.1.2 YBR_FULL) to RGB, in place, 8-bit interleaved. */
    static void yccToRgb(byte[] px) {
        for (int p = 0; p + 2 < px.length; p += 3) {
            double y = px[p] & 0xFF;
            double cb = (px[p + 1] & 0xFF) - 128.0;
            double cr = (px[p + 2] & 0xFF) - 128.0;
            px[p] = clamp(y + 1.402 * cr);
            px[p + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
            px[p + 2] = clamp(y + 1.772 * cb);
        }
    }

    private static byte clamp(double v) {
        long r = Math.round(v);
        return (byte) (r < 0 ? 0 : r > 255 ? 255 : r);
    }
}
