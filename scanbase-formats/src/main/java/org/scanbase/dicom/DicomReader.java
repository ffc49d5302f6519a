// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Reads DICOM files (PS3.10 section 7): with or without the 128-byte preamble and "DICM", with
 * or without File Meta Information, in implicit VR little endian, explicit VR little or big
 * endian, deflated explicit VR little endian (PS3.5 A.5) and the encapsulated syntaxes
 * (PS3.5 A.4). The parser streams through a buffered file channel and can stop before a tag,
 * so headers are read without pixel data ({@link #readHeader(Path)}).
 *
 * <p>Malformed input gives {@link DicomParseException} naming the file, the tag being read and
 * the byte offset; no length read from a file is trusted before it was checked against the
 * bytes left, so no file makes the reader allocate much more than the file's own size.
 */
public final class DicomReader {
    /** Deflate cannot expand data more than about 1032 times (RFC 1951 block limits). */
    private static final long MAX_INFLATION = 1100;

    private DicomReader() {
    }

    /** Reads everything, Pixel Data included, leniently. */
    public static DicomFile read(Path file) throws IOException {
        return read(file, ReadOptions.full());
    }

    /** Reads the header: everything before Pixel Data, and Pixel Data as a checked reference. */
    public static DicomFile readHeader(Path file) throws IOException {
        return read(file, ReadOptions.headerOnly());
    }

    /** Reads a file as the options say. */
    public static DicomFile read(Path file, ReadOptions options) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw new DicomParseException(file, 0, -1, "not a DICOM file: the file is empty");
            }
            DicomInput in = DicomInput.of(file, ch);
            try {
                DicomFile read = parse(file, in, size, options);
                in.release();
                return read;
            } catch (RuntimeException e) {
                throw new DicomParseException(file, in.position(), -1, "malformed data: " + e, e);
            }
        }
    }

    private static DicomFile parse(Path file, DicomInput in, long size, ReadOptions options) throws IOException {
        List<String> warnings = new ArrayList<>();
        boolean preamble = false;
        if (in.ensure(132) && magicAt(in, 128)) {
            in.advance(132);
            preamble = true;
        } else if (in.ensure(4) && magicAt(in, 0)) {
            in.advance(4);
        }
        Attributes meta = new Attributes(false);
        DataSetParser metaParser = new DataSetParser(in, options, warnings);
        if (in.ensure(8) && in.u16(0, false) == 0x0002) {
            metaParser.readMetaGroup(meta);
        }
        TransferSyntax ts;
        String tsUid = meta.getString(Tags.TransferSyntaxUID).orElse("");
        if (!tsUid.isEmpty()) {
            ts = TransferSyntax.fromUid(tsUid);
        } else {
            ts = guess(in, file, preamble || !meta.isEmpty());
            if (!meta.isEmpty()) {
                warnings.add(file + ": (0002,0010) TransferSyntaxUID missing, guessed " + ts.describe());
            }
        }
        Attributes ds = new Attributes(ts.bigEndian());
        if (ts.deflated()) {
            // offsets below are in the inflated stream; bulk data cannot be left in a deflated file,
            // so a header read keeps Pixel Data loaded (the stream is inflated whole anyway): a
            // deflated image must still look like an image to the series scanner
            boolean header = options.stopTag() == Tags.PixelData && options.pixelData() == BulkDataPolicy.REFERENCE;
            ReadOptions inflated = new ReadOptions(header ? Tags.PixelData + 1 : options.stopTag(),
                    BulkDataPolicy.LOAD, options.strict());
            long compressed = in.remaining();
            DicomInput inf = DicomInput.of(file, inflate(file, in.rest(), compressed), 0);
            try {
                new DataSetParser(inf, inflated, warnings).readTopLevel(ds, true, false);
            } catch (DicomParseException e) {
                throw e;
            } catch (IOException e) {
                // ZipException, EOFException: the deflate stream itself is broken or cut short
                throw new DicomParseException(file, inf.position(), -1, "deflated data set is corrupt: "
                        + e.getMessage(), e);
            }
        } else {
            new DataSetParser(in, options, warnings).readTopLevel(ds, ts.explicitVr(), ts.bigEndian());
        }
        return new DicomFile(file, meta, ds, ts, preamble, warnings);
    }

    private static boolean magicAt(DicomInput in, int i) {
        return in.u8(i) == 'D' && in.u8(i + 1) == 'I' && in.u8(i + 2) == 'C' && in.u8(i + 3) == 'M';
    }

    /**
     * Guesses the encoding of a data set from its first element: explicit VR when bytes 4-5 are a
     * VR code, big endian when the group reads smaller that way; implicit VR little endian else.
     * Without preamble and meta group the first element must also look plausible.
     */
    private static TransferSyntax guess(DicomInput in, Path file, boolean framed) throws IOException {
        if (!in.ensure(8)) {
            if (in.buffered() == 0 && framed) {
                return TransferSyntax.EXPLICIT_VR_LE;
            }
            throw new DicomParseException(file, in.position(), -1,
                    "not a DICOM file: " + (framed ? "no data set after the header" : "too short"));
        }
        int gLe = in.u16(0, false);
        int gBe = in.u16(0, true);
        VR vr = VR.fromCodeOrNull((in.u8(4) << 8) | in.u8(5));
        if (vr != null) {
            boolean be = gBe < gLe;
            int group = be ? gBe : gLe;
            if (framed || plausibleGroup(group)) {
                return be ? TransferSyntax.EXPLICIT_VR_BE : TransferSyntax.EXPLICIT_VR_LE;
            }
        }
        long len = in.i32(4, false) & 0xFFFFFFFFL;
        boolean lengthOk = len == DicomElement.UNDEFINED_LENGTH || len <= in.remaining() - 8;
        if (framed || plausibleGroup(gLe) && lengthOk) {
            return TransferSyntax.IMPLICIT_VR_LE;
        }
        throw new DicomParseException(file, in.position(), -1, String.format(
                "not a DICOM file: no preamble, no file meta group, and the first bytes (tag (%04X,%04X), "
                        + "length %d) do not start a data set", gLe, in.u16(2, false), len));
    }

    private static boolean plausibleGroup(int group) {
        return group >= 0x0002 && group <= 0x7FE0 && group != 0x0003 && group != 0x0005 && group != 0x0007;
    }

    private static InputStream inflate(Path file, InputStream compressed, long compressedSize) {
        long limit = compressedSize * MAX_INFLATION + (1 << 20);
        InputStream inflater = new InflaterInputStream(compressed, new Inflater(true), 64 * 1024);
        return new FilterInputStream(inflater) {
            private long count;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0 && (count += n) > limit) {
                    throw new DicomParseException(file, count, -1, "deflated data set inflates to more than "
                            + MAX_INFLATION + " times its compressed size");
                }
                return n;
            }
        };
    }

    /**
     * The Pixel Data element of a file read with {@link BulkDataPolicy#REFERENCE}, read now from
     * the file: its bytes, or for encapsulated data its fragments. An element already in memory
     * is returned as it is.
     *
     * @throws IllegalArgumentException when the data set has no Pixel Data
     */
    public static DicomElement loadPixelData(DicomFile file) throws IOException {
        DicomElement e = file.dataset().getOrNull(Tags.PixelData);
        if (e == null) {
            throw new IllegalArgumentException(file.path() + ": no (7FE0,0010) PixelData");
        }
        if (!e.isBulk()) {
            return e;
        }
        BulkData bulk = e.bulk();
        try (FileChannel ch = FileChannel.open(bulk.file(), StandardOpenOption.READ)) {
            if (bulk.offset() > ch.size() || bulk.length() > ch.size() - bulk.offset()) {
                throw new DicomParseException(bulk.file(), bulk.offset(), e.tag(),
                        "the file changed: the value no longer fits in it");
            }
            ch.position(bulk.offset());
            DicomInput in = DicomInput.of(bulk.file(), ch);
            DataSetParser errors = new DataSetParser(in, ReadOptions.full(), new ArrayList<>());
            if (bulk.length() < 0) {
                Fragments f = new FragmentReader(in, errors).read(e.tag(), e.offset(), file.dataset().bigEndian());
                return DicomElement.ofFragments(e.tag(), e.vr(), f, e.offset());
            }
            byte[] value = in.read(bulk.length());
            if (value == null) {
                throw errors.error(bulk.offset(), e.tag(), "value runs past the end of the file");
            }
            return DicomElement.ofBytes(e.tag(), e.vr(), value, e.offset());
        }
    }
}
