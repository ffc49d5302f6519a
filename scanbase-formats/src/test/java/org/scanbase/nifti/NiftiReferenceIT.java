// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scanbase.array.NdArray;

/**
 * Every NIfTI file of nibabel's test data, and images nibabel writes at test time (every
 * datatype, both byte orders, NIfTI-1 and -2, .nii / .nii.gz / pairs, qform-only, sform-only and
 * fallback headers, scaling, extensions), read by scanbase and by nibabel 5.0 must agree: shape,
 * dtype, affine (1e-6) and its source, scaling, SHA-256 of the unscaled values in file order,
 * min, max, mean, the scaled values, and the extensions. Expected values come only from nibabel,
 * run at test time by {@code src/test/python/nibabel_reference.py}.
 */
class NiftiReferenceIT {
    @TempDir
    static Path made;

    private static Map<String, JsonNode> reference;
    private static final List<Path> FILES = new ArrayList<>();

    @BeforeAll
    static void askNibabel() throws Exception {
        FILES.clear();
        try (Stream<Path> s = Files.list(Nibabel.DATA)) {
            s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".nii") || n.endsWith(".nii.gz") || n.startsWith("nifti") && n.endsWith(".hdr");
            }).sorted().forEach(FILES::add);
        }
        for (String name : Nibabel.make(made)) {
            FILES.add(made.resolve(name));
        }
        reference = Nibabel.describe(FILES);
    }

    static Stream<String> files() throws Exception {
        if (FILES.isEmpty()) {
            askNibabel();
        }
        return FILES.stream().map(Path::toString);
    }

    @Test
    void theReferenceSetCoversNibabelsFilesAndEveryDatatype() throws Exception {
        List<String> names = files().map(f -> Path.of(f).getFileName().toString()).toList();
        assertThat(names).contains("anatomical.nii", "functional.nii", "example4d.nii.gz", "example_nifti2.nii.gz",
                "standard.nii.gz", "reoriented_anat_moved.nii", "resampled_anat_moved.nii", "row_major.dconn.nii",
                "nifti1.hdr", "nifti2.hdr");
        for (NiftiDataType t : NiftiDataType.values()) {
            if (t.supported()) {
                assertThat(names).as(t.label()).anyMatch(n -> n.startsWith("dt_" + t.label() + "_be"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void readsAsNibabelDoes(String file) throws Exception {
        Path path = Path.of(file);
        JsonNode ref = reference.get(file);
        assertThat(ref).as("nibabel's description of " + file).isNotNull();
        if (ref.has("error")) {
            // nibabel refuses a valid scl_slope with a NaN scl_inter; scanbase takes the intercept as 0
            assertThat(ref.get("error").asText()).contains("intercept");
            NiftiImage img = NiftiReader.read(path);
            assertThat(Double.isNaN(img.header().sclInter())).isTrue();
            assertThat(img.header().scaling()).containsExactly(img.header().sclSlope(), 0);
            return;
        }
        if (ref.get("dtype") != null && ref.get("dtype").asText().startsWith("complex")) {
            assertThatThrownBy(() -> NiftiReader.read(path)).isInstanceOf(NiftiFormatException.class)
                    .hasMessageContaining(file).hasMessageContaining("datatype").hasMessageContaining("unsupported datatype");
            return;
        }
        NiftiHeader header = NiftiReader.readHeader(path);
        SoftAssertions soft = new SoftAssertions();
        checkHeader(soft, header, ref);
        if (ref.has("data_error")) {
            // a .hdr whose .img nibabel ships without: the header reads, the image does not
            assertThatThrownBy(() -> NiftiReader.read(path)).isInstanceOf(NiftiFormatException.class)
                    .hasMessageContaining(file).hasMessageContaining("image file");
            soft.assertAll();
            return;
        }
        NiftiImage img = NiftiReader.read(path);
        checkHeader(soft, img.header(), ref);
        checkAffine(soft, img.affine(), ref.get("affine"));
        soft.assertThat(img.affineSource().name()).as("affine source").isEqualTo(ref.get("affine_source").asText());
        soft.assertThat(img.shape()).as("shape").containsExactly(ints(ref.get("shape")));
        int[] arrayShape = ints(ref.get("array_shape"));
        int[] expectedDataShape = reverseSpatial(arrayShape, header.dataType().components() > 1);
        soft.assertThat(img.data().shape()).as("data shape (file order)").containsExactly(expectedDataShape);
        soft.assertThat(img.data().dtype().numpyName()).as("dtype").isEqualTo(ref.get("dtype").asText());
        double[] scaling = img.header().scaling();
        if (header.dataType().isColour()) {
            // nibabel keeps scl_slope on the proxy of an RGB image but cannot apply it to its
            // structured dtype (get_fdata fails); scanbase never scales colour
            soft.assertThat(scaling).as("colour is never scaled").containsExactly(1, 0);
        } else {
            soft.assertThat(scaling[0]).as("slope").isEqualTo(Nibabel.number(ref.get("slope")));
            soft.assertThat(scaling[1]).as("intercept").isEqualTo(Nibabel.number(ref.get("inter")));
        }
        soft.assertThat(img.data().sha256()).as("sha256").isEqualTo(ref.get("sha256").asText());
        if (ref.has("min")) {
            NdArray.Stats st = img.data().stats(header.dataType().components());
            soft.assertThat(st.min()).as("min").isEqualTo(Nibabel.number(ref.get("min")));
            soft.assertThat(st.max()).as("max").isEqualTo(Nibabel.number(ref.get("max")));
            double mean = Nibabel.number(ref.get("mean"));
            soft.assertThat(st.mean()).as("mean").isCloseTo(mean, within(Math.abs(mean) * 1e-9 + 1e-9));
        }
        if (ref.has("scaled_sha256")) {
            soft.assertThat(img.scaledData().sha256()).as("get_fdata sha256").isEqualTo(ref.get("scaled_sha256").asText());
        }
        if (img.affineSource() != NiftiAffine.Source.FALLBACK || header.rank() >= 3) {
            soft.assertThat(img.toVolume().geometry().rasAffine()).as("volume affine").isNotNull();
        }
        soft.assertAll();
    }

    private static void checkHeader(SoftAssertions soft, NiftiHeader h, JsonNode ref) {
        soft.assertThat(h.version()).as("version").isEqualTo(ref.get("version").asInt());
        soft.assertThat(h.byteOrder()).as("byte order")
                .isEqualTo(ref.get("endianness").asText().equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        soft.assertThat(h.datatype()).as("datatype").isEqualTo(ref.get("datatype").asInt());
        soft.assertThat(h.shape()).as("header shape").containsExactly(
                java.util.Arrays.stream(ints(ref.get("shape"))).asLongStream().toArray());
        checkAffine(soft, NiftiAffine.best(h), ref.get("affine"));
        // esize is compared where nibabel keeps the raw bytes (not for CIFTI XML, which it re-serialises)
        JsonNode refExt = ref.get("extensions");
        soft.assertThat(h.extensions()).as("extensions").hasSize(refExt.size());
        for (int i = 0; i < Math.min(refExt.size(), h.extensions().size()); i++) {
            NiftiExtension e = h.extensions().get(i);
            soft.assertThat(e.code()).as("ecode of extension %d", i).isEqualTo(refExt.get(i).get(0).asInt());
            if (!refExt.get(i).get(1).isNull()) {
                soft.assertThat(e.size()).as("esize of extension %d", i).isEqualTo(refExt.get(i).get(1).asInt());
            }
        }
    }

    private static void checkAffine(SoftAssertions soft, double[][] affine, JsonNode ref) {
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                soft.assertThat(affine[r][c]).as("affine[%d][%d]", r, c)
                        .isCloseTo(Nibabel.number(ref.get(r).get(c)), within(1e-6));
            }
        }
    }

    private static int[] ints(JsonNode n) {
        int[] a = new int[n.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = n.get(i).asInt();
        }
        return a;
    }

    /** nibabel's (x, y, z, ...[, rgb]) as the C-order shape of the file's bytes. */
    private static int[] reverseSpatial(int[] shape, boolean colour) {
        int n = colour ? shape.length - 1 : shape.length;
        int[] out = new int[shape.length];
        for (int i = 0; i < n; i++) {
            out[i] = shape[n - 1 - i];
        }
        if (colour) {
            out[n] = shape[n];
        }
        return out;
    }

    @Test
    void aPairCanBeOpenedByEitherHalf() throws IOException {
        Path img = made.resolve("pair_n1.img");
        Path hdr = made.resolve("pair_n1.hdr");
        assertThat(NiftiReader.read(img).data().sha256()).isEqualTo(NiftiReader.read(hdr).data().sha256());
    }
}
