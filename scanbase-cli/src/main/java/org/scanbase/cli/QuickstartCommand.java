// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DerivedObjects;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.DicomWriter;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.TransferSyntax;
import org.scanbase.dicom.VR;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scanbase quickstart [--no-app] [--dir DIR]}. The contract's quickstart builds demo data,
 * imports two datasets and opens the App; the importers and the App come in later issues, so
 * for now it writes one synthetic CT slice ({@value #FILE_NAME}) into DIR and prints its
 * {@code inspect} listing. {@code --no-app} is accepted already, so scripts need no change.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Write demo data and show it (for now: one synthetic CT slice, inspected).")
public final class QuickstartCommand implements Callable<Integer> {
    static final String FILE_NAME = "ct-slice.dcm";
    /** Slice size in pixels (rows = columns). */
    static final int SIZE = 64;
    /** CT Image Storage (PS3.4 B.5). */
    private static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "scanbase-demo",
            description = "Where to write the demo data (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--no-app", description = "Do not start the App afterwards (there is no App yet).")
    boolean noApp;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE_NAME);
            writeCtSlice(file);
            out.println("Wrote a synthetic " + SIZE + "x" + SIZE + " CT slice to " + file + ".");
            out.println("The demo datasets, the importers and the App come in later issues; until then,"
                    + " quickstart shows what `scanbase inspect " + file + " --pixels` says:");
            out.println();
            InspectCommand.printListing(out, file, true);
            out.flush();
            return 0;
        } catch (IOException e) {
            return Main.userError(spec, e);
        }
    }

    /**
     * A CT slice of a water cylinder (0 HU) with a bone ring (1000 HU) in air (-1000 HU), stored
     * as int16 values HU + 1024 with RescaleIntercept -1024 (PS3.3 C.11.1.1.2), 0.7 mm pixels,
     * axial, in Explicit VR Little Endian.
     */
    static void writeCtSlice(Path file) throws IOException {
        Attributes ds = new Attributes();
        ds.put(DicomElements.string(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100"));
        ds.put(DicomElements.string(Tags.ImageType, VR.CS, "DERIVED", "SECONDARY", "AXIAL"));
        ds.put(DicomElements.string(Tags.SOPClassUID, VR.UI, CT_IMAGE_STORAGE));
        ds.put(DicomElements.string(Tags.SOPInstanceUID, VR.UI, DerivedObjects.newUid()));
        ds.put(DicomElements.string(Tags.StudyDate, VR.DA, "20240101"));
        ds.put(DicomElements.string(Tags.StudyTime, VR.TM, "120000"));
        ds.put(DicomElements.string(Tags.Modality, VR.CS, "CT"));
        ds.put(DicomElements.string(Tags.Manufacturer, VR.LO, "scanbase synthetic"));
        ds.put(DicomElements.string(Tags.PatientName, VR.PN, "Demo^Phantom"));
        ds.put(DicomElements.string(Tags.PatientID, VR.LO, "DEMO-001"));
        ds.put(DicomElements.doubles(Tags.SliceThickness, VR.DS, 2.5));
        ds.put(DicomElements.string(Tags.StudyInstanceUID, VR.UI, DerivedObjects.newUid()));
        ds.put(DicomElements.string(Tags.SeriesInstanceUID, VR.UI, DerivedObjects.newUid()));
        ds.put(DicomElements.ints(Tags.SeriesNumber, VR.IS, 1));
        ds.put(DicomElements.ints(Tags.InstanceNumber, VR.IS, 1));
        ds.put(DicomElements.doubles(Tags.ImagePositionPatient, VR.DS, -22.4, -22.4, 0.0));
        ds.put(DicomElements.doubles(Tags.ImageOrientationPatient, VR.DS, 1, 0, 0, 0, 1, 0));
        ds.put(DicomElements.string(Tags.FrameOfReferenceUID, VR.UI, DerivedObjects.newUid()));
        ds.put(DicomElements.doubles(Tags.SliceLocation, VR.DS, 0.0));
        ds.put(DicomElements.ints(Tags.SamplesPerPixel, VR.US, 1));
        ds.put(DicomElements.string(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2"));
        ds.put(DicomElements.ints(Tags.Rows, VR.US, SIZE));
        ds.put(DicomElements.ints(Tags.Columns, VR.US, SIZE));
        ds.put(DicomElements.doubles(Tags.PixelSpacing, VR.DS, 0.7, 0.7));
        ds.put(DicomElements.ints(Tags.BitsAllocated, VR.US, 16));
        ds.put(DicomElements.ints(Tags.BitsStored, VR.US, 16));
        ds.put(DicomElements.ints(Tags.HighBit, VR.US, 15));
        ds.put(DicomElements.ints(Tags.PixelRepresentation, VR.US, 1));
        ds.put(DicomElements.doubles(Tags.WindowCenter, VR.DS, 40));
        ds.put(DicomElements.doubles(Tags.WindowWidth, VR.DS, 400));
        ds.put(DicomElements.doubles(Tags.RescaleIntercept, VR.DS, -1024));
        ds.put(DicomElements.doubles(Tags.RescaleSlope, VR.DS, 1));
        ds.put(DicomElements.string(Tags.RescaleType, VR.LO, "HU"));
        ds.put(DicomElements.bytes(Tags.PixelData, VR.OW, phantom()));
        Attributes meta = new Attributes();
        meta.put(DicomElements.string(Tags.TransferSyntaxUID, VR.UI, TransferSyntax.EXPLICIT_VR_LE.uid()));
        DicomWriter.write(file, meta, ds);
    }

    /** Little-endian int16 stored values (HU + 1024) of the phantom. */
    static byte[] phantom() {
        ByteBuffer b = ByteBuffer.allocate(SIZE * SIZE * 2).order(ByteOrder.LITTLE_ENDIAN);
        double c = (SIZE - 1) / 2.0;
        for (int row = 0; row < SIZE; row++) {
            for (int col = 0; col < SIZE; col++) {
                double r = Math.hypot(row - c, col - c);
                int hu = r > SIZE * 0.45 ? -1000 : r > SIZE * 0.38 ? 1000 : 0;
                b.putShort((short) (hu + 1024));
            }
        }
        return b.array();
    }

}
