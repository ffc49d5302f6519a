// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.util.List;

/**
 * Encapsulated pixel data (PS3.5 A.4): the Basic Offset Table (first item, possibly empty), the
 * fragments that follow it, and the Extended Offset Table when the data set has one
 * (7FE0,0001/0002). Offsets are relative to the first byte of the first fragment's item tag.
 *
 * @param basicOffsetTable  offsets from the first item, empty when absent
 * @param fragments         fragment values in file order (item headers removed)
 * @param fragmentOffsets   for each fragment, the offset of its item tag relative to the first fragment's item tag
 */
public record Fragments(long[] basicOffsetTable, List<byte[]> fragments, long[] fragmentOffsets) {
    public int size() {
        return fragments.size();
    }

    public byte[] fragment(int i) {
        return fragments.get(i);
    }
}
