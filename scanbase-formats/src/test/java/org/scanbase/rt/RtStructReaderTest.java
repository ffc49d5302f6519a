// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.DicomParseException;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;

class RtStructReaderTest {
    static final Path PYDICOM_RTSTRUCT = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/rtstruct.dcm");
    static final Path FILE = Path.of("test.dcm");

    static JsonNode pydicom(Path file) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "src/test/python/rtstruct_reference.py", file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("rtstruct_reference.py exit code").isZero();
        return new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void readsPydicomsRtstructWithTheValuesPydicomShows() throws Exception {
        JsonNode ref = pydicom(PYDICOM_RTSTRUCT);
        RtStructReader.Result result = RtStructReader.read(PYDICOM_RTSTRUCT);
        RtStructureSet set = result.structureSet();

        assertThat(result.warnings()).isEmpty();
        assertThat(set.sopInstanceUid()).isEqualTo(ref.get("sopInstanceUid").asText());
        assertThat(set.label()).isEqualTo(ref.get("label").asText());
        assertThat(set.framesOfReference()).hasSize(ref.get("frames").size());
        for (int f = 0; f < set.framesOfReference().size(); f++) {
            JsonNode rf = ref.get("frames").get(f);
            assertThat(set.framesOfReference().get(f).frameOfReferenceUid()).isEqualTo(rf.get("frameOfReferenceUid").asText());
            List<String> series = new ArrayList<>();
            rf.get("series").forEach(s -> series.add(s.asText()));
            assertThat(set.framesOfReference().get(f).seriesInstanceUids()).isEqualTo(series);
        }
        assertThat(set.rois()).hasSize(ref.get("rois").size());
        for (int r = 0; r < set.rois().size(); r++) {
            Roi roi = set.rois().get(r);
            JsonNode rr = ref.get("rois").get(r);
            assertThat(roi.number()).isEqualTo(rr.get("number").asInt());
            assertThat(roi.name()).isEqualTo(rr.get("name").asText());
            assertThat(roi.frameOfReferenceUid()).isEqualTo(rr.get("frameOfReferenceUid").asText());
            assertThat(roi.generationAlgorithm()).isEqualTo(rr.get("generationAlgorithm").asText());
            assertThat(roi.interpretedType()).isEqualTo(rr.get("interpretedType").asText());
            int[] colour = new int[rr.get("displayColor").size()];
            for (int i = 0; i < colour.length; i++) {
                colour[i] = rr.get("displayColor").get(i).asInt();
            }
            assertThat(roi.displayColor()).containsExactly(colour);
            assertThat(roi.contours()).hasSize(rr.get("contours").size());
            for (int c = 0; c < roi.contours().size(); c++) {
                Contour contour = roi.contours().get(c);
                JsonNode rc = rr.get("contours").get(c);
                assertThat(contour.type().name()).isEqualTo(rc.get("type").asText());
                double[] pts = new double[rc.get("points").size()];
                for (int i = 0; i < pts.length; i++) {
                    pts[i] = rc.get("points").get(i).asDouble();
                }
                assertThat(contour.points()).containsExactly(pts);
                assertThat(contour.referencedSopInstanceUids()).hasSize(rc.get("refs").size());
            }
        }
    }

    // ---- bad input ----

    static Attributes structureSet(Attributes... contours) {
        Attributes ds = new Attributes();
        ds.put(DicomElements.string(Tags.SOPClassUID, VR.UI, RtStructReader.RT_STRUCTURE_SET_STORAGE));
        ds.put(DicomElements.string(Tags.SOPInstanceUID, VR.UI, "1.2.3"));
        Attributes roi = new Attributes();
        roi.put(DicomElements.ints(Tags.ROINumber, VR.IS, 1));
        roi.put(DicomElements.string(Tags.ROIName, VR.LO, "GTV"));
        roi.put(DicomElements.string(Tags.ReferencedFrameOfReferenceUID, VR.UI, Grids.FRAME_OF_REFERENCE));
        ds.put(DicomElements.sequence(Tags.StructureSetROISequence, List.of(roi)));
        Attributes rc = new Attributes();
        rc.put(DicomElements.ints(Tags.ReferencedROINumber, VR.IS, 1));
        rc.put(DicomElements.sequence(Tags.ContourSequence, List.of(contours)));
        ds.put(DicomElements.sequence(Tags.ROIContourSequence, List.of(rc)));
        return ds;
    }

    static Attributes contour(String type, Integer declaredPoints, String data) {
        Attributes c = new Attributes();
        c.put(DicomElements.string(Tags.ContourGeometricType, VR.CS, type));
        if (declaredPoints != null) {
            c.put(DicomElements.ints(Tags.NumberOfContourPoints, VR.IS, declaredPoints));
        }
        c.put(DicomElements.string(Tags.ContourData, VR.DS, data.split(",")));
        return c;
    }

    @Test
    void rejectsAFileWithoutStructureSetRoiSequence() {
        Attributes ds = structureSet();
        ds.remove(Tags.StructureSetROISequence);
        assertThatThrownBy(() -> RtStructReader.read(FILE, ds)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("test.dcm").hasMessageContaining("(3006,0020)").hasMessageContaining("missing");
    }

    @Test
    void rejectsAFileThatIsNotAStructureSet() {
        Attributes ds = new Attributes();
        ds.put(DicomElements.string(Tags.SOPClassUID, VR.UI, Grids.CT_IMAGE_STORAGE));
        ds.put(DicomElements.string(Tags.Modality, VR.CS, "CT"));
        assertThatThrownBy(() -> RtStructReader.read(FILE, ds)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("not an RT Structure Set");
    }

    @Test
    void warnsWhenRoiContourSequenceIsMissing() throws Exception {
        Attributes ds = structureSet();
        ds.remove(Tags.ROIContourSequence);
        RtStructReader.Result r = RtStructReader.read(FILE, ds);
        assertThat(r.structureSet().rois()).singleElement().satisfies(roi -> assertThat(roi.contours()).isEmpty());
        assertThat(r.warnings()).singleElement().asString().contains("(3006,0039) ROIContourSequence is missing");
    }

    @Test
    void keepsAContourWhosePointCountDisagreesWithItsDataAndSaysSo() throws Exception {
        RtStructReader.Result r = RtStructReader.read(FILE, structureSet(
                contour("CLOSED_PLANAR", 5, "0,0,0,1,0,0,1,1,0")));
        assertThat(r.structureSet().rois().get(0).contours()).singleElement()
                .satisfies(c -> assertThat(c.pointCount()).isEqualTo(3));
        assertThat(r.warnings()).singleElement().asString()
                .contains("(3006,0046) NumberOfContourPoints is 5").contains("holds 3 points")
                .contains("ContourSequence item 1");
    }

    @Test
    void skipsContoursWithNanValuesOrIncompleteTripletsWithAWarning() throws Exception {
        RtStructReader.Result r = RtStructReader.read(FILE, structureSet(
                contour("CLOSED_PLANAR", 3, "0,0,0,NaN,0,0,1,1,0"),
                contour("CLOSED_PLANAR", 3, "0,0,0,1,0,0,1,1"),
                contour("CLOSED_PLANAR", 3, "0,0,0,abc,0,0,1,1,0"),
                contour("BLOB", 1, "0,0,0"),
                contour("CLOSED_PLANAR", 3, "0,0,0,1,0,0,1,1,0")));
        assertThat(r.structureSet().rois().get(0).contours()).hasSize(1);
        assertThat(r.warnings()).hasSize(4);
        assertThat(r.warnings().get(0)).contains("item 1").contains("NaN");
        assertThat(r.warnings().get(1)).contains("item 2").contains("8 values");
        assertThat(r.warnings().get(2)).contains("item 3").contains("'abc' is not a number");
        assertThat(r.warnings().get(3)).contains("item 4").contains("'BLOB'");
    }

    @Test
    void warnsAboutContoursForUnknownRois() throws Exception {
        Attributes ds = structureSet();
        Attributes rc = new Attributes();
        rc.put(DicomElements.ints(Tags.ReferencedROINumber, VR.IS, 9));
        ds.put(DicomElements.sequence(Tags.ROIContourSequence, List.of(rc)));
        assertThat(RtStructReader.read(FILE, ds).warnings()).singleElement().asString()
                .contains("ReferencedROINumber 9 names no ROI");
    }

    @Test
    void rejectsDuplicateRoiNumbers() {
        Attributes ds = structureSet();
        Attributes roi = new Attributes();
        roi.put(DicomElements.ints(Tags.ROINumber, VR.IS, 1));
        ds.put(DicomElements.sequence(Tags.StructureSetROISequence, List.of(roi, roi)));
        assertThatThrownBy(() -> RtStructReader.read(FILE, ds)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("ROI number 1 is used twice");
    }
}
