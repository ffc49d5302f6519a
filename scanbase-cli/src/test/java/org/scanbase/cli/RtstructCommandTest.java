// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.DicomWriter;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.rt.ReferencedGrids;
import org.scanbase.volume.Volume;
import org.scanbase.volume.VolumeFiles;

class RtstructCommandTest {
    @TempDir
    Path dir;

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** Three 16x12 axial MR slices, 0.9 x 1.2 mm, 3 mm apart, written in reverse file order. */
    Path series() throws Exception {
        Path s = dir.resolve("series");
        Files.createDirectories(s);
        for (int k = 0; k < 3; k++) {
            Attributes ds = new Attributes();
            ds.put(DicomElements.string(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.4"));
            ds.put(DicomElements.string(Tags.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.99.1." + k));
            ds.put(DicomElements.string(Tags.Modality, VR.CS, "MR"));
            ds.put(DicomElements.string(Tags.PatientID, VR.LO, "P1"));
            ds.put(DicomElements.string(Tags.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.99.2"));
            ds.put(DicomElements.string(Tags.SeriesInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.99.3"));
            ds.put(DicomElements.string(Tags.FrameOfReferenceUID, VR.UI, "1.2.826.0.1.3680043.10.99.4"));
            ds.put(DicomElements.doubles(Tags.ImagePositionPatient, VR.DS, -7, -5, 10 + 3 * k));
            ds.put(DicomElements.doubles(Tags.ImageOrientationPatient, VR.DS, 1, 0, 0, 0, 1, 0));
            ds.put(DicomElements.doubles(Tags.PixelSpacing, VR.DS, 1.2, 0.9));
            ds.put(DicomElements.ints(Tags.Rows, VR.US, 12));
            ds.put(DicomElements.ints(Tags.Columns, VR.US, 16));
            ds.put(DicomElements.ints(Tags.SamplesPerPixel, VR.US, 1));
            ds.put(DicomElements.string(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2"));
            ds.put(DicomElements.ints(Tags.BitsAllocated, VR.US, 16));
            ds.put(DicomElements.ints(Tags.BitsStored, VR.US, 16));
            ds.put(DicomElements.ints(Tags.HighBit, VR.US, 15));
            ds.put(DicomElements.ints(Tags.PixelRepresentation, VR.US, 0));
            ds.put(DicomElements.bytes(Tags.PixelData, VR.OW, new byte[16 * 12 * 2]));
            DicomWriter.write(s.resolve("MR" + (9 - k) + ".dcm"), new Attributes(), ds);
        }
        return s;
    }

    @Test
    void writesMasksToAnRtstructAndRasterisesThemBackIdentically() throws Exception {
        Path series = series();
        ReferencedGrid grid = ReferencedGrids.fromFolder(series);
        NdArray ring = NdArray.allocate(DType.UINT8, new int[] {3, 12, 16});
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 12; j++) {
                for (int i = 0; i < 16; i++) {
                    double r = Math.hypot(i - 7.5, j - 5.5);
                    ring.setDouble((k * 12 + j) * 16 + i, r < 5 && (r > 2.5 || r < 1.2) ? 1 : 0);
                }
            }
        }
        Path masks = dir.resolve("masks");
        Files.createDirectories(masks);
        VolumeFiles.write(Volume.of(ring, grid.geometry()), masks.resolve("Left Hippocampus.nii.gz"));

        CliRun w = run("rtstruct", "write", "--series", series.toString(), "--masks", masks.toString(),
                "--out", dir.resolve("rs.dcm").toString());
        assertThat(w.exit()).as(w.err()).isZero();

        Path out = dir.resolve("out");
        CliRun m = run("rtstruct", "masks", "--series", series.toString(), "--rtstruct", dir.resolve("rs.dcm").toString(),
                "--out", out.toString());
        assertThat(m.exit()).as(m.err()).isZero();
        assertThat(m.err()).isEmpty();
        long voxels = 0;
        for (int i = 0; i < ring.size(); i++) {
            voxels += (long) ring.getDouble(i);
        }
        assertThat(m.out()).contains("Left Hippocampus").contains(Long.toString(voxels))
                .contains(String.format(java.util.Locale.ROOT, "%.3f", voxels * 0.9 * 1.2 * 3 / 1000));
        Volume back = VolumeFiles.read(out.resolve("Left Hippocampus.nii.gz"));
        assertThat(back.voxels().toLittleEndianBytes()).isEqualTo(ring.toLittleEndianBytes());
        Volume labels = VolumeFiles.read(out.resolve("labels.nii.gz"));
        assertThat(labels.voxels().toLittleEndianBytes()).isEqualTo(ring.toLittleEndianBytes());
    }

    @Test
    void aFileThatIsNotAnRtstructIsAUserErrorOnOneLineNamingFileAndTag() throws Exception {
        Path series = series();
        Path notRs = Files.list(series).findFirst().orElseThrow();
        CliRun r = run("rtstruct", "masks", "--series", series.toString(), "--rtstruct", notRs.toString(),
                "--out", dir.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip().split("\\R")).singleElement().asString()
                .contains(notRs.toString()).contains("(0008,0016)").contains("not an RT Structure Set");
    }

    @Test
    void aMissingSeriesFolderIsAUserError() {
        CliRun r = run("rtstruct", "masks", "--series", dir.resolve("nope").toString(), "--rtstruct", "x.dcm",
                "--out", dir.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip().split("\\R")).singleElement().asString().contains("nope").contains("no such file");
    }
}
