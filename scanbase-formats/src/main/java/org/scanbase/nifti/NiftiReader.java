// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nifti;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;

/**
 * Reads NIfTI-1 and NIfTI-2 images: single files ({@code .nii}, {@code .nii.gz}) and pairs
 * ({@code .hdr/.img}, {@code .hdr.gz/.img.gz}), either byte order (from sizeof_hdr), gzip found
 * by its magic bytes. Every size the header claims is checked against the file before any array
 * is allocated; malformed files give a {@link NiftiFormatException} naming the file and field.
 *
 * <pre>{@code
 * NiftiImage img = NiftiReader.read(Path.of("ct.nii.gz"));
 * Volume v = img.toVolume();
 * }</pre>
 */
public final class NiftiReader {
    private NiftiReader() {
    }

    /** The header and its extensions, without the voxel data (a pair's .img need not exist). */
    public static NiftiHeader readHeader(Path file) throws IOException {
        Path hdr = headerFileOf(file);
        try (NiftiInput in = NiftiInput.open(hdr)) {
            return readHeader(in, hdr);
        }
    }

    /** Header, stored voxel values and affine. */
    public static NiftiImage read(Path file) throws IOException {
        Path hdrFile = headerFileOf(file);
        try (NiftiInput in = NiftiInput.open(hdrFile)) {
            NiftiHeader h = readHeader(in, hdrFile);
            NiftiDataType type = checkedType(h, hdrFile);
            int[] arrayShape = arrayShape(h, type, hdrFile);
            long offset = dataOffset(h, hdrFile);
            NdArray data;
            if (h.singleFile()) {
                data = readData(in, hdrFile, h, type, arrayShape, offset);
            } else {
                Path img = imageFileOf(hdrFile);
                try (NiftiInput imgIn = NiftiInput.open(img)) {
                    data = readData(imgIn, img, h, type, arrayShape, offset);
                }
            }
            return new NiftiImage(hdrFile, h, data, NiftiAffine.best(h), NiftiAffine.sourceOf(h));
        }
    }

    private static NiftiHeader readHeader(NiftiInput in, Path file) throws IOException {
        byte[] block = new byte[NiftiHeaderCodec.NIFTI2_SIZE];
        int n = in.read(block, 0, 4);
        int[] version = new int[1];
        NiftiHeaderCodec.detectOrder(Arrays.copyOf(block, n), file, version);
        int size = version[0] == 1 ? NiftiHeaderCodec.NIFTI1_SIZE : NiftiHeaderCodec.NIFTI2_SIZE;
        n += in.read(block, 4, size - 4);
        NiftiHeader h = NiftiHeaderCodec.decode(Arrays.copyOf(block, n), file);
        h.extensions = readExtensions(in, h, file);
        return h;
    }

    /**
     * The extensions between the header and the data (nifti1.h "extension" section): a 4-byte
     * extender whose first byte says whether any follow, then blocks of esize (a multiple of 16,
     * at least 8, within the space before vox_offset), ecode and content.
     */
    private static List<NiftiExtension> readExtensions(NiftiInput in, NiftiHeader h, Path file) throws IOException {
        byte[] extender = new byte[4];
        if (in.read(extender, 0, 4) < 4 || extender[0] == 0) {
            return List.of();
        }
        // a single file's extensions end at vox_offset; a pair's header file at its end
        long limit = h.singleFile() ? (long) h.voxOffset : Long.MAX_VALUE;
        if (!in.gzipped() && !h.singleFile()) {
            limit = in.fileSize();
        }
        List<NiftiExtension> out = new ArrayList<>();
        byte[] head = new byte[8];
        while (in.position() + 8 <= limit) {
            long at = in.position();
            int got = in.read(head, 0, 8);
            if (got == 0 && !h.singleFile()) {
                break;
            }
            if (got < 8) {
                throw NiftiFormatException.of(file, "esize", "of the extension at byte " + at + " is cut off by the"
                        + " end of the file");
            }
            ByteBuffer b = ByteBuffer.wrap(head).order(h.byteOrder);
            int esize = b.getInt(0);
            int ecode = b.getInt(4);
            if (esize < 8 || at + esize > limit || (in.fileSize() > 0 && !in.gzipped() && at + esize > in.fileSize())) {
                throw NiftiFormatException.of(file, "esize", "of the extension at byte " + at + " is " + esize
                        + ", must be at least 8 and end by byte " + (limit == Long.MAX_VALUE ? in.fileSize() : limit)
                        + (h.singleFile() ? " (vox_offset)" : ""));
            }
            if (in.gzipped() && (long) esize > in.fileSize() * NiftiInput.MAX_DEFLATE_RATIO) {
                throw NiftiFormatException.of(file, "esize", "of the extension at byte " + at + " is " + esize
                        + ", more than the " + in.fileSize() + "-byte gzip file can hold");
            }
            byte[] content = new byte[esize - 8];
            if (in.read(content, 0, content.length) < content.length) {
                throw NiftiFormatException.of(file, "esize", "of the extension at byte " + at + " is " + esize
                        + ", beyond the end of the file");
            }
            out.add(new NiftiExtension(ecode, at, content));
        }
        return List.copyOf(out);
    }

    private static NiftiDataType checkedType(NiftiHeader h, Path file) throws NiftiFormatException {
        NiftiDataType type;
        try {
            type = NiftiDataType.fromCode(h.datatype);
        } catch (IllegalArgumentException e) {
            throw NiftiFormatException.of(file, "datatype", "is " + h.datatype + ", not a NIfTI datatype code");
        }
        if (!type.supported()) {
            throw NiftiFormatException.of(file, "datatype", "is " + h.datatype + " (" + type.label()
                    + "): unsupported datatype (scanbase holds no complex or 128-bit float values)");
        }
        if (h.bitpix != type.bitpix()) {
            throw NiftiFormatException.of(file, "bitpix", "is " + h.bitpix + ", datatype " + h.datatype + " ("
                    + type.label() + ") needs " + type.bitpix());
        }
        return type;
    }

    /** {@code [dim[n], ..., dim[1]]} plus the colour axis, after checking it fits one Java array. */
    private static int[] arrayShape(NiftiHeader h, NiftiDataType type, Path file) throws NiftiFormatException {
        int rank = h.rank();
        long values = type.components();
        for (int i = 1; i <= rank; i++) {
            values *= h.dim[i];
            if (values > Integer.MAX_VALUE - 8) {
                throw NiftiFormatException.of(file, "dim[1.." + rank + "]", "is " + Arrays.toString(h.shape())
                        + ": more than " + (Integer.MAX_VALUE - 8) + " values, too many to hold as one array");
            }
        }
        int extra = type.components() > 1 ? 1 : 0;
        int[] shape = new int[rank + extra];
        for (int i = 0; i < rank; i++) {
            shape[i] = (int) h.dim[rank - i];
        }
        if (extra == 1) {
            shape[rank] = type.components();
        }
        return shape;
    }

    private static long dataOffset(NiftiHeader h, Path file) throws NiftiFormatException {
        double v = h.voxOffset;
        int min = (h.version == 1 ? NiftiHeaderCodec.NIFTI1_SIZE : NiftiHeaderCodec.NIFTI2_SIZE) + 4;
        if (!(v >= 0) || v != Math.rint(v) || v > Long.MAX_VALUE / 2) {
            throw NiftiFormatException.of(file, "vox_offset", "is " + v + ", must be a non-negative whole number");
        }
        if (h.singleFile() && v < min) {
            throw NiftiFormatException.of(file, "vox_offset", "is " + (long) v + ", a single-file NIfTI-" + h.version
                    + " needs at least " + min);
        }
        return (long) v;
    }

    private static NdArray readData(NiftiInput in, Path file, NiftiHeader h, NiftiDataType type, int[] shape,
                                    long offset) throws IOException {
        DType dtype = type.dtype();
        int count = (int) NdArray.checkedSize(shape);
        long bytes = (long) count * dtype.bytes();
        String what = "voxel data (dim " + Arrays.toString(h.shape()) + " x " + type.bitpix() + " bits)";
        if (!in.gzipped() && offset + bytes > in.fileSize()) {
            throw NiftiFormatException.of(file, "dim", "is " + Arrays.toString(h.shape()) + " of " + type.label()
                    + ": needs " + bytes + " bytes from vox_offset " + offset + ", the file has "
                    + Math.max(0, in.fileSize() - offset) + " (truncated data or wrong dims)");
        }
        if (in.gzipped() && offset + bytes > in.fileSize() * NiftiInput.MAX_DEFLATE_RATIO) {
            throw NiftiFormatException.of(file, "dim", "is " + Arrays.toString(h.shape()) + " of " + type.label()
                    + ": needs " + bytes + " bytes, more than the " + in.fileSize() + "-byte gzip file can hold");
        }
        in.skipTo(offset, "vox_offset");
        Object storage = NdArray.newStorage(dtype, count);
        in.readVoxels(storage, dtype, h.byteOrder, count, what);
        return new NdArray(dtype, shape, storage);
    }

    /** The header file of a path naming either part of a pair (or a single file). */
    static Path headerFileOf(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".img") || lower.endsWith(".img.gz")) {
            Path hdr = sibling(file, name, "img", "hdr");
            if (hdr == null) {
                throw new NiftiFormatException(file + ": header file of the .hdr/.img pair not found");
            }
            return hdr;
        }
        return file;
    }

    /** The image file of a pair's header file. */
    static Path imageFileOf(Path hdr) throws NiftiFormatException {
        String name = hdr.getFileName().toString();
        Path img = sibling(hdr, name, "hdr", "img");
        if (img == null) {
            throw new NiftiFormatException(hdr + ": magic says .hdr/.img pair, but its image file ("
                    + swap(name, "hdr", "img") + ") was not found");
        }
        return img;
    }

    /** x.FROM[.gz] -> x.TO[.gz] (any case, either compression), or null when absent. */
    private static Path sibling(Path file, String name, String from, String to) {
        String base = swap(name, from, to);
        for (String candidate : new String[] {base, base + ".gz", base.endsWith(".gz") ? base.substring(0,
                base.length() - 3) : base, base.toUpperCase(Locale.ROOT)}) {
            Path p = file.resolveSibling(candidate);
            if (!candidate.equals(name) && Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static String swap(String name, String from, String to) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean gz = lower.endsWith(".gz");
        String stem = gz ? name.substring(0, name.length() - 3) : name;
        int dot = stem.lastIndexOf('.');
        String ext = stem.substring(dot + 1);
        String newExt = ext.equals(ext.toUpperCase(Locale.ROOT)) ? to.toUpperCase(Locale.ROOT) : to;
        return stem.substring(0, dot + 1) + newExt + (gz ? name.substring(name.length() - 3) : "");
    }
}
