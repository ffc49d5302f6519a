// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scanbase.array.NdArray;
import org.scanbase.nifti.NiftiExtension;
import org.scanbase.nifti.NiftiHeader;
import org.scanbase.nifti.NiftiImage;
import org.scanbase.nifti.NiftiReader;

/**
 * The {@code scanbase inspect --json [--pixels]} document of a volume file (DESIGN.md, "Stable
 * command-line contract"), as plain maps, lists, strings and numbers:
 * <pre>
 * {"format": "nifti1" | "nifti2" | "nrrd" | "metaimage", "path",
 *  "shape": the file's own axis order (nibabel's shape x, y, z[, t], + 3 for RGB24),
 *  "spacing": voxel sizes of the axes (NIfTI pixdim[1..dim[0]]),
 *  "affine": 4x4 voxel-to-RAS+ mm (nibabel's img.affine), "affine_source": "SFORM" | "QFORM" | "FALLBACK",
 *  "header": {raw NIfTI fields},
 *  "pixels": {"shape", "dtype", "min", "max", "mean", "channel_mean" (colour only), "sha256"}}
 * </pre>
 * Pixel statistics and the checksum are over the unscaled stored values as little-endian bytes
 * in file order (x fastest). Without {@code pixels} only the header is read.
 */
public final class VolumeInspector {
    private VolumeInspector() {
    }

    /**
     * The inspect document of a volume file.
     *
     * @throws IOException a format exception naming the file and field for a malformed file
     */
    public static Map<String, Object> inspect(Path file, boolean pixels) throws IOException {
        VolumeFiles.Format format = VolumeFiles.formatOf(file);
        if (format == null) {
            throw new IOException(file + ": not a volume file scanbase recognises");
        }
        return switch (format) {
            case NIFTI1, NIFTI2 -> inspectNifti(file, pixels);
            case NRRD, METAIMAGE -> inspectGrid(file, format, pixels); // NRRD / MetaImage branch (h6)
        };
    }

    private static Map<String, Object> inspectNifti(Path file, boolean pixels) throws IOException {
        NiftiImage img = pixels ? NiftiReader.read(file) : null;
        NiftiHeader h = img != null ? img.header() : NiftiReader.readHeader(file);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", "nifti" + h.version());
        out.put("path", file.toString());
        List<Object> shape = new ArrayList<>();
        for (long d : h.shape()) {
            shape.add(d);
        }
        org.scanbase.nifti.NiftiDataType type;
        try {
            type = h.dataType();
        } catch (IllegalArgumentException e) {
            throw org.scanbase.nifti.NiftiFormatException.of(file, "datatype", "is " + h.datatype()
                    + ", not a NIfTI datatype code");
        }
        if (type.isColour()) {
            shape.add(type.components());
        }
        out.put("shape", shape);
        out.put("spacing", numbers(h.zooms()));
        double[][] affine = org.scanbase.nifti.NiftiAffine.best(h);
        List<Object> rows = new ArrayList<>();
        for (double[] row : affine) {
            rows.add(numbers(row));
        }
        out.put("affine", rows);
        out.put("affine_source", org.scanbase.nifti.NiftiAffine.sourceOf(h).name());
        out.put("header", header(h));
        if (img != null) {
            out.put("pixels", pixelSummary(img.data(), shape, type.components()));
        }
        return out;
    }

    /**
     * NRRD / MetaImage document (h6): "shape" is [nx, ny, nz(, nt)(, components)] as for NIfTI
     * (a NRRD's component axis, first in the file, is reported last), "spacing" the grid's mm
     * along i, j, k, "affine" the LPS geometry in RAS, "header" the fields as written (NRRD
     * key/value pairs under "key_values"). Pixel values are in file order either way.
     */
    private static Map<String, Object> inspectGrid(Path file, VolumeFiles.Format format, boolean pixels)
            throws IOException {
        Geometry g;
        int comps;
        int nt;
        NdArray data = null;
        Map<String, Object> header = new LinkedHashMap<>();
        if (format == VolumeFiles.Format.NRRD) {
            org.scanbase.nrrd.NrrdHeader h = org.scanbase.nrrd.NrrdReader.readHeader(file);
            org.scanbase.nrrd.NrrdLayout l = org.scanbase.nrrd.NrrdReader.layout(h);
            g = l.geometry();
            comps = l.components();
            nt = l.timepoints();
            header.putAll(h.fields());
            header.put("key_values", h.keyValues());
            data = pixels ? org.scanbase.nrrd.NrrdReader.read(file).data() : null;
        } else {
            org.scanbase.metaimage.MetaImageHeader h = org.scanbase.metaimage.MetaImageReader.readHeader(file);
            g = org.scanbase.metaimage.MetaImage.geometry(h);
            comps = h.channels();
            nt = org.scanbase.metaimage.MetaImage.timepoints(h);
            header.putAll(h.fields());
            data = pixels ? org.scanbase.metaimage.MetaImageReader.read(file).data() : null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", format.label());
        out.put("path", file.toString());
        List<Object> shape = new ArrayList<>();
        for (int s : g.size()) {
            shape.add((long) s);
        }
        if (nt > 1) {
            shape.add((long) nt);
        }
        if (comps > 1) {
            shape.add((long) comps);
        }
        out.put("shape", shape);
        out.put("spacing", numbers(g.spacing()));
        List<Object> rows = new ArrayList<>();
        for (double[] row : g.rasAffine()) {
            rows.add(numbers(row));
        }
        out.put("affine", rows);
        out.put("header", header);
        if (data != null) {
            out.put("pixels", pixelSummary(data, shape, comps));
        }
        return out;
    }

    /** The raw header fields that matter for interpreting the file. */
    static Map<String, Object> header(NiftiHeader h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sizeof_hdr", h.sizeofHdr());
        m.put("byte_order", h.byteOrder().toString().equals("BIG_ENDIAN") ? "big" : "little");
        m.put("magic", h.magic());
        m.put("datatype", h.datatype());
        m.put("datatype_name", h.dataType().label()); // checked by the caller
        m.put("bitpix", h.bitpix());
        List<Object> dim = new ArrayList<>();
        for (long d : h.dim()) {
            dim.add(d);
        }
        m.put("dim", dim);
        m.put("pixdim", numbers(h.pixdim()));
        m.put("vox_offset", number(h.voxOffset()));
        m.put("scl_slope", number(h.sclSlope()));
        m.put("scl_inter", number(h.sclInter()));
        m.put("qform_code", h.qformCode());
        m.put("sform_code", h.sformCode());
        m.put("quatern", numbers(new double[] {h.quaternB(), h.quaternC(), h.quaternD()}));
        m.put("qoffset", numbers(new double[] {h.qoffsetX(), h.qoffsetY(), h.qoffsetZ()}));
        m.put("srow_x", numbers(h.srowX()));
        m.put("srow_y", numbers(h.srowY()));
        m.put("srow_z", numbers(h.srowZ()));
        m.put("xyzt_units", h.xyztUnits());
        m.put("units", List.of(h.spatialUnit(), h.temporalUnit()));
        m.put("dim_info", h.dimInfo());
        m.put("intent_code", h.intentCode());
        m.put("intent_name", h.intentName());
        m.put("intent_p", numbers(new double[] {h.intentP1(), h.intentP2(), h.intentP3()}));
        m.put("slice_code", h.sliceCode());
        m.put("slice_start", h.sliceStart());
        m.put("slice_end", h.sliceEnd());
        m.put("slice_duration", number(h.sliceDuration()));
        m.put("toffset", number(h.toffset()));
        m.put("cal_min", number(h.calMin()));
        m.put("cal_max", number(h.calMax()));
        m.put("descrip", h.descrip());
        m.put("aux_file", h.auxFile());
        List<Object> ext = new ArrayList<>();
        for (NiftiExtension e : h.extensions()) {
            ext.add(Map.of("ecode", e.code(), "esize", e.size()));
        }
        m.put("extensions", ext);
        return m;
    }

    /** {@code {"shape", "dtype", "min", "max", "mean", "channel_mean" (colour only), "sha256"}}. */
    static Map<String, Object> pixelSummary(NdArray data, List<Object> shape, int components) {
        NdArray.Stats st = data.stats(components);
        Map<String, Object> px = new LinkedHashMap<>();
        px.put("shape", shape);
        px.put("dtype", data.dtype().numpyName());
        px.put("min", number(st.min()));
        px.put("max", number(st.max()));
        px.put("mean", number(st.mean()));
        if (components > 1) {
            px.put("channel_mean", numbers(st.channelMean()));
        }
        px.put("sha256", data.sha256());
        return px;
    }

    private static List<Object> numbers(double[] v) {
        List<Object> out = new ArrayList<>();
        for (double d : v) {
            out.add(number(d));
        }
        return out;
    }

    /** A double as JSON can hold it: non-finite values become "NaN", "Infinity", "-Infinity"; -0 becomes 0. */
    static Object number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return d + 0.0;
    }
}
