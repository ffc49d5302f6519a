// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.codec;

import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import org.scanbase.dicom.TransferSyntax;

/**
 * The codecs scanbase has, by transfer syntax UID (an explicit registry: nothing is looked up
 * by class name). ImageIO readers are created from their service providers directly, so the
 * lookup works from a shaded jar whose {@code META-INF/services} files were merged or lost.
 *
 * <ul>
 *   <li>RLE Lossless: {@link RleDecoder};</li>
 *   <li>JPEG Baseline, Extended (8-bit only), Lossless (process 14, and SV1): TwelveMonkeys;</li>
 *   <li>JPEG 2000 (lossless only and lossy): jai-imageio.</li>
 * </ul>
 * JPEG-LS, HTJ2K, MPEG/H.264 video and 12-bit lossy JPEG have no decoder.
 */
public final class FrameDecoders {
    private static final FrameDecoder RLE = new RleDecoder();
    private static final FrameDecoder JPEG =
            new JpegFrameDecoder(new ImageIoDecoder("JPEG", FrameDecoders::jpegReader, false));
    private static final FrameDecoder JPEG_2000 = new ImageIoDecoder("JPEG 2000", FrameDecoders::j2kReader, true);

    private static final Map<String, FrameDecoder> BY_UID = Map.of(
            TransferSyntax.RLE_LOSSLESS.uid(), RLE,
            TransferSyntax.JPEG_BASELINE.uid(), JPEG,
            TransferSyntax.JPEG_EXTENDED.uid(), JPEG,
            TransferSyntax.JPEG_LOSSLESS.uid(), JPEG,
            TransferSyntax.JPEG_LOSSLESS_SV1.uid(), JPEG,
            TransferSyntax.JPEG_2000_LOSSLESS.uid(), JPEG_2000,
            TransferSyntax.JPEG_2000.uid(), JPEG_2000);

    private static ImageReaderSpi jpegSpi;
    private static ImageReaderSpi j2kSpi;

    private FrameDecoders() {
    }

    /**
     * The decoder for frames of a transfer syntax, or empty when scanbase cannot decode it,
     * including JPEG Extended with BitsStored over 8 (12-bit lossy, which the JPEG library lacks).
     */
    public static Optional<FrameDecoder> forSyntax(TransferSyntax ts, FrameSpec spec) {
        if (ts.uid().equals(TransferSyntax.JPEG_EXTENDED.uid()) && spec.bitsStored() > 8) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_UID.get(ts.uid()));
    }

    /** True for JPEG 2000 syntaxes, whose colour transforms decode YBR_RCT / YBR_ICT to RGB. */
    public static boolean isJpeg2000(TransferSyntax ts) {
        return BY_UID.get(ts.uid()) == JPEG_2000;
    }

    private static synchronized ImageReader jpegReader() {
        if (jpegSpi == null) {
            com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi spi =
                    new com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi();
            // finds the JDK's own JPEG reader, which TwelveMonkeys delegates baseline decoding to
            spi.onRegistration(IIORegistry.getDefaultInstance(), ImageReaderSpi.class);
            jpegSpi = spi;
        }
        return create(jpegSpi);
    }

    private static synchronized ImageReader j2kReader() {
        if (j2kSpi == null) {
            j2kSpi = new com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi();
        }
        return create(j2kSpi);
    }

    private static ImageReader create(ImageReaderSpi spi) {
        try {
            return spi.createReaderInstance();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create an ImageIO reader from " + spi.getClass().getName(), e);
        }
    }
}
