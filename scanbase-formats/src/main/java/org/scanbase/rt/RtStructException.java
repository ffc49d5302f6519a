// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

/**
 * A structure set that cannot be put on a series: another frame of reference, or (with strict
 * references) images that are not in the series. The message names the ROI, the tag and both values.
 */
public class RtStructException extends RuntimeException {
    public RtStructException(String message) {
        super(message);
    }
}
