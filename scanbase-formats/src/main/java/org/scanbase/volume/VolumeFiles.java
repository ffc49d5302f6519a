// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.scanbase.nifti.NiftiReader;
import org.scanbase.nifti.NiftiWriter;

/**
 * The front door for volume files: {@link #read} picks the format from the file's first bytes
 * (gzip is recognised by its magic 1F 8B and looked into, whatever the name), {@link #write}
 * from the file name.
 *
 * <p>Adding a format (NRRD, MetaImage) is one branch in each of {@link #formatOf} (a new
 * {@link Format} constant and its magic), {@link #read} and {@link #write}; see the
 * {@code HOOK} comments.
 */
public final class VolumeFiles {
    /** Volume formats scanbase recognises. */
    public enum Format {
        NIFTI1("nifti1"),
        NIFTI2("nifti2"),
        NRRD("nrrd"),
        METAIMAGE("metaimage");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        /** The name used in {@code inspect} documents: "nifti1", "nifti2", "nrrd", "metaimage". */
        public String label() {
            return label;
        }
    }

    private VolumeFiles() {
    }

    /**
     * Reads a volume, whatever its format.
     *
     * @throws IOException a format's exception (e.g. {@link org.scanbase.nifti.NiftiFormatException})
     *                     for a malformed file; an IOException naming the file when the format is
     *                     not recognised or not readable yet
     */
    public static Volume read(Path file) throws IOException {
        Format f = formatOf(file);
        if (f == null) {
            throw new IOException(file + ": not a volume file scanbase recognises (NIfTI-1/2; "
                    + "first bytes are no NIfTI sizeof_hdr 348/540)");
        }
        return switch (f) {
            case NIFTI1, NIFTI2 -> NiftiReader.read(file).toVolume();
            // NRRD / MetaImage branches (h6)
            case NRRD -> org.scanbase.nrrd.NrrdReader.readVolume(file);
            case METAIMAGE -> org.scanbase.metaimage.MetaImageReader.readVolume(file);
        };
    }

    /**
     * Writes a volume in the format its name asks for: {@code .nii}, {@code .nii.gz}, {@code .hdr}
     * / {@code .img} (NIfTI-1 pair).
     *
     * @throws IllegalArgumentException for a file name of no known volume format
     */
    public static void write(Volume volume, Path file) throws IOException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".nii") || n.endsWith(".nii.gz") || n.endsWith(".hdr") || n.endsWith(".img")
                || n.endsWith(".hdr.gz") || n.endsWith(".img.gz")) {
            NiftiWriter.write(volume, file);
            return;
        }
        // NRRD / MetaImage branches (h6): .nrrd gzip-encoded, .nhdr + .raw.gz; .mha / .mhd + .zraw compressed
        if (n.endsWith(".nrrd") || n.endsWith(".nhdr")) {
            org.scanbase.nrrd.NrrdWriter.write(volume, file);
            return;
        }
        if (n.endsWith(".mha") || n.endsWith(".mhd")) {
            org.scanbase.metaimage.MetaImageWriter.write(volume, file);
            return;
        }
        throw new IllegalArgumentException(file + ": unknown volume file name; use .nii, .nii.gz, .hdr/.img, .nrrd,"
                + " .nhdr, .mha or .mhd");
    }

    /**
     * The format of a file from its first bytes (inside gzip when gzipped), or null when none
     * matches. NIfTI: sizeof_hdr 348 or 540 in either byte order (a pair's .img is judged by
     * its .hdr). NRRD: "NRRD" magic. MetaImage: a text header starting with a known key.
     *
     * @throws NoSuchFileException when the file does not exist
     */
    public static Format formatOf(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".img") || n.endsWith(".img.gz")) {
            Path hdr = file.resolveSibling(file.getFileName().toString().replaceFirst("(?i)\\.img(\\.gz)?$", ".hdr$1"));
            if (Files.exists(hdr)) {
                return formatOf(hdr);
            }
        }
        byte[] head = firstBytes(file, 16);
        if (head.length >= 4) {
            for (ByteOrder bo : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                int size = ByteBuffer.wrap(head, 0, 4).order(bo).getInt();
                if (size == 348) {
                    return Format.NIFTI1;
                }
                if (size == 540) {
                    return Format.NIFTI2;
                }
            }
        }
        String text = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (text.startsWith("NRRD")) {
            return Format.NRRD;
        }
        // MetaImage (h6): MetaIO writes ObjectType first; hand-written headers may start with any "Key = "
        if (text.startsWith("ObjectType") || text.startsWith("NDims") || text.startsWith("Comment")
                || (n.endsWith(".mha") || n.endsWith(".mhd")) && text.matches("(?s)[A-Za-z_]\\w*\\s*=.*")) {
            return Format.METAIMAGE;
        }
        return null;
    }

    /** Up to {@code n} leading bytes, decompressed when the file is gzip. */
    static byte[] firstBytes(Path file, int n) throws IOException {
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(2);
        }
        boolean gz = magic.length == 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B;
        try (InputStream in = gz ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            return in.readNBytes(n);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new IOException(file + ": corrupt gzip data: " + e.getMessage(), e);
        }
    }
}
