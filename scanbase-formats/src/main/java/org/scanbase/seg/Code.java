// SPDX-License-Identifier: Apache-2.0
package org.scanbase.seg;

import java.util.Objects;
import java.util.Optional;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;

/**
 * A coded concept (PS3.3 8.8, Code Sequence Macro table 8.8-1): (0008,0100) CodeValue,
 * (0008,0102) CodingSchemeDesignator, (0008,0104) CodeMeaning.
 *
 * @param value   the code value, e.g. "85756007"
 * @param scheme  the coding scheme designator, e.g. "SCT" (SNOMED CT) or "DCM"
 * @param meaning the human-readable meaning, e.g. "Tissue"
 */
public record Code(String value, String scheme, String meaning) {
    /** SCT 85756007 "Tissue": the default segmented property category and type (as 3D Slicer writes them). */
    public static final Code TISSUE = new Code("85756007", "SCT", "Tissue");
    /** SCT 123037004 "Anatomical Structure": a segmented property category (CID 7150). */
    public static final Code ANATOMICAL_STRUCTURE = new Code("123037004", "SCT", "Anatomical Structure");
    /** SCT 113343008 "Organ": a segmented property type. */
    public static final Code ORGAN = new Code("113343008", "SCT", "Organ");

    public Code {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(meaning, "meaning");
    }

    /** The first item of a code sequence, or empty when the sequence is absent or empty. */
    static Optional<Code> of(Attributes ds, int sequenceTag) {
        return ds.getItem(sequenceTag).map(item -> new Code(
                item.getString(Tags.CodeValue).or(() -> item.getString(Tags.LongCodeValue)).orElse(""),
                item.getString(Tags.CodingSchemeDesignator).orElse(""),
                item.getString(Tags.CodeMeaning).orElse("")));
    }

    /** This code as a sequence item. */
    Attributes toItem() {
        Attributes a = new Attributes();
        a.put(DicomElements.string(Tags.CodeValue, VR.SH, value));
        a.put(DicomElements.string(Tags.CodingSchemeDesignator, VR.SH, scheme));
        a.put(DicomElements.string(Tags.CodeMeaning, VR.LO, meaning));
        return a;
    }

    @Override
    public String toString() {
        return "(" + value + ", " + scheme + ", \"" + meaning + "\")";
    }
}
