// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DicomReaderTest {
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    private static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    private static final long UNDEFINED = 0xFFFFFFFFL;

    /** Files of pydicom's test set that exercise the parser and read without error. */
    private static final List<String> READABLE = List.of(
            "ExplVR_BigEndNoMeta.dcm", "ExplVR_LitEndNoMeta.dcm", "image_dfl.dcm", "UN_sequence.dcm",
            "nested_priv_SQ.dcm", "priv_SQ.dcm", "meta_missing_tsyntax.dcm", "badVR.dcm", "CT_small.dcm",
            "MR_small_implicit.dcm", "MR_small_bigendian.dcm", "MR_small_padded.dcm", "SC_rgb_jpeg.dcm",
            "JPEG2000.dcm", "rtplan.dcm", "rtstruct.dcm",
            "no_meta_group_length.dcm", "empty_charset_LEI.dcm", "waveform_ecg.dcm", "test-SR.dcm",
            "dicomdirtests/DICOMDIR", "dicomdirtests/DICOMDIR-bigEnd", "dicomdirtests/DICOMDIR-implicit",
            "dicomdirtests/DICOMDIR-nooffset", "dicomdirtests/DICOMDIR-reordered", "dicomdirtests/DICOMDIR-nopatient",
            "dicomdirtests/DICOMDIR-empty.dcm");

    @TempDir
    Path tmp;

    private static Map<String, Map<String, Object>> reference;

    @BeforeAll
    static void runPydicom() throws Exception {
        List<String> args = READABLE.stream().map(f -> PydicomFiles.testFile(f).toString()).toList();
        reference = new ObjectMapper().readValue(PydicomFiles.runPython("dataset_reference.py", args),
                new TypeReference<>() { });
    }

    static Stream<String> readableFiles() {
        return READABLE.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readableFiles")
    void readsPydicomTestFilesWithTheSameTopLevelElementsAsPydicom(String name) throws Exception {
        DicomFile f = DicomReader.read(PydicomFiles.testFile(name));
        Map<String, Object> ref = reference.get(Path.of(name).getFileName().toString());
        List<String> tags = new ArrayList<>();
        for (int t : f.dataset().tags()) {
            tags.add(Tag.hex(t));
        }
        assertThat(tags).isEqualTo(ref.get("tags"));
        if (ref.get("ts") != null) {
            assertThat(f.transferSyntax().uid()).isEqualTo(ref.get("ts"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Integer> items = (Map<String, Integer>) ref.get("items");
        items.forEach((tag, n) -> assertThat(f.dataset().getSequence(Tag.parse(tag))).as(tag).hasSize(n));
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of("MR_truncated.dcm", "(7FE0,0010) PixelData at byte 1488"),
                Arguments.of("rtplan_truncated.dcm", "(300A,00B0) BeamSequence at byte"),
                // this copy of no_meta.dcm starts one byte off; pydicom refuses it without force too
                Arguments.of("no_meta.dcm", "not a DICOM file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void refusesTruncatedPydicomFilesNamingTagAndOffset(String name, String message) {
        assertThatThrownBy(() -> DicomReader.read(PydicomFiles.testFile(name)))
                .isInstanceOf(DicomParseException.class).hasMessageContaining(name).hasMessageContaining(message);
    }

    @Test
    void guessesTheEncodingOfFilesWithoutMetaGroup() throws Exception {
        assertThat(DicomReader.read(PydicomFiles.testFile("ExplVR_BigEndNoMeta.dcm")).transferSyntax())
                .isEqualTo(TransferSyntax.EXPLICIT_VR_BE);
        DicomFile le = DicomReader.read(PydicomFiles.testFile("ExplVR_LitEndNoMeta.dcm"));
        assertThat(le.transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LE);
        assertThat(le.hasPreamble()).isFalse();
        assertThat(le.fileMeta().isEmpty()).isTrue();
    }

    @Test
    void aThreadReadingFileAfterFileGetsEachFilesOwnValues() throws Exception {
        // the read window is handed from one read to the next on a thread: no value may keep it
        String[] names = {"CT_small.dcm", "MR_small.dcm", "image_dfl.dcm", "rtstruct.dcm", "CT_small.dcm"};
        List<DicomFile> first = new java.util.ArrayList<>();
        for (String name : names) {
            first.add(DicomReader.readHeader(PydicomFiles.testFile(name)));
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < names.length; i++) {
                DicomFile again = DicomReader.readHeader(PydicomFiles.testFile(names[i]));
                assertThat(again.dataset().getString(Tags.SOPInstanceUID))
                        .isEqualTo(first.get(i).dataset().getString(Tags.SOPInstanceUID));
                assertThat(again.dataset().getString(Tags.PatientName))
                        .isEqualTo(first.get(i).dataset().getString(Tags.PatientName));
            }
        }
        assertThat(first.get(0).dataset().getString(Tags.SOPInstanceUID))
                .isEqualTo(first.get(4).dataset().getString(Tags.SOPInstanceUID))
                .isNotEqualTo(first.get(1).dataset().getString(Tags.SOPInstanceUID));
    }

    @Test
    void readsTheDeflatedExample() throws Exception {
        DicomFile f = DicomReader.read(PydicomFiles.testFile("image_dfl.dcm"));
        assertThat(f.transferSyntax().deflated()).isTrue();
        assertThat(f.dataset().getInt(Tags.Rows)).hasValue(512);
        assertThat(f.dataset().getBytes(Tags.PixelData)).hasSize(512 * 512);
    }

    @Test
    void reinterpretsAnExplicitUnAsTheSequenceItHides() throws Exception {
        DicomFile f = DicomReader.read(PydicomFiles.testFile("UN_sequence.dcm"));
        DicomElement e = f.dataset().getOrNull(0x4453100C);
        assertThat(e.isSequence()).isTrue();
        assertThat(e.items().get(0).isEmpty()).isFalse();
    }

    @Test
    void readsNestedPrivateSequencesInImplicitVr() throws Exception {
        DicomFile f = DicomReader.read(PydicomFiles.testFile("nested_priv_SQ.dcm"));
        Attributes outer = f.dataset().getSequence(0x00010001).get(0);
        Attributes inner = outer.getSequence(0x00010001).get(0);
        assertThat(new String(inner.getBytes(0x00010001), StandardCharsets.US_ASCII)).isEqualTo("Double Nested SQ");
        assertThat(inner.parent()).isSameAs(outer);
        assertThat(outer.parent()).isSameAs(f.dataset());
    }

    // ---- files built in the test ----

    private static RawDataSet sample(RawDataSet ds) {
        return ds.string(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100")
                .string(Tags.Modality, VR.CS, "CT")
                .string(Tags.PatientName, VR.PN, "Buc^J\u00e9r\u00f4me")
                .us(Tags.Rows, 2).us(Tags.Columns, 2);
    }

    private Path file(byte[] bytes) throws Exception {
        Path p = Files.createTempFile(tmp, "t", ".dcm");
        Files.write(p, bytes);
        return p;
    }

    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of("explicit VR little endian", RawDataSet.explicitLe(), EXPLICIT_LE),
                Arguments.of("implicit VR little endian", RawDataSet.implicitLe(), IMPLICIT_LE),
                Arguments.of("explicit VR big endian", RawDataSet.explicitBe(), EXPLICIT_BE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void readsEachUncompressedEncodingWithAndWithoutMeta(String name, RawDataSet ds, String ts) throws Exception {
        byte[] body = sample(ds).bytes();
        for (byte[] bytes : List.of(RawDataSet.concat(RawDataSet.meta(ts), body), body)) {
            DicomFile f = DicomReader.read(file(bytes));
            assertThat(f.transferSyntax().uid()).isEqualTo(ts);
            assertThat(f.dataset().getString(Tags.PatientName)).hasValue("Buc^J\u00e9r\u00f4me");
            assertThat(f.dataset().getInt(Tags.Columns)).hasValue(2);
            assertThat(f.dataset().getOrNull(Tags.Rows).vr()).isEqualTo(VR.US);
        }
    }

    @Test
    void readsAMetaGroupWithoutPreamble() throws Exception {
        byte[] part10 = sample(RawDataSet.explicitLe()).asPart10(EXPLICIT_LE);
        byte[] noPreamble = java.util.Arrays.copyOfRange(part10, 132, part10.length);
        DicomFile f = DicomReader.read(file(noPreamble));
        assertThat(f.hasPreamble()).isFalse();
        assertThat(f.fileMeta().getString(Tags.TransferSyntaxUID)).hasValue(EXPLICIT_LE);
        assertThat(f.dataset().getString(Tags.Modality)).hasValue("CT");
    }

    @Test
    void readsADeflatedDataSetBuiltInTheTest() throws Exception {
        byte[] body = sample(RawDataSet.explicitLe()).bytes();
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(body);
        d.finish();
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        while (!d.finished()) {
            z.write(buf, 0, d.deflate(buf));
        }
        byte[] bytes = RawDataSet.concat(RawDataSet.meta("1.2.840.10008.1.2.1.99"), z.toByteArray());
        DicomFile f = DicomReader.read(file(bytes));
        assertThat(f.dataset().getString(Tags.PatientName)).hasValue("Buc^J\u00e9r\u00f4me");
    }

    @Test
    void readsUndefinedLengthSequencesAndItemsAndAnUnHidingASequence() throws Exception {
        RawDataSet ds = RawDataSet.explicitLe();
        ds.header(Tags.ReferencedImageSequence, VR.SQ, UNDEFINED).item(UNDEFINED)
                .string(Tags.ReferencedSOPInstanceUID, VR.UI, "1.2.3\0").itemEnd().sequenceEnd();
        // a known sequence sent as UN with defined length: its items are implicit VR little endian
        RawDataSet inner = RawDataSet.implicitLe();
        inner.item(12).string(Tags.ReferencedSOPInstanceUID, VR.UI, "1.2\0");
        ds.header(Tags.ReferencedStudySequence, VR.UN, inner.size()).raw(inner.bytes());
        // a private sequence with undefined length sent as UN
        RawDataSet priv = RawDataSet.implicitLe();
        priv.item(UNDEFINED).string(0x00091002, VR.LO, "in").itemEnd().sequenceEnd();
        ds.string(0x00090010, VR.LO, "ACME").header(0x00091001, VR.UN, UNDEFINED).raw(priv.bytes());
        DicomFile f = DicomReader.read(file(ds.asPart10(EXPLICIT_LE)));
        assertThat(f.dataset().getItem(Tags.ReferencedImageSequence).orElseThrow()
                .getString(Tags.ReferencedSOPInstanceUID)).hasValue("1.2.3");
        Attributes study = f.dataset().getItem(Tags.ReferencedStudySequence).orElseThrow();
        assertThat(study.getString(Tags.ReferencedSOPInstanceUID)).hasValue("1.2");
        assertThat(study.getOrNull(Tags.ReferencedSOPInstanceUID).vr()).isEqualTo(VR.UI);
        assertThat(f.dataset().getItem(0x00091001).orElseThrow().getBytes(0x00091002)).containsExactly('i', 'n');
    }

    @Test
    void keepsOddLengthValuesWithAWarningAndRefusesThemInStrictMode() throws Exception {
        Path p = file(RawDataSet.explicitLe().string(Tags.PatientID, VR.LO, "ABC").asPart10(EXPLICIT_LE));
        DicomFile f = DicomReader.read(p);
        assertThat(f.dataset().getString(Tags.PatientID)).hasValue("ABC");
        assertThat(f.warnings()).singleElement().asString().contains("(0010,0020) PatientID").contains("odd");
        assertThatThrownBy(() -> DicomReader.read(p, ReadOptions.full().withStrict(true)))
                .isInstanceOf(DicomParseException.class).hasMessageContaining("odd value length 3");
    }

    @Test
    void toleratesTrailingPaddingAfterTheDataSet() throws Exception {
        RawDataSet ds = sample(RawDataSet.explicitLe());
        ds.header(0xFFFCFFFC, VR.OB, 6).raw(new byte[6]);
        DicomFile padded = DicomReader.read(file(ds.asPart10(EXPLICIT_LE)));
        // kept as an ordinary element, as pydicom keeps it
        assertThat(padded.dataset().getBytes(0xFFFCFFFC)).hasSize(6);
        byte[] zeros = RawDataSet.concat(sample(RawDataSet.explicitLe()).asPart10(EXPLICIT_LE), new byte[5]);
        assertThat(DicomReader.read(file(zeros)).dataset().size()).isEqualTo(5);
    }

    @Test
    void readsAmbiguousImplicitVrsLikePydicom() throws Exception {
        RawDataSet ds = RawDataSet.implicitLe();
        ds.us(Tags.PixelRepresentation, 1).us(Tags.SmallestImagePixelValue, 0xFFFF);
        ds.header(Tags.PixelData, VR.OW, 4).raw(new byte[4]);
        DicomFile f = DicomReader.read(file(ds.bytes()));
        assertThat(f.dataset().getOrNull(Tags.SmallestImagePixelValue).vr()).isEqualTo(VR.SS);
        assertThat(Values.typed(f.dataset(), f.dataset().getOrNull(Tags.SmallestImagePixelValue))).isEqualTo(-1L);
        assertThat(f.dataset().getOrNull(Tags.PixelData).vr()).isEqualTo(VR.OW);
    }

    // ---- header-only reading ----

    @Test
    void headerOnlyReadingReferencesPixelDataWithoutReadingIt() throws Exception {
        Path ct = PydicomFiles.testFile("CT_small.dcm");
        DicomFile header = DicomReader.readHeader(ct);
        DicomElement px = header.dataset().getOrNull(Tags.PixelData);
        assertThat(px.isBulk()).isTrue();
        assertThat(px.bulk().length()).isEqualTo(128 * 128 * 2);
        assertThat(px.bulk().offset() + px.bulk().length()).isLessThanOrEqualTo(Files.size(ct));
        DicomFile full = DicomReader.read(ct);
        assertThat(DicomReader.loadPixelData(header).bytes()).isEqualTo(full.dataset().getBytes(Tags.PixelData));
    }

    @Test
    void headerOnlyReadingRecordsEncapsulatedPixelDataWithUndefinedLength() throws Exception {
        Path jp = PydicomFiles.testFile("JPEG2000.dcm");
        DicomElement px = DicomReader.readHeader(jp).dataset().getOrNull(Tags.PixelData);
        assertThat(px.bulk().length()).isEqualTo(-1);
        DicomElement loaded = DicomReader.loadPixelData(DicomReader.readHeader(jp));
        Fragments full = DicomReader.read(jp).dataset().getOrNull(Tags.PixelData).fragments();
        assertThat(loaded.fragments().size()).isEqualTo(full.size()).isPositive();
        assertThat(loaded.fragments().fragment(0)).isEqualTo(full.fragment(0));
    }

    @Test
    void headerOnlyReadingStillChecksThatPixelDataFitsInTheFile() {
        assertThatThrownBy(() -> DicomReader.readHeader(PydicomFiles.testFile("MR_truncated.dcm")))
                .isInstanceOf(DicomParseException.class).hasMessageContaining("(7FE0,0010) PixelData");
    }

    @Test
    void stopsBeforeTheStopTag() throws Exception {
        DicomFile f = DicomReader.read(PydicomFiles.testFile("CT_small.dcm"),
                new ReadOptions(Tags.PatientName, BulkDataPolicy.LOAD, false));
        assertThat(f.dataset().contains(Tags.PatientName)).isFalse();
        assertThat(f.dataset().contains(Tags.Modality)).isTrue();
    }
}
