// SPDX-License-Identifier: Apache-2.0
package org.scanbase.seg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.scanbase.dicom.DerivedObjects;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.Tag;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.volume.Geometry;

/**
 * The Multi-frame Functional Groups (PS3.3 C.7.6.16) and Multi-frame Dimension (C.7.6.17)
 * modules of a segmentation written by {@link SegWriter}: dimensions are segment number, then
 * plane position; orientation and pixel measures are shared; position, source image and segment
 * are per frame (C.8.20.3).
 */
final class SegFunctionalGroups {
    /** DCM 121322 "Source image for image processing operation" (CID 7202). */
    private static final Code SOURCE_FOR_PROCESSING = new Code("121322", "DCM",
            "Source image for image processing operation");
    /** DCM 113076 "Segmentation" (CID 7203). */
    private static final Code SEGMENTATION = new Code("113076", "DCM", "Segmentation");

    private SegFunctionalGroups() {
    }

    /**
     * Adds the functional groups and dimensions for the given frames.
     *
     * @param frames per frame: {index into the segment list (number - 1), slice k}
     */
    static void put(Attributes ds, ReferencedGrid grid, List<int[]> frames) {
        Geometry g = grid.geometry();
        double[] x = g.axis(0);
        double[] y = g.axis(1);
        double[] sp = g.spacing();
        String organization = DerivedObjects.newUid();
        Attributes org = new Attributes();
        SegWriter.put(org, Tags.DimensionOrganizationUID, VR.UI, organization);
        ds.put(DicomElements.sequence(Tags.DimensionOrganizationSequence, List.of(org)));
        ds.put(DicomElements.sequence(Tags.DimensionIndexSequence, List.of(
                dimension(organization, Tags.ReferencedSegmentNumber, Tags.SegmentIdentificationSequence,
                        "ReferencedSegmentNumber"),
                dimension(organization, Tags.ImagePositionPatient, Tags.PlanePositionSequence, "ImagePositionPatient"))));
        SegWriter.put(ds, Tags.DimensionOrganizationType, VR.CS, "3D");

        Attributes orientation = new Attributes();
        orientation.put(DicomElements.doubles(Tags.ImageOrientationPatient, VR.DS, x[0], x[1], x[2], y[0], y[1], y[2]));
        Attributes measures = new Attributes();
        measures.put(DicomElements.doubles(Tags.PixelSpacing, VR.DS, sp[1], sp[0]));
        measures.put(DicomElements.doubles(Tags.SliceThickness, VR.DS, sp[2]));
        measures.put(DicomElements.doubles(Tags.SpacingBetweenSlices, VR.DS, sp[2]));
        Attributes shared = new Attributes();
        shared.put(DicomElements.sequence(Tags.PlaneOrientationSequence, List.of(orientation)));
        shared.put(DicomElements.sequence(Tags.PixelMeasuresSequence, List.of(measures)));
        ds.put(DicomElements.sequence(Tags.SharedFunctionalGroupsSequence, List.of(shared)));

        List<Attributes> perFrame = new ArrayList<>(frames.size());
        for (int[] sk : frames) {
            int segment = sk[0] + 1;
            int k = sk[1];
            Attributes item = new Attributes();
            String uid = grid.sopInstanceUids().get(k);
            if (!uid.isEmpty()) {
                item.put(DicomElements.sequence(Tags.DerivationImageSequence, List.of(derivation(grid, uid))));
            }
            Attributes content = new Attributes();
            content.put(DicomElements.ints(Tags.DimensionIndexValues, VR.UL, segment, k + 1));
            item.put(DicomElements.sequence(Tags.FrameContentSequence, List.of(content)));
            Attributes position = new Attributes();
            position.put(DicomElements.doubles(Tags.ImagePositionPatient, VR.DS, grid.slicePosition(k)));
            item.put(DicomElements.sequence(Tags.PlanePositionSequence, List.of(position)));
            Attributes id = new Attributes();
            id.put(DicomElements.ints(Tags.ReferencedSegmentNumber, VR.US, segment));
            item.put(DicomElements.sequence(Tags.SegmentIdentificationSequence, List.of(id)));
            perFrame.add(item);
        }
        ds.put(DicomElements.sequence(Tags.PerFrameFunctionalGroupsSequence, perFrame));
    }

    private static Attributes dimension(String organization, int pointer, int group, String label) {
        Attributes a = new Attributes();
        SegWriter.put(a, Tags.DimensionOrganizationUID, VR.UI, organization);
        a.put(DicomElements.bytes(Tags.DimensionIndexPointer, VR.AT, at(pointer)));
        a.put(DicomElements.bytes(Tags.FunctionalGroupPointer, VR.AT, at(group)));
        SegWriter.put(a, Tags.DimensionDescriptionLabel, VR.LO, label);
        return a;
    }

    private static Attributes derivation(ReferencedGrid grid, String uid) {
        Attributes source = new Attributes();
        SegWriter.put(source, Tags.ReferencedSOPClassUID, VR.UI, grid.sopClassUid());
        SegWriter.put(source, Tags.ReferencedSOPInstanceUID, VR.UI, uid);
        source.put(DicomElements.sequence(Tags.PurposeOfReferenceCodeSequence, List.of(SOURCE_FOR_PROCESSING.toItem())));
        Attributes d = new Attributes();
        d.put(DicomElements.sequence(Tags.DerivationCodeSequence, List.of(SEGMENTATION.toItem())));
        d.put(DicomElements.sequence(Tags.SourceImageSequence, List.of(source)));
        return d;
    }

    /** An AT value: group then element, each 16-bit little endian (PS3.5 6.2). */
    private static byte[] at(int tag) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) Tag.group(tag)).putShort((short) Tag.element(tag)).array();
    }
}
