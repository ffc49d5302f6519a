// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

/** What the reader does with bulk data such as Pixel Data (dcm4che's idea, made explicit). */
public enum BulkDataPolicy {
    /** Read the value into memory. */
    LOAD,
    /** Keep a {@link BulkData} reference (file, offset, length) and skip the bytes. */
    REFERENCE
}
