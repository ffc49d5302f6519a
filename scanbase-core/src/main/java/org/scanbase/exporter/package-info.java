// SPDX-License-Identifier: Apache-2.0
/**
 * Export of dataset views for training and DICOM viewers ({@code scanbase export}): NIfTI pairs,
 * the nnU-Net v2 raw layout, PNG slices, RT Structure Sets and DICOM Segmentations, with PS3.15
 * de-identification ({@link org.scanbase.exporter.Anonymizer}). The front door is
 * {@link org.scanbase.exporter.Exporter#export}.
 */
package org.scanbase.exporter;
