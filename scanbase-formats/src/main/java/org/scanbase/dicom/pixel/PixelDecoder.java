// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.BulkData;
import org.scanbase.dicom.DicomElement;
import org.scanbase.dicom.DicomFile;
import org.scanbase.dicom.DicomReader;
import org.scanbase.dicom.Fragments;
import org.scanbase.dicom.TransferSyntax;
import org.scanbase.dicom.VR;
import org.scanbase.dicom.codec.CodecException;
import org.scanbase.dicom.codec.FrameDecoder;
import org.scanbase.dicom.codec.FrameDecoders;
import org.scanbase.dicom.codec.FrameLocator;

/**
 * The front door to pixel values: Pixel Data, Float Pixel Data or Double Float Pixel Data of a
 * data set to a {@link PixelArray} of stored values, {@code [frames, rows, columns, samples]}.
 *
 * <p>Stored values are what PS3.3 C.7.6.3 describes before any LUT: integer values keep only
 * their BitsStored low bits and are sign-extended when PixelRepresentation is 1; planar data is
 * interleaved; uncompressed YBR_FULL_422 is expanded to one Y Cb Cr triplet per pixel; values
 * stay in the colour space the file declares, except JPEG 2000 with YBR_RCT / YBR_ICT, whose
 * component transform the codec undoes (RGB). The dtype is pydicom's {@code pixel_dtype}.
 */
public final class PixelDecoder {
    /** (7FE0,0001) Extended Offset Table. */
    private static final int EXTENDED_OFFSET_TABLE = 0x7FE00001;

    private PixelDecoder() {
    }

    /** All frames of a file's pixel data. */
    public static PixelArray decode(DicomFile f) throws PixelDecodeException {
        return decode(f.path(), loaded(f), f.transferSyntax());
    }

    /**
     * One frame (0-based) of a file's pixel data, as a single-frame array; only that frame is
     * decompressed.
     *
     * @throws IndexOutOfBoundsException when the frame is not in {@code 0..NumberOfFrames-1}
     */
    public static PixelArray decodeFrame(DicomFile f, int frame) throws PixelDecodeException {
        return decodeFrame(f.path(), loaded(f), f.transferSyntax(), frame);
    }

    /**
     * Reads a file's header (Pixel Data left in the file) and decodes all frames: the fastest
     * way from a path to pixels, as native pixel data is copied once from the file into the
     * result.
     */
    public static PixelArray decode(Path file) throws IOException {
        return decode(DicomReader.readHeader(file));
    }

    /**
     * Decodes one frame (0-based) of native pixel data left in the file straight into
     * {@code dest} (a primitive array of the frame's dtype) from index {@code at}: one copy from
     * the mapped file, no intermediate array. For assembling volumes slice by slice.
     *
     * @return false, writing nothing, when the data need the general path ({@link #decodeFrame}):
     *         encapsulated, loaded into memory, 1-bit, planar, 4:2:2 or byte-swapped 8-bit data
     */
    public static boolean decodeFrameInto(DicomFile f, int frame, Object dest, int at) throws PixelDecodeException {
        return decodeFramesInto(f, describe(f.path(), f.dataset()), new int[] {frame}, dest, new int[] {at});
    }

    /**
     * As {@link #decodeFrameInto} for several frames of one file, with its Image Pixel module
     * already described: frame {@code frames[i]} goes to {@code dest} from index {@code at[i]}.
     * The file is opened and mapped once for all the frames (the span from the lowest to the
     * highest, or frame by frame when that span passes 2 GiB), after checking that the value
     * holds every frame and that its bytes lie within the file.
     *
     * @param ip {@code describe(f.path(), f.dataset())}
     * @return false, writing nothing, when the data need the general path ({@link #decodeFrame})
     * @throws IndexOutOfBoundsException when a frame is not in {@code 0..NumberOfFrames-1}
     * @throws IllegalArgumentException  when {@code frames} and {@code at} differ in length
     */
    public static boolean decodeFramesInto(DicomFile f, ImagePixel ip, int[] frames, Object dest, int[] at)
            throws PixelDecodeException {
        if (frames.length != at.length) {
            throw new IllegalArgumentException(frames.length + " frames but " + at.length + " destinations");
        }
        Attributes ds = f.dataset();
        DicomElement e = ds.getOrNull(ip.pixelTag());
        boolean plain = e != null && e.isBulk() && e.bulk().length() >= 0 && !f.transferSyntax().encapsulated()
                && ip.bitsAllocated() >= 8 && !ip.subsampled422()
                && !(ip.planarConfiguration() == 1 && ip.samplesPerPixel() > 1)
                && !(ds.bigEndian() && ip.bitsAllocated() == 8 && e.vr() == VR.OW);
        if (!plain || frames.length == 0) {
            return plain;
        }
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (int frame : frames) {
            if (frame < 0 || frame >= ip.frames()) {
                throw new IndexOutOfBoundsException("frame " + frame + " of " + ip.frames() + " in " + f.path());
            }
            lo = Math.min(lo, frame);
            hi = Math.max(hi, frame);
        }
        checkLength(f.path(), ip, e.bulk().length(), NativePixels.bytesNeeded(ip, ip.frames()));
        long frameBytes = NativePixels.frameBytes(ip);
        int n = (int) (frameBytes / ip.dtype().bytes());
        Path source = e.bulk().file() != null ? e.bulk().file() : f.path();
        long start = e.bulk().offset();
        long span = (hi - lo + 1) * frameBytes;
        ByteBuffer all = span <= Integer.MAX_VALUE ? map(source, ip, start + lo * frameBytes, span) : null;
        for (int i = 0; i < frames.length; i++) {
            ByteBuffer region = all != null ? all : map(source, ip, start + frames[i] * frameBytes, frameBytes);
            int offset = all != null ? (int) ((frames[i] - lo) * frameBytes) : 0;
            NativePixels.readInto(region, offset, n, ip.dtype(), ds.bigEndian(), dest, at[i]);
            NativePixels.maskAndSignExtend(dest, ip, at[i], at[i] + n);
        }
        return true;
    }

    /**
     * Checks, before anything is allocated for them, that native pixel data left in the file
     * holds all the frames its Image Pixel module promises ({@code Rows x Columns x
     * SamplesPerPixel x NumberOfFrames} values): a header that claims more than the file holds is
     * refused naming the file. Data in memory or encapsulated (whose decoded size the file does not
     * bound) pass unchecked.
     *
     * @param ip {@code describe(f.path(), f.dataset())}
     */
    public static void checkNativeLength(DicomFile f, ImagePixel ip) throws PixelDecodeException {
        DicomElement e = f.dataset().getOrNull(ip.pixelTag());
        if (e != null && e.isBulk() && e.bulk().length() >= 0 && !f.transferSyntax().encapsulated()) {
            checkLength(f.path(), ip, e.bulk().length(), NativePixels.bytesNeeded(ip, ip.frames()));
        }
    }

    /** The data set with a Pixel Data bulk reference replaced by its loaded value (a shallow copy; the input is unchanged). */
    private static Attributes loaded(DicomFile f) throws PixelDecodeException {
        Attributes ds = f.dataset();
        DicomElement px = ds.getOrNull(ImagePixel.PIXEL_DATA);
        if (px == null || !px.isBulk() || px.bulk().length() >= 0) {
            // native data left in the file is mapped by decodeRange, frame by frame
            return ds;
        }
        DicomElement value;
        try {
            value = DicomReader.loadPixelData(f);
        } catch (IOException e) {
            throw new PixelDecodeException(f.path(), "(7FE0,0010) PixelData cannot be loaded: " + e.getMessage(), e);
        }
        Attributes copy = new Attributes(ds.bigEndian());
        for (DicomElement e : ds.elements()) {
            copy.put(e.tag() == ImagePixel.PIXEL_DATA ? value : e);
        }
        return copy;
    }

    /** All frames of a data set's pixel data; {@code file} is for messages and bulk data references. */
    public static PixelArray decode(Path file, Attributes dataset, TransferSyntax ts) throws PixelDecodeException {
        ImagePixel ip = describe(file, dataset);
        return decodeRange(file, dataset, ts, ip, 0, ip.frames());
    }

    /**
     * One frame (0-based) of a data set's pixel data, as a single-frame array.
     *
     * @throws IndexOutOfBoundsException when the frame is not in {@code 0..NumberOfFrames-1}
     */
    public static PixelArray decodeFrame(Path file, Attributes dataset, TransferSyntax ts, int frame)
            throws PixelDecodeException {
        ImagePixel ip = describe(file, dataset);
        if (frame < 0 || frame >= ip.frames()) {
            throw new IndexOutOfBoundsException("frame " + frame + " of " + ip.frames() + " in " + file);
        }
        return decodeRange(file, dataset, ts, ip, frame, 1);
    }

    /** The Image Pixel module of a data set, with problems reported against the file. */
    public static ImagePixel describe(Path file, Attributes dataset) throws PixelDecodeException {
        try {
            return ImagePixel.of(dataset);
        } catch (IllegalArgumentException e) {
            throw new PixelDecodeException(file, e.getMessage(), e);
        }
    }

    /**
     * The photometric interpretation of decoded values: the file's own, except JPEG 2000 with
     * YBR_RCT or YBR_ICT, which decode to RGB (PS3.5 8.2.4).
     */
    public static String decodedPhotometric(ImagePixel ip, TransferSyntax ts) {
        String pi = ip.photometric();
        if (FrameDecoders.isJpeg2000(ts) && (pi.equals("YBR_RCT") || pi.equals("YBR_ICT"))) {
            return "RGB";
        }
        return pi;
    }

    private static PixelArray decodeRange(Path file, Attributes ds, TransferSyntax ts, ImagePixel ip, int first,
                                          int count) throws PixelDecodeException {
        try {
            PixelArray.checkedSize(ip.shape());
        } catch (IllegalArgumentException e) {
            throw new PixelDecodeException(file, e.getMessage(), e);
        }
        DicomElement e = ds.getOrNull(ip.pixelTag());
        if (e.isFragments()) {
            return decodeEncapsulated(file, ds, ts, ip, e.fragments(), first, count);
        }
        if (ts.encapsulated() && e.isBulk() && e.bulk().length() < 0) {
            throw new PixelDecodeException(file, ip.pixelKeyword()
                    + " is encapsulated and was left in the file: load it first (DicomReader.loadPixelData)");
        }
        long needed = NativePixels.bytesNeeded(ip, ip.frames());
        boolean swap8 = ds.bigEndian() && ip.bitsAllocated() == 8 && e.vr() == VR.OW;
        if (e.isBulk()) {
            checkLength(file, ip, e.bulk().length(), needed);
            return decodeMapped(file, e.bulk(), ip, ds.bigEndian(), swap8, first, count);
        }
        byte[] raw = e.bytes();
        checkLength(file, ip, raw.length, needed);
        return NativePixels.decode(raw, ip, ds.bigEndian(), swap8, first, count, true);
    }

    private static void checkLength(Path file, ImagePixel ip, long have, long needed) throws PixelDecodeException {
        if (have < needed) {
            throw new PixelDecodeException(file, ip.pixelKeyword() + " has " + have + " bytes, expected "
                    + needed + " for " + ip.frames() + " frame(s) of " + ip.rows() + "x" + ip.columns() + "x"
                    + ip.samplesPerPixel() + " at " + ip.bitsAllocated() + " bits allocated");
        }
    }

    /**
     * Native pixel data left in the file: the bytes of the wanted frames are mapped and copied
     * once, straight into the result (no intermediate byte array; only those frames are read).
     */
    private static PixelArray decodeMapped(Path file, BulkData bulk, ImagePixel ip, boolean bigEndian, boolean swap8,
                                           int first, int count) throws PixelDecodeException {
        Path source = bulk.file() != null ? bulk.file() : file;
        boolean bitPacked = ip.bitsAllocated() == 1;
        long start = bitPacked ? 0 : first * NativePixels.frameBytes(ip);
        long length = bitPacked ? NativePixels.bytesNeeded(ip, ip.frames()) : count * NativePixels.frameBytes(ip);
        if (length > Integer.MAX_VALUE) {
            throw new PixelDecodeException(file, ip.pixelKeyword() + " of " + length
                    + " bytes is too large to load at once");
        }
        ByteBuffer region = map(source, ip, bulk.offset() + start, length);
        return bitPacked
                ? NativePixels.decode(region, ip, bigEndian, swap8, first, count, true)
                : NativePixels.decode(region, ip, bigEndian, swap8, 0, count, true);
    }

    /** Maps {@code length} bytes of a file from {@code start}, checked against the file's size. */
    private static ByteBuffer map(Path source, ImagePixel ip, long start, long length) throws PixelDecodeException {
        long size;
        try (FileChannel ch = FileChannel.open(source, StandardOpenOption.READ)) {
            size = ch.size();
            if (start + length <= size) {
                return ch.map(FileChannel.MapMode.READ_ONLY, start, length);
            }
        } catch (IOException ex) {
            throw new PixelDecodeException(source, ip.pixelKeyword() + " at byte " + start
                    + ": cannot read " + length + " bytes: " + ex.getMessage(), ex);
        }
        throw new PixelDecodeException(source, ip.pixelKeyword() + " needs bytes " + start + " to " + (start + length)
                + " but the file has " + size);
    }

    private static PixelArray decodeEncapsulated(Path file, Attributes ds, TransferSyntax ts, ImagePixel ip,
                                                 Fragments fragments, int first, int count)
            throws PixelDecodeException {
        if (ip.bitsAllocated() == 1 || ip.floating()) {
            throw new PixelDecodeException(file, "encapsulated " + ip.pixelKeyword() + " with "
                    + ip.bitsAllocated() + " bits allocated is not supported");
        }
        FrameDecoder codec = FrameDecoders.forSyntax(ts, ip.frameSpec()).orElseThrow(() ->
                new PixelDecodeException(file, "unsupported transfer syntax " + ts.describe()));
        int[][] ranges;
        try {
            ranges = FrameLocator.locate(fragments, ip.frames(), extendedOffsets(ds));
        } catch (CodecException ex) {
            throw new PixelDecodeException(file, ip.pixelKeyword() + ": " + ex.getMessage(), ex);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int frameBytes = ip.frameSpec().frameBytes();
        for (int f = first; f < first + count; f++) {
            byte[] decoded;
            try {
                decoded = codec.decode(FrameLocator.frameBytes(fragments, ranges[f]), ip.frameSpec());
            } catch (IOException ex) {
                throw new PixelDecodeException(file, ip.pixelKeyword() + " frame " + (f + 1) + " of " + ip.frames()
                        + " (" + ts.describe() + "): " + ex.getMessage(), ex);
            }
            if (decoded.length != frameBytes) {
                throw new PixelDecodeException(file, ip.pixelKeyword() + " frame " + (f + 1) + " decodes to "
                        + decoded.length + " bytes, expected " + frameBytes);
            }
            out.writeBytes(decoded);
        }
        return NativePixels.decode(out.toByteArray(), ip, false, false, 0, count, false);
    }

    private static long[] extendedOffsets(Attributes ds) {
        byte[] b = ds.getBytes(EXTENDED_OFFSET_TABLE);
        long[] out = new long[b.length / 8];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        return out;
    }
}
