// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DerivedObjects;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.DicomWriter;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.TransferSyntax;
import org.scanbase.dicom.VR;

/** A synthetic CT slice for the command tests (it was quickstart's output before the importers). */
final class CtSlices {
    /** Slice size in pixels (rows = columns). */
    static final int SIZE = 64;
    /** CT Image Storage (PS3.4 B.5). */
    private static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

    private CtSlices() {
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
