// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nifti;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * A NIfTI-1 (348-byte) or NIfTI-2 (540-byte) header: every field of nifti1.h / nifti2.h as the
 * file holds it (NIfTI-1 floats widened exactly to double, shorts and chars to int), plus typed
 * accessors. Fields that exist only in NIfTI-1 (the Analyze legacy {@code data_type},
 * {@code db_name}, {@code extents}, {@code session_error}, {@code regular}, {@code glmax},
 * {@code glmin}) are zero or empty for NIfTI-2.
 *
 * <p>The raw fields are what the file says; nibabel's load-time fixes (qfac 0 becomes 1, zero
 * pixdims 1, negative pixdims their absolute value, unknown xform codes 0) are applied only
 * where values are interpreted: {@link NiftiAffine} and {@link #effectiveQfac()}.
 *
 * <p>Instances are built by {@link NiftiReader} and {@link NiftiWriter} and not changed after.
 */
public final class NiftiHeader {
    int version;
    ByteOrder byteOrder = ByteOrder.LITTLE_ENDIAN;
    int sizeofHdr;
    String dataTypeLegacy = "";
    String dbName = "";
    int extents;
    int sessionError;
    int regular;
    int dimInfo;
    long[] dim = new long[8];
    double intentP1;
    double intentP2;
    double intentP3;
    int intentCode;
    int datatype;
    int bitpix;
    long sliceStart;
    double[] pixdim = new double[8];
    double voxOffset;
    double sclSlope;
    double sclInter;
    long sliceEnd;
    int sliceCode;
    int xyztUnits;
    double calMax;
    double calMin;
    double sliceDuration;
    double toffset;
    int glmax;
    int glmin;
    String descrip = "";
    String auxFile = "";
    int qformCode;
    int sformCode;
    double quaternB;
    double quaternC;
    double quaternD;
    double qoffsetX;
    double qoffsetY;
    double qoffsetZ;
    double[] srowX = new double[4];
    double[] srowY = new double[4];
    double[] srowZ = new double[4];
    String intentName = "";
    String magic = "";
    List<NiftiExtension> extensions = List.of();

    NiftiHeader() {
    }

    /** 1 for NIfTI-1 (sizeof_hdr 348), 2 for NIfTI-2 (540). */
    public int version() { return version; }

    /** The byte order of the file, found from sizeof_hdr. */
    public ByteOrder byteOrder() { return byteOrder; }

    public int sizeofHdr() { return sizeofHdr; }

    /** NIfTI-1 {@code data_type[10]} (unused Analyze field). */
    public String dataTypeLegacy() { return dataTypeLegacy; }

    public String dbName() { return dbName; }

    public int extents() { return extents; }

    public int sessionError() { return sessionError; }

    public int regular() { return regular; }

    public int dimInfo() { return dimInfo; }

    /** {@code dim[0..7]}: dim[0] is the number of dimensions, dim[1..] their lengths (a copy). */
    public long[] dim() { return dim.clone(); }

    public double intentP1() { return intentP1; }

    public double intentP2() { return intentP2; }

    public double intentP3() { return intentP3; }

    public int intentCode() { return intentCode; }

    /** The raw {@code datatype} code; see {@link #dataType()}. */
    public int datatype() { return datatype; }

    public int bitpix() { return bitpix; }

    public long sliceStart() { return sliceStart; }

    /** {@code pixdim[0..7]}: pixdim[0] is qfac, pixdim[1..] voxel sizes in xyzt_units (a copy). */
    public double[] pixdim() { return pixdim.clone(); }

    /** Byte offset of the voxel data in the data file (.nii, or .img of a pair). */
    public double voxOffset() { return voxOffset; }

    public double sclSlope() { return sclSlope; }

    public double sclInter() { return sclInter; }

    public long sliceEnd() { return sliceEnd; }

    public int sliceCode() { return sliceCode; }

    public int xyztUnits() { return xyztUnits; }

    public double calMax() { return calMax; }

    public double calMin() { return calMin; }

    public double sliceDuration() { return sliceDuration; }

    public double toffset() { return toffset; }

    public int glmax() { return glmax; }

    public int glmin() { return glmin; }

    public String descrip() { return descrip; }

    public String auxFile() { return auxFile; }

    public int qformCode() { return qformCode; }

    public int sformCode() { return sformCode; }

    public double quaternB() { return quaternB; }

    public double quaternC() { return quaternC; }

    public double quaternD() { return quaternD; }

    public double qoffsetX() { return qoffsetX; }

    public double qoffsetY() { return qoffsetY; }

    public double qoffsetZ() { return qoffsetZ; }

    public double[] srowX() { return srowX.clone(); }

    public double[] srowY() { return srowY.clone(); }

    public double[] srowZ() { return srowZ.clone(); }

    public String intentName() { return intentName; }

    /** {@code "n+1"} / {@code "n+2"} (single file) or {@code "ni1"} / {@code "ni2"} (pair). */
    public String magic() { return magic; }

    /** Header extensions in file order (empty when the extender's first byte is 0). */
    public List<NiftiExtension> extensions() { return extensions; }

    // ---- typed accessors ----

    /**
     * The datatype as an enum.
     *
     * @throws IllegalArgumentException for a code nifti1.h does not define
     */
    public NiftiDataType dataType() {
        return NiftiDataType.fromCode(datatype);
    }

    /** Number of dimensions, dim[0]. */
    public int rank() {
        return (int) dim[0];
    }

    /** The data shape as nibabel gives it: dim[1..dim[0]], x first. */
    public long[] shape() {
        return Arrays.copyOfRange(dim, 1, 1 + rank());
    }

    /** Number of voxels: the product of the shape. */
    public long voxelCount() {
        long n = 1;
        for (long d : shape()) {
            n *= d;
        }
        return n;
    }

    /** True for a single-file image (magic n+1 / n+2), false for a .hdr/.img pair. */
    public boolean singleFile() {
        return magic.startsWith("n+");
    }

    /** qfac as nibabel uses it: pixdim[0] when it is -1 or 1, else 1. */
    public double effectiveQfac() {
        return pixdim[0] == -1 ? -1 : 1;
    }

    /** Voxel sizes of axes 1..n as nibabel's {@code get_zooms()}: pixdim[1..dim[0]]. */
    public double[] zooms() {
        return Arrays.copyOfRange(pixdim, 1, 1 + rank());
    }

    /** The spatial unit of xyzt_units: "unknown", "meter", "mm" or "micron". */
    public String spatialUnit() {
        return switch (xyztUnits & 0x07) {
            case 1 -> "meter";
            case 2 -> "mm";
            case 3 -> "micron";
            default -> "unknown";
        };
    }

    /** The temporal unit of xyzt_units: "unknown", "sec", "msec", "usec", "hz", "ppm", "rads". */
    public String temporalUnit() {
        return switch (xyztUnits & 0x38) {
            case 8 -> "sec";
            case 16 -> "msec";
            case 24 -> "usec";
            case 32 -> "hz";
            case 40 -> "ppm";
            case 48 -> "rads";
            default -> "unknown";
        };
    }

    /**
     * The scaling nibabel applies ({@code get_slope_inter}): none (1, 0) for colour and complex
     * data or when scl_slope is 0 or not finite; scl_inter NaN is taken as 0.
     *
     * @return {slope, intercept}
     * @throws IllegalArgumentException when scl_slope is valid and scl_inter is infinite
     */
    public double[] scaling() {
        NiftiDataType t = NiftiDataType.values()[0];
        try {
            t = dataType();
        } catch (IllegalArgumentException e) {
            // unknown type: reading fails elsewhere; scaling itself is still defined
        }
        if (t.neverScaled() || sclSlope == 0 || !Double.isFinite(sclSlope)) {
            return new double[] {1, 0};
        }
        if (Double.isNaN(sclInter)) {
            return new double[] {sclSlope, 0};
        }
        if (Double.isInfinite(sclInter)) {
            throw new IllegalArgumentException("scl_inter is " + sclInter + " with a valid scl_slope " + sclSlope);
        }
        return new double[] {sclSlope, sclInter};
    }

    @Override
    public String toString() {
        return "NiftiHeader[nifti" + version + " " + byteOrder + " dim=" + Arrays.toString(dim) + " datatype="
                + datatype + " pixdim=" + Arrays.toString(pixdim) + " sform_code=" + sformCode + " qform_code="
                + qformCode + "]";
    }
}
