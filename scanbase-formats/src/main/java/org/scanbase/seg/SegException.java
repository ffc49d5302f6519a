// SPDX-License-Identifier: Apache-2.0
package org.scanbase.seg;

/**
 * A segmentation that cannot be put on a grid: another frame of reference, another image size,
 * orientation or pixel spacing, or (for {@link Segmentation#ownGrid()}) missing plane geometry.
 * The message names the file, the tag and both values.
 */
public class SegException extends RuntimeException {
    public SegException(String message) {
        super(message);
    }
}
