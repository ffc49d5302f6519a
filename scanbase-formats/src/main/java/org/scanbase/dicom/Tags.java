// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

/** PLACEHOLDER until scripts/gen-dictionary.py generates this file. */
public final class Tags {
    private Tags() {
    }

    public static final int SpecificCharacterSet = 0x00080005;
    public static final int TransferSyntaxUID = 0x00020010;
    public static final int PixelData = 0x7FE00010;
    public static final int Rows = 0x00280010;
    public static final int Columns = 0x00280011;
}
