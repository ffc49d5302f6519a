// SPDX-License-Identifier: Apache-2.0
package org.scanbase.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.DicomParseException;
import org.scanbase.dicom.DicomWriter;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;
import org.scanbase.rt.MaskRoi;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

/**
 * Reading segmentations written by pydicom (src/test/python/seg_fixture.py, an independent
 * writer whose frames follow a formula), and bad input made by editing segmentations we wrote.
 */
class SegReaderTest {
    /** (segment, slice) of each frame in file order: segments and slices interleaved, two slices empty for segment 2. */
    private static final int[][] FRAMES = {{2, 3}, {1, 0}, {1, 2}, {2, 0}, {1, 3}, {1, 1}};

    @TempDir
    Path tmp;

    private final Geometry geometry = SegGrids.axial(27, 13, 4, 0.7, 0.9, 2.5);
    private final ReferencedGrid grid = SegGrids.grid(geometry);

    private Path pydicomSeg(boolean fractional) throws Exception {
        ObjectMapper om = new ObjectMapper();
        ObjectNode spec = om.createObjectNode();
        spec.put("rows", 13).put("columns", 27).put("thickness", 2.5).put("fractional", fractional)
                .put("frameOfReference", SegGrids.FRAME_OF_REFERENCE);
        spec.putArray("orientation").add(1).add(0).add(0).add(0).add(1).add(0);
        spec.putArray("spacing").add(0.9).add(0.7);
        ArrayNode positions = spec.putArray("positions");
        ArrayNode uids = spec.putArray("uids");
        for (int k = 0; k < 4; k++) {
            ArrayNode p = positions.addArray();
            for (double v : grid.slicePosition(k)) {
                p.add(v);
            }
            uids.add(grid.sopInstanceUids().get(k));
        }
        ArrayNode frames = spec.putArray("frames");
        ArrayNode refs = spec.putArray("withReference");
        for (int f = 0; f < FRAMES.length; f++) {
            frames.addArray().add(FRAMES[f][0]).add(FRAMES[f][1]);
            refs.add(f % 2 == 0);   // odd frames are placed by ImagePositionPatient alone
        }
        Path json = tmp.resolve("spec.json");
        Files.writeString(json, om.writeValueAsString(spec));
        Path out = tmp.resolve(fractional ? "fractional.dcm" : "binary.dcm");
        Process p = new ProcessBuilder("/usr/bin/python3", "src/test/python/seg_fixture.py", out.toString(),
                json.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        return out;
    }

    /** The fixture's value for pixel (r, c) of segment s on slice k, 0 where the pair has no frame. */
    private static int fixture(int s, int k, int r, int c) {
        for (int[] f : FRAMES) {
            if (f[0] == s && f[1] == k) {
                return (13 * s + 7 * k + 3 * r + 5 * c) % 256;
            }
        }
        return -1;
    }

    @Test
    void readsABinarySegmentationFromPydicomWhoseFramesAreNotByteAligned() throws Exception {
        Segmentation seg = SegReader.read(pydicomSeg(false));   // 13 x 27 = 351 bits per frame

        assertThat(seg.warnings()).isEmpty();
        assertThat(seg.frames()).hasSize(FRAMES.length);
        Segment alpha = seg.segment(1).orElseThrow();
        assertThat(alpha.label()).isEqualTo("alpha");
        assertThat(alpha.algorithmType()).isEqualTo("AUTOMATIC");
        assertThat(alpha.algorithmName()).isEqualTo("fixture");
        assertThat(alpha.category()).contains(Code.ANATOMICAL_STRUCTURE);
        assertThat(alpha.type()).contains(new Code("10200004", "SCT", "Liver"));
        assertThat(alpha.rgb()).containsExactly(255, 255, 255);   // L* 100, a* b* 0 is white
        assertThat(seg.segment(2).orElseThrow().rgb()).isEmpty();
        SegMasks masks = seg.masks(grid);
        assertThat(masks.warnings()).isEmpty();
        for (int s = 1; s <= 2; s++) {
            Volume m = masks.mask(s).orElseThrow().mask();
            for (int k = 0; k < 4; k++) {
                for (int r = 0; r < 13; r++) {
                    for (int c = 0; c < 27; c++) {
                        int v = fixture(s, k, r, c);
                        int want = v >= 0 && v % 4 == 0 ? 1 : 0;
                        assertThat((int) m.stored(c, r, k)).as("segment %d voxel (%d, %d, %d)", s, c, r, k)
                                .isEqualTo(want);
                    }
                }
            }
        }
        // without the series: the frames span slices 0..3 of the same grid
        SegMasks own = seg.masks();
        assertThat(own.labels().geometry().size()).containsExactly(27, 13, 4);
        assertThat(SegGrids.data(own.labels())).isEqualTo(SegGrids.data(masks.labels()));
    }

    @Test
    void keepsFractionalValuesAsStoredWithASlopeThatGivesTheFraction() throws Exception {
        Segmentation seg = SegReader.read(pydicomSeg(true));

        assertThat(seg.type()).isEqualTo(SegmentationType.FRACTIONAL);
        assertThat(seg.fractionalType()).isEqualTo("PROBABILITY");
        assertThat(seg.maxFractionalValue()).isEqualTo(255);
        SegMasks masks = seg.masks(grid);
        Volume beta = masks.mask(2).orElseThrow().mask();
        assertThat(beta.slope()).isEqualTo(1 / 255.0);
        for (int k = 0; k < 4; k++) {
            for (int r = 0; r < 13; r++) {
                for (int c = 0; c < 27; c++) {
                    int v = Math.max(0, fixture(2, k, r, c));
                    assertThat((int) beta.stored(c, r, k)).isEqualTo(v);
                    assertThat(beta.real(c, r, k)).isEqualTo(v * (1 / 255.0));
                    int a = Math.max(0, fixture(1, k, r, c));
                    int label = 2 * v >= 255 ? 2 : 2 * a >= 255 ? 1 : 0;
                    assertThat((int) masks.labels().stored(c, r, k)).isEqualTo(label);
                }
            }
        }
    }

    // ---- bad input: our own segmentation, edited ----

    private Attributes ours() {
        return SegWriter.build(grid, SegGrids.masks(geometry, 5), new Attributes(), SegWriter.Options.defaults());
    }

    private Path save(Attributes ds) throws Exception {
        Path file = tmp.resolve("edited.dcm");
        DicomWriter.write(file, new Attributes(), ds);
        return file;
    }

    private static Attributes frame(Attributes ds, int f) {
        return ds.getSequence(Tags.PerFrameFunctionalGroupsSequence).get(f);
    }

    @Test
    void aMissingPerFrameFunctionalGroupsSequenceIsAnErrorNamingTheFileAndTag() throws Exception {
        Attributes ds = ours();
        ds.remove(Tags.PerFrameFunctionalGroupsSequence);
        Path file = save(ds);
        assertThatThrownBy(() -> SegReader.read(file)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("(5200,9230)");
    }

    @Test
    void aFrameWithoutSegmentIdentificationIsAnErrorNamingTheFrameAndTagPath() throws Exception {
        Attributes ds = ours();
        frame(ds, 1).remove(Tags.SegmentIdentificationSequence);
        Path file = save(ds);
        assertThatThrownBy(() -> SegReader.read(file)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("frame 2")
                .hasMessageContaining("(5200,9230) PerFrameFunctionalGroupsSequence item 2 / (0062,000A)");
    }

    @Test
    void aFrameNamingAnUnknownSegmentIsIgnoredWithAWarning() throws Exception {
        Attributes ds = ours();
        Attributes id = frame(ds, 0).getItem(Tags.SegmentIdentificationSequence).orElseThrow();
        id.put(DicomElements.ints(Tags.ReferencedSegmentNumber, VR.US, 9));
        Segmentation seg = SegReader.read(save(ds));

        assertThat(seg.warnings()).singleElement().asString().contains("frame 1", "(0062,000B)",
                "ReferencedSegmentNumber 9", "not in (0062,0002) SegmentSequence");
        SegMasks masks = seg.masks(grid);
        // frame 1 was the disk on slice 0: that slice is now empty, the others are intact
        byte[] disk = SegGrids.binary(SegGrids.masks(geometry, 5).get(0).mask());
        byte[] back = SegGrids.data(masks.mask(1).orElseThrow().mask());
        int slice = 27 * 13;
        assertThat(java.util.Arrays.copyOfRange(back, 0, slice)).containsOnly(0);
        assertThat(java.util.Arrays.copyOfRange(back, slice, back.length))
                .isEqualTo(java.util.Arrays.copyOfRange(disk, slice, disk.length));
    }

    @Test
    void framesOffTheGridAreSkippedWithAWarningNamingFrameAndTagPath() throws Exception {
        Attributes ds = ours();
        // frame 1 (disk, slice 0) lies 0.7 slice spacings below the first slice
        double[] p0 = grid.slicePosition(0);
        frame(ds, 0).remove(Tags.DerivationImageSequence);
        frame(ds, 0).getItem(Tags.PlanePositionSequence).orElseThrow()
                .put(DicomElements.doubles(Tags.ImagePositionPatient, VR.DS, p0[0], p0[1], p0[2] - 0.7 * 2.5));
        // frame 3 (disk, slice 2) is shifted 0.6 pixels along the rows
        double[] p2 = grid.slicePosition(2);
        frame(ds, 2).remove(Tags.DerivationImageSequence);
        frame(ds, 2).getItem(Tags.PlanePositionSequence).orElseThrow()
                .put(DicomElements.doubles(Tags.ImagePositionPatient, VR.DS, p2[0] + 0.6 * 0.7, p2[1], p2[2]));
        SegMasks masks = SegReader.read(save(ds)).masks(grid);

        assertThat(masks.warnings()).hasSize(2);
        assertThat(masks.warnings().get(0)).contains("edited.dcm", "frame 1",
                "(5200,9230) PerFrameFunctionalGroupsSequence / (0020,9113) PlanePositionSequence / (0020,0032)",
                "not on the grid", "1.750 mm away", "frame skipped");
        assertThat(masks.warnings().get(1)).contains("frame 3", "not on the grid", "(0.600, 0.000) pixels");
        byte[] back = SegGrids.data(masks.mask(1).orElseThrow().mask());
        int slice = 27 * 13;
        assertThat(java.util.Arrays.copyOfRange(back, 0, slice)).containsOnly(0);
        assertThat(java.util.Arrays.copyOfRange(back, 2 * slice, 3 * slice)).containsOnly(0);
    }

    @Test
    void theSourceImageReferenceWinsOverAPositionThatDisagreesWithAWarning() throws Exception {
        Attributes ds = ours();
        double[] p = grid.slicePosition(3);
        frame(ds, 0).getItem(Tags.PlanePositionSequence).orElseThrow()
                .put(DicomElements.doubles(Tags.ImagePositionPatient, VR.DS, p));
        SegMasks masks = SegReader.read(save(ds)).masks(grid);

        assertThat(masks.warnings()).singleElement().asString().contains("frame 1", "from slice 0",
                "placed by the reference");
        byte[] disk = SegGrids.binary(SegGrids.masks(geometry, 5).get(0).mask());
        assertThat(SegGrids.data(masks.mask(1).orElseThrow().mask())).isEqualTo(disk);
    }

    @Test
    void withoutSharedGroupsAndPositionsFramesAreStillPlacedByReferenceButThereIsNoOwnGrid() throws Exception {
        Attributes ds = ours();
        ds.remove(Tags.SharedFunctionalGroupsSequence);
        frame(ds, 1).remove(Tags.PlanePositionSequence);
        frame(ds, 2).remove(Tags.PlanePositionSequence);
        frame(ds, 2).remove(Tags.DerivationImageSequence);
        Segmentation seg = SegReader.read(save(ds));

        assertThatThrownBy(seg::ownGrid).isInstanceOf(SegException.class).hasMessageContaining("edited.dcm")
                .hasMessageContaining("(0020,9116) PlaneOrientationSequence");
        SegMasks masks = seg.masks(grid);
        assertThat(masks.warnings()).singleElement().asString().contains("frame 3",
                "neither a (0008,9124) DerivationImageSequence", "nor a (0020,9113) PlanePositionSequence",
                "frame skipped");
        byte[] back = SegGrids.data(masks.mask(1).orElseThrow().mask());
        byte[] disk = SegGrids.binary(SegGrids.masks(geometry, 5).get(0).mask());
        int slice = 27 * 13;
        assertThat(java.util.Arrays.copyOfRange(back, slice, 2 * slice))
                .isEqualTo(java.util.Arrays.copyOfRange(disk, slice, 2 * slice));   // frame 2: by reference alone
        assertThat(java.util.Arrays.copyOfRange(back, 2 * slice, 3 * slice)).containsOnly(0);
    }

    @Test
    void anotherFrameOfReferenceIsAnError() throws Exception {
        Attributes ds = ours();
        ds.put(DicomElements.string(Tags.FrameOfReferenceUID, VR.UI, "1.2.3.4"));
        Segmentation seg = SegReader.read(save(ds));
        assertThatThrownBy(() -> seg.masks(grid)).isInstanceOf(SegException.class)
                .hasMessageContaining("(0020,0052)").hasMessageContaining("1.2.3.4")
                .hasMessageContaining(SegGrids.FRAME_OF_REFERENCE);
    }

    @Test
    void aFileThatIsNotASegmentationIsRejected() throws Exception {
        Attributes ds = ours();
        ds.put(DicomElements.string(Tags.SOPClassUID, VR.UI, SegGrids.CT_IMAGE_STORAGE));
        ds.put(DicomElements.string(Tags.Modality, VR.CS, "CT"));
        Path file = save(ds);
        assertThatThrownBy(() -> SegReader.read(file)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("not a Segmentation");
    }

    @Test
    void writingRefusesMasksThatAreAllEmptyOrDoNotFitTheGrid() {
        Volume empty = SegGrids.empty(geometry);
        assertThatThrownBy(() -> SegWriter.build(grid, List.of(MaskRoi.of(1, "none", empty)), new Attributes(),
                SegWriter.Options.defaults())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        Volume small = SegGrids.empty(SegGrids.axial(5, 5, 1, 1, 1, 1));
        assertThatThrownBy(() -> SegWriter.build(grid, List.of(MaskRoi.of(1, "small", small)), new Attributes(),
                SegWriter.Options.defaults())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
    }

    @Test
    void cieLabOfAnSrgbColourComesBackToTheSameColour() {
        assertThat(CieLab.fromRgb(new int[] {255, 255, 255})).containsExactly(65535, 32896, 32896);
        assertThat(CieLab.fromRgb(new int[] {0, 0, 0})).containsExactly(0, 32896, 32896);
        for (int[] rgb : new int[][] {{220, 40, 30}, {0, 128, 255}, {12, 200, 90}, {255, 255, 0}}) {
            assertThat(CieLab.toRgb(CieLab.fromRgb(rgb))).containsExactly(rgb);
        }
    }
}
