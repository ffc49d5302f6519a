// SPDX-License-Identifier: Apache-2.0
package org.scanbase.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code OUT/covid-ct-demo.json}: what {@link CovidCtDemo} wrote. JSON keys are the snake_case
 * forms of the component names; paths are relative to OUT with forward slashes.
 *
 * @param kind        "covid-ct"
 * @param version     1
 * @param options     the options the data was made with
 * @param metadataCsv "metadata.csv"
 * @param labels      mask folder ("lung_mask", "infection_mask", "lung_and_infection_mask") ->
 *                    label value -> name: lung_mask 1 left lung, 2 right lung (the patient's left
 *                    and right); infection_mask 1 infection; lung_and_infection_mask 1 left lung,
 *                    2 right lung, 3 infection (infection wins over lung)
 * @param scans       one per CT scan, in metadata.csv order
 */
public record CovidCtManifest(String kind, int version, CovidCtDemo.Options options, String metadataCsv,
                              Map<String, Map<String, String>> labels, List<Scan> scans) implements DemoManifest {

  public CovidCtManifest {
    scans = List.copyOf(scans);
  }

  @Override
  public List<String> files() {
    List<String> files = new ArrayList<>();
    for (Scan s : scans) {
      files.addAll(List.of(s.ctScan(), s.lungMask(), s.infectionMask(), s.lungAndInfectionMask()));
    }
    files.add(metadataCsv);
    return files;
  }

  /**
   * One CT scan and its three masks, all on the same grid.
   *
   * @param name                 the image's stem, e.g. "coronacases_org_001"
   * @param maskName             the masks' stem, e.g. "coronacases_001" (Kaggle names them differently)
   * @param source               "coronacases" or "radiopaedia"
   * @param ctScan               e.g. "ct_scans/coronacases_org_001.nii": int16 HU, scl_slope 1, scl_inter 0
   * @param lungMask             e.g. "lung_mask/coronacases_001.nii": uint8 labels
   * @param infectionMask        "infection_mask/..."
   * @param lungAndInfectionMask "lung_and_infection_mask/..."
   * @param shape                nx, ny, nz (NIfTI dim[1..3])
   * @param spacing              mm along i, j, k (pixdim[1..3])
   * @param affine               4x4 voxel -> RAS mm, the sform as written (what nibabel's
   *                             {@code img.affine} gives)
   * @param huMin                smallest voxel value of the image
   * @param huMax                largest voxel value of the image
   * @param voxels               mask folder -> label value -> voxel count, every label listed
   * @param sliceVoxels          mask folder -> non-zero voxels of each slice k = 0..nz-1 (frame k + 1)
   */
  public record Scan(String name, String maskName, String source, String ctScan, String lungMask, String infectionMask,
                     String lungAndInfectionMask, int[] shape, double[] spacing, double[][] affine, int huMin, int huMax,
                     Map<String, Map<String, Long>> voxels, Map<String, long[]> sliceVoxels) {
  }
}
