// SPDX-License-Identifier: Apache-2.0
package org.scanbase.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.DicomReader;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;
import org.scanbase.rt.MaskRoi;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

/** Masks -> SEG file -> masks must give the same voxels on every kind of grid. */
class SegRoundTripTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> grids() {
        return Stream.of(
                Arguments.of("axial", SegGrids.axial(40, 40, 6, 0.9765625, 0.9765625, 2.5)),
                Arguments.of("oblique", SegGrids.oblique(36, 36, 5, 0.8, 0.8, 1.7)),
                Arguments.of("anisotropic", SegGrids.axial(32, 32, 5, 0.5, 1.25, 5.0)),
                Arguments.of("non-square, rows x columns = 351, not a multiple of 8", SegGrids.axial(27, 13, 4, 0.7, 0.7, 3)),
                Arguments.of("odd oblique anisotropic", SegGrids.oblique(45, 29, 3, 0.6, 1.1, 2.0)),
                Arguments.of("one slice", SegGrids.axial(33, 31, 1, 1.0, 1.0, 3.0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grids")
    void masksComeBackIdenticalAfterWritingAndReadingASegmentation(String name, Geometry g) throws Exception {
        ReferencedGrid grid = SegGrids.grid(g);
        List<MaskRoi> rois = SegGrids.masks(g, 7);
        Path file = tmp.resolve("seg.dcm");
        SegWriter.write(file, grid, rois, new Attributes());

        Segmentation seg = SegReader.read(file);
        assertThat(seg.warnings()).isEmpty();
        assertThat(seg.type()).isEqualTo(SegmentationType.BINARY);
        assertThat(seg.segments()).extracting(Segment::number, Segment::label)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "disk"), org.assertj.core.groups.Tuple.tuple(2, "noise"),
                        org.assertj.core.groups.Tuple.tuple(3, "dot"));
        SegMasks masks = seg.masks(grid);
        assertThat(masks.warnings()).isEmpty();
        for (MaskRoi r : rois) {
            Volume back = masks.mask(r.number()).orElseThrow().mask();
            assertThat(back.geometry()).isEqualTo(g);
            assertThat(SegGrids.data(back)).as(r.name()).isEqualTo(SegGrids.binary(r.mask()));
        }
        // empty (segment, slice) pairs have no frame: the dot is one frame, the disk skips its last slice
        int nz = g.size()[2];
        long diskFrames = seg.frames().stream().filter(f -> f.segmentNumber() == 1).count();
        assertThat(diskFrames).isEqualTo(nz == 1 ? 1 : nz - 1);
        assertThat(seg.frames().stream().filter(f -> f.segmentNumber() == 3)).hasSize(1);
        // the combined label volume: later segments win where they overlap
        byte[] labels = SegGrids.data(masks.labels());
        byte[] disk = SegGrids.binary(rois.get(0).mask()), noise = SegGrids.binary(rois.get(1).mask()),
                dot = SegGrids.binary(rois.get(2).mask());
        for (int i = 0; i < labels.length; i++) {
            int expected = dot[i] != 0 ? 3 : noise[i] != 0 ? 2 : disk[i] != 0 ? 1 : 0;
            assertThat(labels[i]).as("voxel %d", i).isEqualTo((byte) expected);
        }
        assertThat(masks.maskTargets()).containsExactly(Map.entry(1, "disk"), Map.entry(2, "noise"), Map.entry(3, "dot"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grids")
    void theSegmentationsOwnGridEqualsTheSeriesGridWhenFramesCoverTheFirstAndLastSlice(String name, Geometry g)
            throws Exception {
        ReferencedGrid grid = SegGrids.grid(g);
        Volume full = SegGrids.empty(g);
        byte[] d = SegGrids.data(full);
        d[0] = 1;                              // slice 0
        d[d.length - 1] = 1;                   // last slice
        Path file = tmp.resolve("seg.dcm");
        SegWriter.write(file, grid, List.of(MaskRoi.of(1, "corners", full)), new Attributes());

        Segmentation seg = SegReader.read(file);
        ReferencedGrid own = seg.ownGrid();
        Geometry og = own.geometry();
        assertThat(og.size()).isEqualTo(g.size());
        for (int a = 0; a < 3; a++) {
            assertThat(og.spacing()[a]).isCloseTo(g.spacing()[a], within(1e-6));
            assertThat(og.origin()[a]).isCloseTo(g.origin()[a], within(1e-4));
        }
        for (int a = 0; a < 9; a++) {
            assertThat(og.direction()[a]).isCloseTo(g.direction()[a], within(1e-6));
        }
        assertThat(own.frameOfReferenceUid()).isEqualTo(SegGrids.FRAME_OF_REFERENCE);
        assertThat(own.seriesInstanceUid()).isEqualTo(SegGrids.SERIES);
        assertThat(own.sopInstanceUids().get(0)).isEqualTo(grid.sopInstanceUids().get(0));
        SegMasks masks = seg.masks();
        assertThat(masks.warnings()).isEmpty();
        assertThat(SegGrids.data(masks.mask(1).orElseThrow().mask())).isEqualTo(d);
    }

    @Test
    void writesTheSegmentationModulesAndReferencesTheSeries() throws Exception {
        Geometry g = SegGrids.axial(20, 10, 3, 0.5, 0.8, 2);
        ReferencedGrid grid = SegGrids.grid(g);
        Attributes source = new Attributes();
        source.put(DicomElements.string(Tags.PatientName, VR.PN, "Test^Phantom"));
        source.put(DicomElements.string(Tags.PatientID, VR.LO, "PHANTOM1"));
        source.put(DicomElements.string(Tags.StudyInstanceUID, VR.UI, SegGrids.STUDY));
        Path file = tmp.resolve("seg.dcm");
        SegWriter.write(file, grid, SegGrids.masks(g, 3), source);

        Attributes ds = DicomReader.read(file).dataset();
        assertThat(ds.getString(Tags.SOPClassUID)).contains("1.2.840.10008.5.1.4.1.1.66.4");
        assertThat(DicomReader.read(file).fileMeta().getString(Tags.MediaStorageSOPClassUID))
                .contains("1.2.840.10008.5.1.4.1.1.66.4");
        assertThat(ds.getString(Tags.Modality)).contains("SEG");
        assertThat(ds.getString(Tags.PatientName)).contains("Test^Phantom");
        assertThat(ds.getString(Tags.StudyInstanceUID)).contains(SegGrids.STUDY);
        assertThat(ds.getString(Tags.FrameOfReferenceUID)).contains(SegGrids.FRAME_OF_REFERENCE);
        assertThat(ds.getInt(Tags.BitsAllocated, 0)).isEqualTo(1);
        assertThat(ds.getString(Tags.SegmentationType)).contains("BINARY");
        Attributes shared = ds.getItem(Tags.SharedFunctionalGroupsSequence).orElseThrow();
        Attributes measures = shared.getItem(Tags.PixelMeasuresSequence).orElseThrow();
        assertThat(measures.getDoubles(Tags.PixelSpacing)).containsExactly(0.8, 0.5);   // row spacing first
        assertThat(measures.getDoubles(Tags.SliceThickness)).containsExactly(2.0);
        Attributes series = ds.getItem(Tags.ReferencedSeriesSequence).orElseThrow();
        assertThat(series.getString(Tags.SeriesInstanceUID)).contains(SegGrids.SERIES);
        assertThat(series.getSequence(Tags.ReferencedInstanceSequence)).hasSize(3);
        List<Attributes> perFrame = ds.getSequence(Tags.PerFrameFunctionalGroupsSequence);
        assertThat(perFrame).hasSize(ds.getInt(Tags.NumberOfFrames, 0));
        Attributes first = perFrame.get(0);
        String ref = first.getItem(Tags.DerivationImageSequence).orElseThrow()
                .getItem(Tags.SourceImageSequence).orElseThrow().getString(Tags.ReferencedSOPInstanceUID).orElseThrow();
        assertThat(ref).isEqualTo(grid.sopInstanceUids().get(0));
        Segment disk = SegReader.read(file).segment(1).orElseThrow();
        assertThat(disk.category()).contains(Code.TISSUE);
        assertThat(disk.type()).contains(Code.TISSUE);
        assertThat(disk.algorithmType()).isEqualTo("MANUAL");
        assertThat(disk.rgb()).containsExactly(220, 40, 30);
    }

    @Test
    void aLabelVolumeIsWrittenAsOneSegmentPerLabelNumberedFromOne() throws Exception {
        Geometry g = SegGrids.axial(9, 7, 2, 1, 1, 1);
        Volume labels = SegGrids.empty(g);
        byte[] d = SegGrids.data(labels);
        d[3] = 4;
        d[70] = 9;
        d[71] = 4;
        Path file = tmp.resolve("labels.dcm");
        SegWriter.write(file, SegGrids.grid(g), labels, Map.of(4, "liver", 9, "spleen"), new Attributes());

        SegMasks masks = SegReader.read(file).masks(SegGrids.grid(g));
        assertThat(masks.maskTargets()).containsExactly(Map.entry(1, "liver"), Map.entry(2, "spleen"));
        byte[] back = SegGrids.data(masks.labels());
        assertThat(back[3]).isEqualTo((byte) 1);
        assertThat(back[71]).isEqualTo((byte) 1);
        assertThat(back[70]).isEqualTo((byte) 2);
        assertThat(masks.mask(1).orElseThrow().voxels()).isEqualTo(2);
    }

    @Test
    void aSeriesOnDiskGoesToASegmentationAndBackWithThePatientAndStudyOfItsSlices() throws Exception {
        Geometry g = SegGrids.oblique(23, 11, 4, 0.8, 0.6, 2.2);
        SegGrids.writeSeries(SegGrids.grid(g), tmp.resolve("series"));
        ReferencedGrid grid = org.scanbase.rt.ReferencedGrids.fromFolder(tmp.resolve("series"));
        Attributes source = DicomReader.readHeader(tmp.resolve("series").resolve("CT0001.dcm")).dataset();
        List<MaskRoi> rois = SegGrids.masks(grid.geometry(), 9);
        Path file = tmp.resolve("series").resolve("seg.dcm");   // a SEG next to the slices is ignored as a slice
        SegWriter.write(file, grid, rois, source);

        Segmentation seg = SegReader.read(file);
        assertThat(DicomReader.read(file).dataset().getString(Tags.PatientID)).contains("PHANTOM1");
        assertThat(seg.studyInstanceUid()).isEqualTo(SegGrids.STUDY);
        SegMasks masks = seg.masks(org.scanbase.rt.ReferencedGrids.fromFolder(tmp.resolve("series")));
        assertThat(masks.warnings()).isEmpty();
        for (MaskRoi r : rois) {
            assertThat(SegGrids.data(masks.mask(r.number()).orElseThrow().mask())).isEqualTo(SegGrids.binary(r.mask()));
        }
    }
}
