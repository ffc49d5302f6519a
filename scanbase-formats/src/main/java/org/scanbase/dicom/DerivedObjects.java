// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * What every object derived from an image series (RTSTRUCT, SEG, ...) shares: the Patient and
 * General Study modules copied from a source slice (PS3.3 C.7.1.1, C.7.2.1), their type 2
 * attributes present even when empty, and new UIDs.
 */
public final class DerivedObjects {
    /** Patient and General Study attributes copied from the source image, with the character set they need. */
    private static final int[] COPIED = {Tags.SpecificCharacterSet, Tags.PatientName, Tags.PatientID,
        Tags.PatientBirthDate, Tags.PatientSex, Tags.StudyInstanceUID, Tags.StudyDate, Tags.StudyTime, Tags.StudyID,
        Tags.AccessionNumber, Tags.ReferringPhysicianName};
    /** Type 2 attributes of those modules: present, possibly empty. */
    private static final int[] TYPE_2 = {Tags.PatientName, Tags.PatientID, Tags.PatientBirthDate, Tags.PatientSex,
        Tags.StudyDate, Tags.StudyTime, Tags.StudyID, Tags.AccessionNumber, Tags.ReferringPhysicianName};

    private DerivedObjects() {
    }

    /**
     * Copies the Patient and General Study attributes of {@code source} into {@code target} and
     * adds the type 2 ones that are missing as empty elements (VR from the dictionary).
     */
    public static void copyPatientAndStudy(Attributes source, Attributes target) {
        for (int tag : COPIED) {
            source.get(tag).ifPresent(target::put);
        }
        for (int tag : TYPE_2) {
            if (!target.contains(tag)) {
                target.put(DicomElement.ofBytes(tag, DicomDictionary.standard().vr(tag), new byte[0], -1));
            }
        }
    }

    /** A new UID in the 2.25 form: the decimal value of a random UUID (PS3.5 B.2). */
    public static String newUid() {
        UUID u = UUID.randomUUID();
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array());
    }
}
