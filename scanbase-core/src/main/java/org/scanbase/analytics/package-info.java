// SPDX-License-Identifier: Apache-2.0
/**
 * Segmentation analytics: per-label mask statistics stored as fields ({@link org.scanbase.analytics.StatsJob}),
 * consistency checks written as tags ({@link org.scanbase.analytics.ChecksJob}) and evaluation of
 * predictions against ground truth ({@link org.scanbase.analytics.EvaluationJob}) with overlap and
 * surface-distance metrics from an exact anisotropic distance transform. Front door:
 * {@link org.scanbase.analytics.Analytics}. Units: mm, mL, HU; positions in LPS patient coordinates.
 */
package org.scanbase.analytics;
