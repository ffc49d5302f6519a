// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.DicomWriter;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;
import org.scanbase.nifti.NiftiImage;
import org.scanbase.nifti.NiftiReader;

class ConvertCommandTest {
    static final int NX = 10;
    static final int NY = 6;
    static final int NZ = 4;
    static final String UID_A = "1.2.826.0.1.3680043.10.543.9.1";
    static final String UID_B = "1.2.826.0.1.3680043.10.543.9.2";

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /**
     * Writes an axial int16 CT series, slices written top (superior) first so that assembly must
     * reverse them; voxel (i, j, k) holds 1000 k + 10 j + i with k ascending along the normal (+z).
     */
    static void writeSeries(Path folder, String uid, String description, int skip) throws IOException {
        Files.createDirectories(folder);
        for (int w = 0; w < NZ; w++) {
            if (w == skip) {
                continue;
            }
            int k = NZ - 1 - w;
            Attributes ds = new Attributes();
            ds.put(DicomElements.string(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2"));
            ds.put(DicomElements.string(Tags.SOPInstanceUID, VR.UI, uid + "." + (w + 1)));
            ds.put(DicomElements.string(Tags.Modality, VR.CS, "CT"));
            ds.put(DicomElements.string(Tags.SeriesInstanceUID, VR.UI, uid));
            ds.put(DicomElements.string(Tags.SeriesDescription, VR.LO, description));
            ds.put(DicomElements.ints(Tags.InstanceNumber, VR.IS, w + 1));
            ds.put(DicomElements.doubles(Tags.ImagePositionPatient, VR.DS, -3, 4, 10 + 2 * k));
            ds.put(DicomElements.doubles(Tags.ImageOrientationPatient, VR.DS, 1, 0, 0, 0, 1, 0));
            ds.put(DicomElements.doubles(Tags.PixelSpacing, VR.DS, 1.5, 0.5));
            ds.put(DicomElements.ints(Tags.SamplesPerPixel, VR.US, 1));
            ds.put(DicomElements.string(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2"));
            ds.put(DicomElements.ints(Tags.Rows, VR.US, NY));
            ds.put(DicomElements.ints(Tags.Columns, VR.US, NX));
            ds.put(DicomElements.ints(Tags.BitsAllocated, VR.US, 16));
            ds.put(DicomElements.ints(Tags.BitsStored, VR.US, 16));
            ds.put(DicomElements.ints(Tags.HighBit, VR.US, 15));
            ds.put(DicomElements.ints(Tags.PixelRepresentation, VR.US, 1));
            ds.put(DicomElements.doubles(Tags.RescaleIntercept, VR.DS, -1024));
            ds.put(DicomElements.doubles(Tags.RescaleSlope, VR.DS, 1));
            ByteBuffer px = ByteBuffer.allocate(NX * NY * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int j = 0; j < NY; j++) {
                for (int i = 0; i < NX; i++) {
                    px.putShort((short) (1000 * k + 10 * j + i));
                }
            }
            ds.put(DicomElements.bytes(Tags.PixelData, VR.OW, px.array()));
            DicomWriter.write(folder.resolve("slice" + w + ".dcm"), new Attributes(), ds);
        }
    }

    static void writeRtstruct(Path file) throws IOException {
        Attributes ds = new Attributes();
        ds.put(DicomElements.string(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.481.3"));
        ds.put(DicomElements.string(Tags.SOPInstanceUID, VR.UI, UID_A + ".77"));
        ds.put(DicomElements.string(Tags.Modality, VR.CS, "RTSTRUCT"));
        ds.put(DicomElements.string(Tags.SeriesInstanceUID, VR.UI, UID_A + ".7"));
        DicomWriter.write(file, new Attributes(), ds);
    }

    @Test
    void convertsASeriesFolderToNiftiWithoutFlipsAndListsIgnoredObjects() throws Exception {
        writeSeries(dir.resolve("in"), UID_A, "chest", -1);
        writeRtstruct(dir.resolve("in/RS.dcm"));
        Path out = dir.resolve("ct.nii.gz");

        CliRun r = run("convert", dir.resolve("in").toString(), out.toString(), "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err().strip().lines()).singleElement().asString()
                .contains("ignored non-image object", "RS.dcm", "RTSTRUCT");
        NiftiImage nii = NiftiReader.read(out);
        assertThat(nii.shape()).containsExactly(NX, NY, NZ);
        for (int k = 0; k < NZ; k++) {
            for (int j = 0; j < NY; j++) {
                for (int i = 0; i < NX; i++) {
                    assertThat(nii.data().getDouble((k * NY + j) * NX + i)).isEqualTo(1000 * k + 10 * j + i);
                }
            }
        }
        assertThat(nii.header().scaling()).containsExactly(1, -1024);
        // LPS (-3, 4, 10) -> RAS (3, -4, 10); i along L (RAS -x) at 0.5 mm, j along P (RAS -y) at 1.5 mm, k along S at 2 mm
        double[][] expected = {{-0.5, 0, 0, 3}, {0, -1.5, 0, -4}, {0, 0, 2, 10}, {0, 0, 0, 1}};
        for (int row = 0; row < 4; row++) {
            for (int c = 0; c < 4; c++) {
                assertThat(nii.affine()[row][c]).isCloseTo(expected[row][c], within(1e-6));
            }
        }
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("series_uid").asText()).isEqualTo(UID_A);
        assertThat(doc.get("shape").toString()).isEqualTo("[10,6,4]");
        assertThat(doc.get("spacing").toString()).isEqualTo("[0.5,1.5,2.0]");
        assertThat(doc.get("dtype").asText()).isEqualTo("int16");
        assertThat(doc.get("ignored").get(0).get("reason").asText()).isEqualTo("RTSTRUCT");
        assertThat(doc.get("affine").get(0).toString()).isEqualTo("[-0.5,0.0,0.0,3.0]");
    }

    @Test
    void refusesSeveralSeriesWithOneLineListingThemUnlessOneIsPicked() throws Exception {
        writeSeries(dir.resolve("in/a"), UID_A, "chest", -1);
        writeSeries(dir.resolve("in/b"), UID_B, "abdomen", 0);

        CliRun r = run("convert", dir.resolve("in").toString(), dir.resolve("x.nii").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip().lines()).singleElement().asString()
                .contains("2 image series", UID_A + " \"chest\" (4 images)", UID_B + " \"abdomen\" (3 images)", "--series");
        assertThat(dir.resolve("x.nii")).doesNotExist();

        CliRun picked = run("convert", dir.resolve("in").toString(), dir.resolve("x.nii").toString(), "--series", UID_B);
        assertThat(picked.exit()).as(picked.err()).isZero();
        assertThat(NiftiReader.read(dir.resolve("x.nii")).shape()).containsExactly(NX, NY, 3);
    }

    @Test
    void strictModeTurnsAMissingSliceIntoAnError() throws Exception {
        writeSeries(dir.resolve("in"), UID_A, "chest", 1);

        CliRun lenient = run("convert", dir.resolve("in").toString(), dir.resolve("a.nii").toString());
        assertThat(lenient.exit()).as(lenient.err()).isZero();
        assertThat(lenient.err()).contains("warning:", "missing slices");

        CliRun strict = run("convert", dir.resolve("in").toString(), dir.resolve("b.nii").toString(), "--strict");
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.err().strip().lines()).singleElement().asString().contains("missing slices", "gap of 4 mm");
    }

    @Test
    void convertsOneVolumeFileIntoAnother() throws Exception {
        writeSeries(dir.resolve("in"), UID_A, "chest", -1);
        assertThat(run("convert", dir.resolve("in").toString(), dir.resolve("a.nii").toString()).exit()).isZero();

        CliRun r = run("convert", dir.resolve("a.nii").toString(), dir.resolve("b.nii.gz").toString(), "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        NiftiImage a = NiftiReader.read(dir.resolve("a.nii"));
        NiftiImage b = NiftiReader.read(dir.resolve("b.nii.gz"));
        assertThat(b.data().sha256()).isEqualTo(a.data().sha256());
        assertThat(b.affine()).isDeepEqualTo(a.affine());
        assertThat(new ObjectMapper().readTree(r.out()).get("source").asText()).isEqualTo("nifti1");
    }

    @Test
    void rejectsAnOutputNameOfNoKnownFormatAsBadUsage() throws Exception {
        writeSeries(dir.resolve("in"), UID_A, "chest", -1);
        CliRun r = run("convert", dir.resolve("in").toString(), dir.resolve("out.png").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(".nii, .nii.gz, .nrrd or .mha");
    }

    @Test
    void reportsAMissingInputAsAUserError() {
        CliRun r = run("convert", dir.resolve("nope").toString(), dir.resolve("out.nii").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip().lines()).singleElement().asString().contains("nope", "no such file");
    }
}
