// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scanbase.dicom.pixel.PixelArray;
import org.scanbase.dicom.pixel.PixelDecodeException;
import org.scanbase.dicom.pixel.PixelDecoder;

/**
 * Every file pydicom ships as test data, read by scanbase and by pydicom 2.3 (the Debian
 * package, run at test time by {@code src/test/python/pydicom_reference.py}), must agree:
 * <ol>
 *   <li>a file pydicom cannot read is a {@link DicomParseException} naming the file;</li>
 *   <li>every attribute of the data set has the same keyword and the same value in the
 *       {@link Values} convention (doubles to a relative 1e-12); all differences of a file are
 *       reported in one failure;</li>
 *   <li>pixels: lossless syntaxes give the same dtype, shape and SHA-256; lossy ones the same
 *       shape and dtype and values close to pydicom's (see {@link #LOSSY_TOLERANCE}); syntaxes
 *       scanbase does not decode fail with "unsupported transfer syntax"; a file whose pixels
 *       pydicom cannot decode cannot be decoded by scanbase either.</li>
 * </ol>
 * Expected values come only from pydicom at test time.
 */
class PydicomReferenceIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path DATA = Path.of("/usr/lib/python3/dist-packages/pydicom/data");
    private static final List<String> FOLDERS = List.of("test_files", "charset_files", "palettes");
    private static final Path SCRIPT = Path.of("src/test/python/pydicom_reference.py");

    /** Files in the pydicom data folders that are not DICOM at all: documentation and dumps. */
    private static final Set<String> NOT_DICOM = Set.of(
            "test_files/README.txt",
            "test_files/dicomdirtests/README.txt",
            "test_files/dicomdirtests/TINY_ALPHA/README",
            "test_files/rtplan.dump",       // dcmdump text of rtplan.dcm
            "test_files/rtstruct.dump",     // dcmdump text of rtstruct.dcm
            "test_files/test1.json",        // DICOM JSON model (PS3.18 F), not PS3.10
            "test_files/test_PN.json",
            "test_files/zipMR.gz",          // gzip of a DICOM file: not itself PS3.10
            "charset_files/FileInfo.txt",
            "palettes/README.md");

    /** Transfer syntaxes scanbase does not decode: pixels must fail with "unsupported transfer syntax". */
    private static final Set<String> UNSUPPORTED_SYNTAXES = Set.of(
            TransferSyntax.JPEG_LS_LOSSLESS.uid(), TransferSyntax.JPEG_LS_NEAR_LOSSLESS.uid());

    /**
     * Lossy decoders differ in IDCT rounding and chroma upsampling. Accepted: a mean absolute
     * difference of at most 0.5% of pydicom's value range (max - min), and at least 1 unit.
     */
    private static final double LOSSY_TOLERANCE = 0.005;

    private static final double RELATIVE_TOLERANCE = 1e-12;

    /*
     * Where scanbase and pydicom legitimately differ, file by file.
     */

    /**
     * Files with a value longer than the bytes left in the file. pydicom reads what is there
     * (and fails later, on pixel access or not at all); scanbase checks every length against the
     * file size before trusting it (STYLE.md: buffers grow as data arrives, never trusting a
     * length) and rejects the file with a DicomParseException naming it.
     */
    private static final Set<String> TRUNCATED = Set.of(
            "test_files/MR_truncated.dcm",        // Pixel Data 62 bytes short
            "test_files/rtplan_truncated.dcm");   // BeamSequence cut off

    /**
     * Files whose compressed pixel data was deliberately corrupted (pydicom's README: "4 of the
     * encoded pixel data bytes replaced with the Sequence Delimiter ... almost certainly not a
     * valid JPEG anymore", kept to test that the DICOM structure still parses). gdcm decodes
     * what it can with warnings; scanbase reports the corrupt codestream as a
     * PixelDecodeException naming the file. Attributes are compared as for any file.
     */
    private static final Set<String> CORRUPT_CODESTREAM = Set.of(
            "test_files/JPEG2000-embedded-sequence-delimiter.dcm");

    /**
     * Lossless files that jai-imageio-jpeg2000 1.4.0 decodes wrongly. GDCMJ2K_TextGBR.dcm (128x128
     * tiles, 6 quality layers, RLCP progression, RCT) comes out with about 32,000 samples off by up
     * to 108 levels in the text region, where GDCM, OpenJPEG (opj_decompress) and pydicom agree;
     * the difference is in the JPEG 2000 library, not in how scanbase finds the codestream (the
     * fragment is byte-identical to pydicom's). Until scanbase has another JPEG 2000 decoder these
     * are held to the lossy tolerance instead of sha256, so a worse regression still fails.
     */
    private static final Set<String> KNOWN_J2K_DECODER_DEFECTS = Set.of(
            "test_files/GDCMJ2K_TextGBR.dcm");

    /**
     * Files with private elements whose VR the file does not give (implicit VR, or explicit UN):
     * pydicom 2.3 takes the VR from its private dictionary (creator "AGFA" here); scanbase has no
     * private dictionary and keeps them as UN bytes. For these files a private element that is UN
     * in ours is decoded with pydicom's VR and must then give pydicom's value.
     */
    private static final Set<String> PRIVATE_VR_FROM_PYDICOM_DICTIONARY = Set.of(
            "charset_files/chrJapMulti.dcm",
            "charset_files/chrJapMultiExplicitIR6.dcm",
            "charset_files/chrKoreanMulti.dcm");

    @TempDir
    static Path rawDir;

    private static JsonNode reference;

    @BeforeAll
    static void runPydicomOnceOverAllFiles() throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            fail(PYTHON + " is missing: apt-get install python3-pydicom (it brings the Debian python3)");
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString(), "--raw-dir", rawDir.toString()));
        for (Path p : dicomFiles().toList()) {
            cmd.add(p.toString());
        }
        Path out = rawDir.resolve("reference.json");
        Path err = rawDir.resolve("stderr.txt");
        Process proc = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!proc.waitFor(5, TimeUnit.MINUTES)) {
            proc.destroyForcibly();
            fail("pydicom_reference.py did not finish in 5 minutes");
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        if (stderr.contains("No module named 'pydicom'")) {
            fail("pydicom is not installed for " + PYTHON + ": apt-get install python3-pydicom");
        }
        if (proc.exitValue() != 0) {
            fail("pydicom_reference.py failed (exit " + proc.exitValue() + "):\n" + stderr);
        }
        reference = new ObjectMapper().readTree(out.toFile());
    }

    /** Every file under the pydicom data folders, except the {@link #NOT_DICOM} ones. */
    static Stream<Path> dicomFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String folder : FOLDERS) {
            try (Stream<Path> s = Files.walk(DATA.resolve(folder))) {
                s.filter(Files::isRegularFile)
                        .filter(p -> !NOT_DICOM.contains(DATA.relativize(p).toString()))
                        .sorted()
                        .forEach(files::add);
            }
        }
        return files.stream();
    }

    @Test
    void theExclusionListNamesOnlyFilesThatExist() {
        for (String f : NOT_DICOM) {
            assertThat(DATA.resolve(f)).as("excluded file").isRegularFile();
        }
    }

    @Test
    void pydicomSawEveryFile() throws IOException {
        assertThat(reference.size()).isEqualTo((int) dicomFiles().count());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("dicomFiles")
    void attributesAgreeWithPydicom(Path file) throws IOException {
        JsonNode ref = referenceOf(file);
        if (TRUNCATED.contains(relative(file))) {
            assertThat(ref.has("error")).as("pydicom reads truncated %s leniently", file).isFalse();
            assertThatThrownBy(() -> DicomReader.read(file))
                    .isInstanceOf(DicomParseException.class)
                    .hasMessageContaining(file.getFileName().toString())
                    .hasMessageContaining("exceeds");
            return;
        }
        if (ref.has("error")) {
            assertThatThrownBy(() -> DicomReader.read(file))
                    .as("pydicom rejects %s (%s)", file, ref.get("error").asText())
                    .isInstanceOf(DicomParseException.class)
                    .hasMessageContaining(file.getFileName().toString());
            return;
        }
        DicomFile dcm = DicomReader.read(file);
        List<String> diffs = new ArrayList<>();
        JsonNode ts = ref.get("transfer_syntax");
        if (ts != null && !ts.isNull() && !ts.asText().equals(dcm.transferSyntax().uid())) {
            diffs.add("transfer syntax: ours=" + dcm.transferSyntax().uid() + " pydicom=" + ts.asText());
        }
        JsonNode attributes = ref.get("attributes");
        compareDataSet(dcm.dataset(), attributes, "", PRIVATE_VR_FROM_PYDICOM_DICTIONARY.contains(relative(file)), diffs);
        if (!diffs.isEmpty()) {
            fail(diffs.size() + " difference(s) from pydicom in " + file + ":\n  " + String.join("\n  ", diffs));
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("dicomFiles")
    void pixelsAgreeWithPydicom(Path file) throws IOException {
        JsonNode ref = referenceOf(file);
        if (ref.has("error") || TRUNCATED.contains(relative(file))) {
            assertThatThrownBy(() -> DicomReader.read(file)).isInstanceOf(DicomParseException.class);
            return;
        }
        DicomFile dcm = DicomReader.read(file);
        Attributes ds = dcm.dataset();
        boolean ours = ds.contains(Tags.PixelData) || ds.contains(0x7FE00008) || ds.contains(0x7FE00009);
        if (!ref.has("pixels") && !ref.has("pixel_error")) {
            assertThat(ours).as("pydicom sees no pixel data in %s", file).isFalse();
            return;
        }
        TransferSyntax syntax = dcm.transferSyntax();
        if (UNSUPPORTED_SYNTAXES.contains(syntax.uid()) || isTwelveBitLossyJpeg(syntax, ds)) {
            assertThatThrownBy(() -> PixelDecoder.decode(file, ds, syntax))
                    .isInstanceOf(PixelDecodeException.class)
                    .hasMessageContaining("unsupported transfer syntax");
            return;
        }
        if (ref.has("pixel_error") || CORRUPT_CODESTREAM.contains(relative(file))) {
            assertThatThrownBy(() -> PixelDecoder.decode(file, ds, syntax))
                    .as("pydicom cannot decode %s: %s", file, ref.path("pixel_error").asText("(corrupt codestream)"))
                    .isInstanceOf(PixelDecodeException.class)
                    .hasMessageContaining(file.getFileName().toString());
            return;
        }
        JsonNode px = ref.get("pixels");
        PixelArray ourPixels = PixelDecoder.decode(file, ds, syntax);
        assertThat(ourPixels.dtype().numpyName()).as("dtype").isEqualTo(px.get("dtype").asText());
        assertThat(ourPixels.shape()).as("shape [frames, rows, columns, samples]").containsExactly(ints(px.get("shape")));
        if (!syntax.lossy() && !KNOWN_J2K_DECODER_DEFECTS.contains(relative(file))) {
            assertThat(ourPixels.sha256()).as("%s: sha256 of %s values (pydicom handler %s)", file, syntax.describe(),
                    px.get("handler").asText()).isEqualTo(px.get("sha256").asText());
            return;
        }
        double[] theirs = readRaw(Path.of(px.get("raw").asText()), ourPixels.dtype().numpyName(), ourPixels.size());
        double sum = 0;
        for (int i = 0; i < theirs.length; i++) {
            sum += Math.abs(ourPixels.getDouble(i) - theirs[i]);
        }
        double mad = theirs.length == 0 ? 0 : sum / theirs.length;
        double range = px.get("max").asDouble() - px.get("min").asDouble();
        double tolerance = Math.max(1.0, LOSSY_TOLERANCE * range);
        assertThat(mad).as("%s: mean |ours - pydicom| for lossy %s (pydicom handler %s)", file, syntax.describe(),
                px.get("handler").asText()).isLessThanOrEqualTo(tolerance);
    }

    /** 12-bit JPEG (Extended, process 4): Java's JPEG readers decode 8-bit only. */
    private static boolean isTwelveBitLossyJpeg(TransferSyntax ts, Attributes ds) {
        boolean jpeg = ts.uid().equals(TransferSyntax.JPEG_BASELINE.uid()) || ts.uid().equals(TransferSyntax.JPEG_EXTENDED.uid());
        return jpeg && ds.getInt(0x00280101, 8) > 8;
    }

    // ---- attributes ----

    private static void compareDataSet(Attributes ours, JsonNode theirs, String path, boolean privateVrs,
                                       List<String> diffs) {
        Set<String> seen = new TreeSet<>();
        DicomDictionary dict = DicomDictionary.standard();
        for (DicomElement e : ours.elements()) {
            String hex = Tag.hex(e.tag());
            seen.add(hex);
            String where = path + Tag.toString(e.tag()) + " " + dict.keyword(e.tag());
            JsonNode ref = theirs.get(hex);
            if (ref == null) {
                diffs.add(where + ": only in ours, " + describe(DicomInspector.jsonSafe(Values.typed(ours, e))));
                continue;
            }
            String keyword = ref.get("keyword").asText();
            if (!keyword.equals(dict.keyword(e.tag()))) {
                diffs.add(where + ": keyword ours=\"" + dict.keyword(e.tag()) + "\" pydicom=\"" + keyword + "\"");
            }
            JsonNode refValue = ref.get("value");
            if (e.isSequence() && refValue.isArray()) {
                List<Attributes> items = e.items();
                if (items.size() != refValue.size()) {
                    diffs.add(where + ": " + items.size() + " item(s) in ours, " + refValue.size() + " in pydicom");
                    continue;
                }
                for (int i = 0; i < items.size(); i++) {
                    compareDataSet(items.get(i), refValue.get(i), where + "[" + i + "] > ", privateVrs, diffs);
                }
                continue;
            }
            Attributes owner = ours;
            DicomElement asRead = e;
            String refVr = ref.get("vr").asText();
            if (privateVrs && Tag.isPrivate(e.tag()) && e.vr() == VR.UN && e.hasBytes() && !refVr.equals("UN")) {
                // the same bytes read with pydicom's VR, in a one-element data set that inherits
                // byte order and character set from ours
                asRead = DicomElement.ofBytes(e.tag(), VR.valueOf(refVr), e.bytes(), e.offset());
                owner = new Attributes(ours.bigEndian());
                owner.setParent(ours);
                owner.put(asRead);
            }
            Object value = DicomInspector.jsonSafe(Values.typed(owner, asRead));
            if (!same(value, refValue)) {
                diffs.add(where + " (ours " + e.vr() + ", pydicom " + ref.get("vr").asText() + "): ours="
                        + describe(value) + " pydicom=" + refValue);
            }
        }
        for (Iterator<String> it = theirs.fieldNames(); it.hasNext(); ) {
            String hex = it.next();
            if (!seen.contains(hex)) {
                JsonNode ref = theirs.get(hex);
                diffs.add(path + Tag.toString(Tag.parse(hex)) + " " + ref.get("keyword").asText()
                        + ": only in pydicom, " + ref.get("vr").asText() + " " + ref.get("value"));
            }
        }
    }

    /** Equal in the Values convention: integers exactly, doubles to a relative 1e-12. */
    private static boolean same(Object ours, JsonNode ref) {
        if (ours == null || ref.isNull()) {
            return ours == null && ref.isNull();
        }
        if (ours instanceof String s) {
            return ref.isTextual() && ref.asText().equals(s);
        }
        if (ours instanceof Boolean b) {
            return ref.isBoolean() && ref.asBoolean() == b;
        }
        if (ours instanceof Double d) {
            if (!ref.isFloatingPointNumber()) {
                return false;
            }
            double r = ref.asDouble();
            return d == r || Math.abs(d - r) <= RELATIVE_TOLERANCE * Math.max(Math.abs(d), Math.abs(r));
        }
        if (ours instanceof Long || ours instanceof Integer || ours instanceof BigInteger) {
            return ref.isIntegralNumber() && new BigInteger(ours.toString()).equals(ref.bigIntegerValue());
        }
        if (ours instanceof List<?> list) {
            if (!ref.isArray() || ref.size() != list.size()) {
                return false;
            }
            for (int i = 0; i < list.size(); i++) {
                if (!same(list.get(i), ref.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (ours instanceof Map<?, ?> map) {
            if (!ref.isObject() || ref.size() != map.size()) {
                return false;
            }
            for (Map.Entry<?, ?> en : map.entrySet()) {
                JsonNode r = ref.get(String.valueOf(en.getKey()));
                if (r == null || !same(en.getValue(), r)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        String text = String.valueOf(v);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    // ---- helpers ----

    private static String relative(Path file) {
        return DATA.relativize(file).toString();
    }

    private static JsonNode referenceOf(Path file) {
        JsonNode ref = reference.get(file.toString());
        assertThat(ref).as("pydicom reference for %s", file).isNotNull();
        return ref;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    /** Little-endian values of a numpy dtype, as doubles. */
    private static double[] readRaw(Path raw, String dtype, int count) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = switch (dtype) {
                case "uint8" -> b.get() & 0xFF;
                case "int8" -> b.get();
                case "uint16" -> b.getShort() & 0xFFFF;
                case "int16" -> b.getShort();
                case "uint32" -> b.getInt() & 0xFFFFFFFFL;
                case "int32" -> b.getInt();
                case "int64" -> b.getLong();
                case "float32" -> b.getFloat();
                case "float64" -> b.getDouble();
                default -> throw new IllegalArgumentException("dtype " + dtype);
            };
        }
        assertThat(b.remaining()).as("bytes left in pydicom's raw array %s", raw).isZero();
        return out;
    }
}
