// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nrrd;

import org.scanbase.array.NdArray;
import org.scanbase.volume.Volume;

/**
 * A NRRD file read whole: its header and the stored values, shape = {@code sizes} reversed (C
 * order, so the NRRD's fastest axis is the array's last).
 *
 * @param header the parsed header
 * @param data   the values as stored (after decoding and byte swapping)
 */
public record NrrdImage(NrrdHeader header, NdArray data) {

    /**
     * The image as a {@link Volume} in LPS; see {@link NrrdVolumes#toVolume}.
     *
     * @throws NrrdFormatException when the axes do not describe a 2-D, 3-D or 4-D grid
     */
    public Volume toVolume() throws NrrdFormatException {
        return NrrdVolumes.toVolume(header, data);
    }
}
