// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nifti;

import org.scanbase.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

/**
 * Writes a {@link Volume} as NIfTI-1 (default) or NIfTI-2, little-endian: {@code .nii},
 * {@code .nii.gz}, or a {@code .hdr/.img} pair ({@code .hdr.gz/.img.gz} compressed), chosen by
 * the file name.
 *
 * <p>Header: dim [3 or 4, nx, ny, nz(, nt)], datatype from the voxel dtype (uint8 with 3 or 4
 * components: RGB24 / RGBA32), pixdim the spacing in mm (pixdim[4] = 1), xyzt_units mm + sec,
 * scl_slope / scl_inter the volume's scaling, sform rows the geometry's RAS affine and the qform
 * its quaternion form (qfac in pixdim[0]), both with code 1 (scanner anatomical, as dcm2niix
 * writes DICOM-derived data) unless {@link Options} say otherwise; vox_offset 352 (NIfTI-1) or
 * 544 (NIfTI-2) for single files, 0 for pairs. Files appear atomically (temp file + rename).
 */
public final class NiftiWriter {
    private static final int CHUNK = 4 << 20;

    /**
     * @param version   1 (NIfTI-1, 348-byte header) or 2 (NIfTI-2, 540 bytes)
     * @param xformCode sform_code and qform_code: 1 scanner, 2 aligned, 3 talairach, 4 MNI, 5 template
     */
    public record Options(int version, int xformCode) {
        /** NIfTI-1, scanner-anatomical codes. */
        public static final Options DEFAULT = new Options(1, 1);

        public Options {
            if (version != 1 && version != 2) {
                throw new IllegalArgumentException("NIfTI version must be 1 or 2, was " + version);
            }
            if (xformCode < 1 || xformCode > 5) {
                throw new IllegalArgumentException("xform code must be 1 to 5, was " + xformCode);
            }
        }
    }

    private NiftiWriter() {
    }

    /** Writes NIfTI-1 with scanner-anatomical codes. */
    public static void write(Volume volume, Path file) throws IOException {
        write(volume, file, Options.DEFAULT);
    }

    /**
     * Writes {@code volume} to {@code file} ({@code .nii}, {@code .nii.gz}, {@code .hdr},
     * {@code .img}, {@code .hdr.gz}, {@code .img.gz}; a pair is written whichever half is named).
     *
     * @throws IllegalArgumentException for another file name, or a volume NIfTI cannot hold
     *                                  (components other than uint8 RGB/RGBA, NIfTI-1 dims over 32767)
     */
    public static void write(Volume volume, Path file, Options options) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gz = name.endsWith(".gz");
        String stem = gz ? name.substring(0, name.length() - 3) : name;
        if (stem.endsWith(".nii")) {
            NiftiHeader h = header(volume, options, true);
            writeFile(file, gz, NiftiHeaderCodec.encode(h), volume.voxels());
        } else if (stem.endsWith(".hdr") || stem.endsWith(".img")) {
            NiftiHeader h = header(volume, options, false);
            String base = file.getFileName().toString();
            String core = base.substring(0, stem.length() - 4);
            String suffix = gz ? base.substring(base.length() - 3) : "";
            writeFile(file.resolveSibling(core + ".hdr" + suffix), gz, NiftiHeaderCodec.encode(h), null);
            writeFile(file.resolveSibling(core + ".img" + suffix), gz, null, volume.voxels());
        } else {
            throw new IllegalArgumentException(file + ": a NIfTI file name ends in .nii, .nii.gz, .hdr, .img,"
                    + " .hdr.gz or .img.gz");
        }
    }

    /** The header NiftiWriter writes for {@code volume}. */
    static NiftiHeader header(Volume volume, Options options, boolean single) {
        Geometry g = volume.geometry();
        int[] size = g.size();
        NiftiDataType type = NiftiDataType.forDType(volume.voxels().dtype(), volume.components());
        int rank = volume.timepoints() > 1 ? 4 : 3;
        NiftiHeader h = new NiftiHeader();
        h.version = options.version();
        h.byteOrder = ByteOrder.LITTLE_ENDIAN;
        h.sizeofHdr = h.version == 1 ? NiftiHeaderCodec.NIFTI1_SIZE : NiftiHeaderCodec.NIFTI2_SIZE;
        h.regular = h.version == 1 ? 'r' : 0;
        h.dim = new long[] {rank, size[0], size[1], size[2], volume.timepoints(), 1, 1, 1};
        if (h.version == 1) {
            for (int i = 1; i <= rank; i++) {
                if (h.dim[i] > Short.MAX_VALUE) {
                    throw new IllegalArgumentException("dim[" + i + "] = " + h.dim[i] + " does not fit NIfTI-1's"
                            + " 16-bit dims (max 32767): write NIfTI-2");
                }
            }
        }
        h.datatype = type.code();
        h.bitpix = type.bitpix();
        double[][] affine = g.rasAffine();
        double[] q = NiftiAffine.quaternion(affine);
        double[] spacing = g.spacing();
        h.pixdim = new double[] {q[3], spacing[0], spacing[1], spacing[2], 1, 1, 1, 1};
        h.voxOffset = single ? (h.version == 1 ? 352 : 544) : 0; // header + 4-byte extender
        h.sclSlope = volume.slope();
        h.sclInter = volume.intercept();
        h.xyztUnits = 2 | 8; // NIFTI_UNITS_MM | NIFTI_UNITS_SEC
        h.descrip = "scanbase";
        h.qformCode = options.xformCode();
        h.sformCode = options.xformCode();
        h.quaternB = q[0];
        h.quaternC = q[1];
        h.quaternD = q[2];
        h.qoffsetX = affine[0][3];
        h.qoffsetY = affine[1][3];
        h.qoffsetZ = affine[2][3];
        h.srowX = affine[0].clone();
        h.srowY = affine[1].clone();
        h.srowZ = affine[2].clone();
        h.magic = (single ? "n+" : "ni") + h.version;
        return h;
    }

    private static void writeFile(Path target, boolean gz, byte[] header, NdArray data) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(tmp);
                 OutputStream out = gz ? new FastGzip(raw) : new BufferedOutputStream(raw, 1 << 16)) {
                if (header != null) {
                    out.write(header);
                    out.write(new byte[4]); // extender: no extensions
                }
                if (data != null) {
                    writeData(out, data);
                }
            }
            AtomicFiles.replace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The values as little-endian bytes, in chunks. */
    static void writeData(OutputStream out, NdArray data) throws IOException {
        DType t = data.dtype();
        if (t.bytes() == 1) {
            out.write((byte[]) data.data());
            return;
        }
        int per = CHUNK / t.bytes();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, (long) data.size() * t.bytes()))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int off = 0; off < data.size(); off += per) {
            int n = Math.min(per, data.size() - off);
            buf.clear();
            switch (t) {
                case UINT16, INT16 -> buf.asShortBuffer().put((short[]) data.data(), off, n);
                case UINT32, INT32 -> buf.asIntBuffer().put((int[]) data.data(), off, n);
                case INT64, UINT64 -> buf.asLongBuffer().put((long[]) data.data(), off, n);
                case FLOAT32 -> buf.asFloatBuffer().put((float[]) data.data(), off, n);
                case FLOAT64 -> buf.asDoubleBuffer().put((double[]) data.data(), off, n);
                default -> throw new IllegalStateException(t.toString());
            }
            out.write(buf.array(), 0, n * t.bytes());
        }
    }

    /** gzip at level 1, as nibabel writes: most of the size gain of level 6 at a fraction of the time. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
