// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

/** PLACEHOLDER until the generated dictionary lands. */
public final class DicomDictionary {
    private static final DicomDictionary STANDARD = new DicomDictionary();

    public static DicomDictionary standard() {
        return STANDARD;
    }

    public String keyword(int tag) {
        return "";
    }
}
