// SPDX-License-Identifier: Apache-2.0
/** Writing grey PNG images (masks and label slices) without Java2D or ImageIO. */
package org.scanbase.png;
