// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

import org.scanbase.array.NdArray;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.scanbase.dicom.DicomFile;
import org.scanbase.dicom.DicomReader;

/**
 * pydicom's test images through {@link PixelDecoder}, compared with pydicom 2.3 run at test time
 * (Debian's /usr/bin/python3, whose handlers are numpy, GDCM and Pillow).
 */
class PydicomPixelsIT {
    static final Path TEST_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    private static final Map<String, JsonNode> PYDICOM = new HashMap<>();

    /** File, and the largest difference allowed from pydicom's value (0: the same bytes). */
    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("CT_small.dcm", 0),
                Arguments.of("MR_small.dcm", 0),
                Arguments.of("MR_small_implicit.dcm", 0),
                Arguments.of("MR_small_padded.dcm", 0),
                Arguments.of("MR_small_RLE.dcm", 0),
                Arguments.of("MR_small_bigendian.dcm", 0),
                Arguments.of("MR_small_expb.dcm", 0),
                Arguments.of("MR_small_jp2klossless.dcm", 0),
                Arguments.of("ExplVR_BigEnd.dcm", 0),
                Arguments.of("image_dfl.dcm", 0),
                Arguments.of("SC_rgb_small_odd.dcm", 0),
                Arguments.of("SC_rgb_rle.dcm", 0),
                Arguments.of("SC_rgb_rle_2frame.dcm", 0),
                Arguments.of("SC_rgb_rle_16bit.dcm", 0),
                Arguments.of("SC_rgb_rle_16bit_2frame.dcm", 0),
                Arguments.of("SC_rgb_rle_32bit.dcm", 0),
                Arguments.of("SC_rgb_rle_32bit_2frame.dcm", 0),
                Arguments.of("rtdose.dcm", 0),
                Arguments.of("rtdose_1frame.dcm", 0),
                Arguments.of("rtdose_expb.dcm", 0),
                Arguments.of("rtdose_expb_1frame.dcm", 0),
                Arguments.of("rtdose_rle.dcm", 0),
                Arguments.of("rtdose_rle_1frame.dcm", 0),
                Arguments.of("liver_1frame.dcm", 0),
                Arguments.of("liver_expb_1frame.dcm", 0),
                Arguments.of("SC_ybr_full_422_uncompressed.dcm", 0),
                Arguments.of("SC_rgb_jpeg_gdcm.dcm", 0),
                Arguments.of("SC_rgb_gdcm_KY.dcm", 0),
                Arguments.of("J2K_pixelrep_mismatch.dcm", 0),
                Arguments.of("693_J2KI.dcm", 0),
                // lossy: decoders may round the inverse transform differently
                Arguments.of("JPEG2000.dcm", 1),
                Arguments.of("SC_rgb_jpeg_dcmtk.dcm", 2),
                Arguments.of("SC_rgb_jpeg_app14_dcmd.dcm", 2),
                Arguments.of("SC_rgb_dcmtk_+eb+cy+np.dcm", 2),
                Arguments.of("SC_rgb_dcmtk_+eb+cy+s2.dcm", 2),
                Arguments.of("SC_rgb_dcmtk_+eb+cr.dcm", 2),
                Arguments.of("SC_rgb_small_odd_jpeg.dcm", 2));
    }

    @BeforeAll
    static void runPydicom() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-"));
        files().forEach(a -> cmd.add(TEST_FILES.resolve((String) a.get()[0]).toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (InputStream script = PydicomPixelsIT.class.getResourceAsStream("pydicom_pixels.py")) {
            p.getOutputStream().write(script.readAllBytes());
            p.getOutputStream().close();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("pydicom script exit code").isZero();
        ObjectMapper json = new ObjectMapper();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                JsonNode n = json.readTree(line);
                PYDICOM.put(Path.of(n.get("path").asText()).getFileName().toString(), n);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void decodesLikePydicom(String name, int tolerance) throws IOException {
        JsonNode expected = PYDICOM.get(name);
        assertThat(expected).as("pydicom output for " + name).isNotNull();
        DicomFile f = DicomReader.read(TEST_FILES.resolve(name));
        PixelArray a = PixelDecoder.decode(f);

        assertThat(a.dtype().numpyName()).isEqualTo(expected.get("dtype").asText());
        int[] shape = new int[4];
        for (int i = 0; i < 4; i++) {
            shape[i] = expected.get("shape").get(i).asInt();
        }
        assertThat(a.shape()).containsExactly(shape);
        if (tolerance == 0) {
            assertThat(a.sha256()).isEqualTo(expected.get("sha256").asText());
            NdArray.Stats s = a.stats();
            assertThat(s.min()).isEqualTo(expected.get("min").asDouble());
            assertThat(s.max()).isEqualTo(expected.get("max").asDouble());
        } else {
            int stride = expected.get("stride").asInt();
            JsonNode values = expected.get("values");
            for (int i = 0; i < values.size(); i++) {
                assertThat(a.getDouble(i * stride)).as("value %d", i * stride)
                        .isCloseTo(values.get(i).asDouble(), org.assertj.core.data.Offset.offset((double) tolerance));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void aFrameDecodedAloneEqualsThatFrameOfTheWhole(String name, int tolerance) throws IOException {
        DicomFile f = DicomReader.read(TEST_FILES.resolve(name));
        PixelArray all = PixelDecoder.decode(f);
        int last = all.frames() - 1;
        assertThat(PixelDecoder.decodeFrame(f, last).sha256()).isEqualTo(all.frame(last).sha256());
    }

    @ParameterizedTest
    @ValueSource(strings = {"MR_small_jpeg_ls_lossless.dcm", "JPGExtended.dcm", "JPEG-lossy.dcm"})
    void jpegLsAndTwelveBitLossyJpegAreUnsupported(String name) throws IOException {
        DicomFile f = DicomReader.read(TEST_FILES.resolve(name));
        assertThatThrownBy(() -> PixelDecoder.decode(f))
                .isInstanceOf(PixelDecodeException.class)
                .hasMessage(f.path() + ": unsupported transfer syntax " + f.transferSyntax().describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"MR_small.dcm", "SC_rgb_rle_2frame.dcm", "JPEG2000.dcm"})
    void pixelDataLeftInTheFileIsLoadedOnDemand(String name) throws IOException {
        Path p = TEST_FILES.resolve(name);
        assertThat(PixelDecoder.decode(DicomReader.readHeader(p)).sha256())
                .isEqualTo(PixelDecoder.decode(DicomReader.read(p)).sha256());
    }
}
