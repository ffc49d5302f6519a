// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DicomWriterTest {
    @TempDir
    Path tmp;

    /** A data set with one element of every VR, a nested sequence, odd-length strings and pixel data. */
    static Attributes everyVr() {
        Attributes ds = new Attributes();
        ds.put(DicomElements.string(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192"));
        ds.put(DicomElements.string(Tags.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL"));
        ds.put(DicomElements.string(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2"));
        ds.put(DicomElements.string(Tags.SOPInstanceUID, VR.UI, "1.2.3.456"));
        ds.put(DicomElements.string(Tags.StudyDate, VR.DA, "20240131"));
        ds.put(DicomElements.string(Tags.AcquisitionDateTime, VR.DT, "20240131123456.5+0100"));
        ds.put(DicomElements.string(Tags.StudyTime, VR.TM, "123456.789"));
        ds.put(DicomElements.string(Tags.RetrieveAETitle, VR.AE, "AET"));
        ds.put(DicomElements.string(Tags.PatientAge, VR.AS, "042Y"));
        ds.put(DicomElements.string(Tags.PatientName, VR.PN, "M\u00fcller^Jos\u00e9"));
        ds.put(DicomElements.string(Tags.PatientID, VR.LO, "odd"));
        ds.put(DicomElements.string(Tags.StationName, VR.SH, "CT1"));
        ds.put(DicomElements.string(Tags.AdditionalPatientHistory, VR.LT, "line1\r\nline2"));
        ds.put(DicomElements.string(Tags.DerivationDescription, VR.ST, "short text"));
        ds.put(DicomElements.string(Tags.StrainAdditionalInformation, VR.UT, "unlimited \\ text"));
        ds.put(DicomElements.string(Tags.StrainStockNumber, VR.UC, "UC value"));
        ds.put(DicomElements.string(Tags.RetrieveURL, VR.UR, "http://example.org/x"));
        ds.put(DicomElements.ints(Tags.SeriesNumber, VR.IS, 7));
        ds.put(DicomElements.doubles(Tags.PixelSpacing, VR.DS, 0.5, 1.0 / 3));
        ds.put(DicomElements.ints(Tags.Rows, VR.US, 2));
        ds.put(DicomElements.ints(Tags.Columns, VR.US, 2));
        ds.put(DicomElements.ints(Tags.PixelRepresentation, VR.US, 1));
        ds.put(DicomElements.ints(Tags.TagAngleSecondAxis, VR.SS, -5));
        ds.put(DicomElements.ints(Tags.SimpleFrameList, VR.UL, 1, 2, 3));
        ds.put(DicomElements.ints(Tags.ReferencePixelX0, VR.SL, -70000));
        ds.put(DicomElements.ints(Tags.SelectorSVValue, VR.SV, -1));
        ds.put(DicomElements.ints(Tags.SelectorUVValue, VR.UV, 9));
        ds.put(DicomElements.doubles(Tags.RecommendedDisplayFrameRateInFloat, VR.FL, 2.5));
        ds.put(DicomElements.doubles(Tags.RealWorldValueLUTData, VR.FD, 1e-300, -2.0));
        ds.put(DicomElements.bytes(Tags.FrameIncrementPointer, VR.AT, new byte[] {0x18, 0x00, 0x63, 0x10}));
        ds.put(DicomElements.bytes(Tags.FloatPixelData, VR.OF, new byte[8]));
        ds.put(DicomElements.bytes(Tags.DoubleFloatPixelData, VR.OD, new byte[8]));
        ds.put(DicomElements.bytes(Tags.LongPrimitivePointIndexList, VR.OL, new byte[] {1, 0, 0, 0}));
        ds.put(DicomElements.bytes(Tags.ExtendedOffsetTable, VR.OV, new byte[] {1, 0, 0, 0, 0, 0, 0, 0}));
        ds.put(DicomElements.bytes(Tags.ICCProfile, VR.OB, new byte[] {1, 2, 3, 4}));
        ds.put(DicomElements.bytes(0x00091001, VR.UN, new byte[] {9, 8}));
        ds.put(DicomElements.string(0x00090010, VR.LO, "ACME"));
        Attributes inner = new Attributes();
        inner.put(DicomElements.string(Tags.CodeValue, VR.SH, "T-D1100"));
        Attributes item = new Attributes();
        item.put(DicomElements.string(Tags.ReferencedSOPInstanceUID, VR.UI, "1.2.3"));
        item.put(DicomElements.sequence(Tags.AnatomicRegionSequence, List.of(inner, new Attributes())));
        ds.put(DicomElements.sequence(Tags.ReferencedImageSequence, List.of(item)));
        ds.put(DicomElements.sequence(Tags.ReferencedStudySequence, List.of()));
        ds.put(DicomElements.bytes(Tags.PixelData, VR.OW, new byte[] {1, 0, 2, 0, 3, 0, (byte) 0xFF, (byte) 0xFF}));
        return ds;
    }

    @Test
    void writesAFileThatReadsBackToTheSameDataSet() throws Exception {
        Attributes ds = everyVr();
        Path out = tmp.resolve("every.dcm");
        DicomWriter.write(out, new Attributes(), ds);
        DicomFile back = DicomReader.read(out, ReadOptions.full().withStrict(true));
        assertThat(back.hasPreamble()).isTrue();
        assertThat(back.transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LE);
        assertThat(back.fileMeta().getString(Tags.MediaStorageSOPInstanceUID)).hasValue("1.2.3.456");
        assertThat(back.fileMeta().getString(Tags.MediaStorageSOPClassUID)).hasValue("1.2.840.10008.5.1.4.1.1.2");
        assertThat(back.fileMeta().getBytes(Tags.FileMetaInformationVersion)).containsExactly(0, 1);
        assertThat(Values.toMap(back.dataset())).isEqualTo(Values.toMap(ds));
        assertThat(back.dataset().getOrNull(Tags.PatientID).bytes()).containsExactly('o', 'd', 'd', ' ');
        assertThat(back.dataset().getOrNull(Tags.SOPInstanceUID).bytes()).endsWith(0);
        assertThat(back.dataset().getString(Tags.PatientName)).hasValue("M\u00fcller^Jos\u00e9");
    }

    @Test
    void recomputesTheMetaGroupLength() throws Exception {
        Path out = tmp.resolve("meta.dcm");
        DicomWriter.write(out, new Attributes(), everyVr());
        DicomFile back = DicomReader.read(out);
        long metaBytes = 0;
        for (DicomElement e : back.fileMeta().elements()) {
            if (e.tag() != Tags.FileMetaInformationGroupLength) {
                metaBytes += (e.vr().hasLongLength() ? 12 : 8) + e.length();
            }
        }
        assertThat(back.fileMeta().getInt(Tags.FileMetaInformationGroupLength)).hasValue((int) metaBytes);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MR_small_bigendian.dcm", "rtplan.dcm", "JPEG2000.dcm", "CT_small.dcm"})
    void rewritesPydicomFilesKeepingEveryValue(String name) throws Exception {
        DicomFile in = DicomReader.read(PydicomFiles.testFile(name));
        Path out = tmp.resolve(name);
        DicomWriter.write(out, in.fileMeta(), in.dataset());
        DicomFile back = DicomReader.read(out, ReadOptions.full().withStrict(true));
        Attributes expected = in.dataset();
        // group lengths are dropped on writing
        for (int t : expected.tags()) {
            if (Tag.isGroupLength(t)) {
                expected.remove(t);
            }
        }
        assertThat(Values.toMap(back.dataset())).isEqualTo(Values.toMap(expected));
        if (!expected.contains(Tags.PixelData)) {
            return;
        }
        if (expected.getOrNull(Tags.PixelData).isFragments()) {
            Fragments a = expected.getOrNull(Tags.PixelData).fragments();
            Fragments b = back.dataset().getOrNull(Tags.PixelData).fragments();
            assertThat(b.size()).isEqualTo(a.size());
            assertThat(b.fragment(0)).isEqualTo(a.fragment(0));
            assertThat(back.transferSyntax()).isEqualTo(in.transferSyntax());
        } else {
            assertThat(back.dataset().getInts(Tags.Rows)).isEqualTo(expected.getInts(Tags.Rows));
            assertThat(Values.typed(back.dataset(), back.dataset().getOrNull(Tags.PixelData)))
                    .isEqualTo(Values.typed(expected, expected.getOrNull(Tags.PixelData)));
        }
    }

    @Test
    void convertsBigEndianPixelDataToLittleEndian() throws Exception {
        DicomFile be = DicomReader.read(PydicomFiles.testFile("MR_small_bigendian.dcm"));
        DicomFile le = DicomReader.read(PydicomFiles.testFile("MR_small.dcm"));
        Path out = tmp.resolve("le.dcm");
        DicomWriter.write(out, be.fileMeta(), be.dataset());
        assertThat(DicomReader.read(out).dataset().getBytes(Tags.PixelData))
                .isEqualTo(le.dataset().getBytes(Tags.PixelData));
    }

    @Test
    void refusesEncapsulatedPixelDataUnderANativeSyntax() throws Exception {
        DicomFile jp = DicomReader.read(PydicomFiles.testFile("JPEG2000.dcm"));
        assertThatThrownBy(() -> DicomWriter.write(tmp.resolve("x.dcm"), new Attributes(), jp.dataset()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(7FE0,0010)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(doubles = {0.5, 1.0 / 3, -123456.789012345, 1e-20, 6.02214076e23, 42, -0.0001234567890123})
    void formatsDecimalStringsInSixteenCharactersAtMost(double v) {
        String s = DicomElements.formatDS(v);
        assertThat(s.length()).isLessThanOrEqualTo(16);
        assertThat(Double.parseDouble(s)).isCloseTo(v, org.assertj.core.data.Percentage.withPercentage(1e-8));
        assertThat(s).matches("[0-9+\\-.E]+");
    }
}
