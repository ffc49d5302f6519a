// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nrrd;

import java.util.List;
import org.scanbase.volume.Geometry;

/**
 * How a NRRD's axes make a volume, known from the header alone: the LPS grid, values per voxel,
 * timepoints and the scaling scanbase keeps in key/value pairs.
 *
 * @param geometry   grid of the spatial axes, LPS
 * @param components size of the component axis before the spatial axes (1 when none)
 * @param timepoints size of the axis after them (1 when none)
 * @param slope      real = stored * slope + intercept
 * @param intercept  see slope
 * @param warnings   assumptions made (no space directions, non-anatomical space)
 */
public record NrrdLayout(Geometry geometry, int components, int timepoints, double slope, double intercept,
                         List<String> warnings) {
    public NrrdLayout {
        warnings = List.copyOf(warnings);
    }
}
