// SPDX-License-Identifier: Apache-2.0
/**
 * Deterministic synthetic demo data in exactly the layouts of the two Kaggle datasets of the
 * tutorial (DESIGN.md, "The workflow it must serve"), so that the same import commands run on
 * the demo and on the real downloads, offline.
 *
 * <ul>
 *   <li>{@link org.scanbase.demo.HippocampusDemo}: {@code HippocampalMRISlices/<NN>/MR.<uid>.dcm}
 *       T1-like brain MR series and one {@code RS.<uid>.dcm} RT Structure Set per patient with
 *       the ROIs {@code Hippocampus_L} and {@code Hippocampus_R} (ellipses on the slices through
 *       two ellipsoids); what was drawn is described in {@code OUT/hippocampus-demo.json}
 *       ({@link org.scanbase.demo.HippocampusManifest}).</li>
 *   <li>{@link org.scanbase.demo.CovidCtDemo}: {@code ct_scans/}, {@code lung_mask/},
 *       {@code infection_mask/}, {@code lung_and_infection_mask/} NIfTI files and
 *       {@code metadata.csv} as Kaggle names them; int16 HU chest phantoms and uint8 label
 *       volumes, described in {@code OUT/covid-ct-demo.json}
 *       ({@link org.scanbase.demo.CovidCtManifest}).</li>
 * </ul>
 *
 * <p>Same options, same bytes: UIDs are name-based (UUID v3 of the options and the object, in
 * the 2.25 form of PS3.5 B.2), random numbers come from seeded {@link java.util.Random}s and
 * trigonometry from {@link java.lang.StrictMath}. A data set appears complete or not at all: it is
 * written into a hidden staging folder inside OUT, moved into place by renames, and the manifest
 * is written last; a run that finds a complete manifest for the same options reuses the data.
 */
package org.scanbase.demo;
