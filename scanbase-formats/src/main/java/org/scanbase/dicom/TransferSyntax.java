// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.util.HashMap;
import java.util.Map;

/**
 * Transfer syntaxes of PS3.5 section 10 and annex A that scanbase knows by name. An unknown UID
 * read from a file becomes {@link #unknown(String)}: encapsulated explicit VR little endian, as
 * PS3.5 A.4 requires of every compressed syntax, with no codec.
 */
public record TransferSyntax(String uid, String name, boolean explicitVr, boolean bigEndian,
                             boolean deflated, boolean encapsulated, boolean lossy) {

    public static final TransferSyntax IMPLICIT_VR_LE =
            new TransferSyntax("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, false, false);
    public static final TransferSyntax EXPLICIT_VR_LE =
            new TransferSyntax("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, false, false);
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LE =
            new TransferSyntax("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, false, false);
    public static final TransferSyntax EXPLICIT_VR_BE =
            new TransferSyntax("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, false, false);
    public static final TransferSyntax JPEG_BASELINE =
            encapsulated("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", true);
    public static final TransferSyntax JPEG_EXTENDED =
            encapsulated("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", true);
    public static final TransferSyntax JPEG_LOSSLESS =
            encapsulated("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", false);
    public static final TransferSyntax JPEG_LOSSLESS_SV1 =
            encapsulated("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])", false);
    public static final TransferSyntax JPEG_LS_LOSSLESS =
            encapsulated("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression", false);
    public static final TransferSyntax JPEG_LS_NEAR_LOSSLESS =
            encapsulated("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression", true);
    public static final TransferSyntax JPEG_2000_LOSSLESS =
            encapsulated("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", false);
    public static final TransferSyntax JPEG_2000 =
            encapsulated("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", true);
    public static final TransferSyntax HTJ2K_LOSSLESS =
            encapsulated("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)", false);
    public static final TransferSyntax HTJ2K_RPCL_LOSSLESS =
            encapsulated("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)", false);
    public static final TransferSyntax HTJ2K =
            encapsulated("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression", true);
    public static final TransferSyntax MPEG2_MAIN =
            encapsulated("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level", true);
    public static final TransferSyntax MPEG4_AVC =
            encapsulated("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1", true);
    public static final TransferSyntax RLE_LOSSLESS =
            encapsulated("1.2.840.10008.1.2.5", "RLE Lossless", false);

    private static final Map<String, TransferSyntax> BY_UID = new HashMap<>();

    static {
        for (TransferSyntax ts : new TransferSyntax[] {IMPLICIT_VR_LE, EXPLICIT_VR_LE, DEFLATED_EXPLICIT_VR_LE,
                EXPLICIT_VR_BE, JPEG_BASELINE, JPEG_EXTENDED, JPEG_LOSSLESS, JPEG_LOSSLESS_SV1, JPEG_LS_LOSSLESS,
                JPEG_LS_NEAR_LOSSLESS, JPEG_2000_LOSSLESS, JPEG_2000, HTJ2K_LOSSLESS, HTJ2K_RPCL_LOSSLESS, HTJ2K,
                MPEG2_MAIN, MPEG4_AVC, RLE_LOSSLESS}) {
            BY_UID.put(ts.uid(), ts);
        }
    }

    private static TransferSyntax encapsulated(String uid, String name, boolean lossy) {
        return new TransferSyntax(uid, name, true, false, false, true, lossy);
    }

    /** The syntax named by a UID (trailing NUL and spaces removed), or {@link #unknown}. */
    public static TransferSyntax fromUid(String uid) {
        String u = uid.replace("\0", "").trim();
        TransferSyntax ts = BY_UID.get(u);
        return ts != null ? ts : unknown(u);
    }

    /** True when the UID is one this class names. */
    public static boolean isKnown(String uid) {
        return BY_UID.containsKey(uid.replace("\0", "").trim());
    }

    /** A syntax scanbase has no entry for: parsed as encapsulated explicit VR little endian. */
    public static TransferSyntax unknown(String uid) {
        return new TransferSyntax(uid, "unknown transfer syntax", true, false, false, true, true);
    }

    /** {@code "<UID> (<name>)"}, as error messages name a syntax. */
    public String describe() {
        return uid + " (" + name + ")";
    }
}
