// SPDX-License-Identifier: Apache-2.0
package org.scanbase.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code OUT/hippocampus-demo.json}: what {@link HippocampusDemo} wrote and drew. JSON keys are
 * the snake_case forms of the component names; paths are relative to OUT with forward slashes.
 *
 * @param kind     "hippocampus"
 * @param version  1
 * @param options  the options the data was made with
 * @param root     "HippocampalMRISlices"
 * @param patients one per patient folder, in folder order
 */
public record HippocampusManifest(String kind, int version, HippocampusDemo.Options options, String root,
                                  List<Patient> patients) implements DemoManifest {

  public HippocampusManifest {
    patients = List.copyOf(patients);
  }

  @Override
  public List<String> files() {
    List<String> files = new ArrayList<>();
    for (Patient p : patients) {
      p.images().forEach(i -> files.add(i.file()));
      files.add(p.rtstruct());
    }
    return files;
  }

  /** Number of MR slices over all patients. */
  public int imageCount() {
    return patients.stream().mapToInt(p -> p.images().size()).sum();
  }

  /**
   * One patient: one MR series and its structure set.
   *
   * @param folder                 e.g. "01"
   * @param patientId              (0010,0020), e.g. "HIPPO-01"
   * @param patientName            (0010,0010), e.g. "Synthetic^Hippo01"
   * @param manufacturer           (0008,0070)
   * @param manufacturerModelName  (0008,1090)
   * @param magneticFieldStrength  (0018,0087), tesla
   * @param oblique                true when the slices are not axial (rotated orientation cosines)
   * @param anisotropic            true when the row spacing differs from the column spacing
   * @param imageOrientationPatient (0020,0037) as written
   * @param pixelSpacing           (0028,0030) as written: row spacing, column spacing (mm)
   * @param sliceThickness         (0018,0050) = spacing between slices, mm
   * @param rows                   (0028,0010)
   * @param columns                (0028,0011)
   * @param studyInstanceUid       (0020,000D)
   * @param seriesInstanceUid      (0020,000E) of the MR series
   * @param frameOfReferenceUid    (0020,0052)
   * @param rtstruct               the structure set file, e.g. "HippocampalMRISlices/01/RS.2.25.1234.dcm"
   * @param rtstructSopInstanceUid the structure set's (0008,0018)
   * @param images                 the MR slices, ascending along the slice normal
   * @param rois                   Hippocampus_L (1) then Hippocampus_R (2)
   */
  public record Patient(String folder, String patientId, String patientName, String manufacturer,
                        String manufacturerModelName, double magneticFieldStrength, boolean oblique, boolean anisotropic,
                        double[] imageOrientationPatient, double[] pixelSpacing, double sliceThickness, int rows,
                        int columns, String studyInstanceUid, String seriesInstanceUid, String frameOfReferenceUid,
                        String rtstruct, String rtstructSopInstanceUid, List<Image> images, List<RoiSummary> rois) {
    public Patient {
      images = List.copyOf(images);
      rois = List.copyOf(rois);
    }
  }

  /**
   * One MR slice.
   *
   * @param file           e.g. "HippocampalMRISlices/01/MR.2.25.1234.dcm"
   * @param sopInstanceUid (0008,0018)
   * @param instanceNumber (0020,0013) = slice index + 1
   * @param sliceIndex     0-based position in the series, ascending along the slice normal
   * @param sliceLocation  (0020,1041), mm
   * @param pixels         ROI name -> pixels of this slice inside the ROI, as
   *                       {@link org.scanbase.rt.ContourRasterizer} rasterises the structure set
   *                       on the series grid (0 when the ROI misses the slice)
   */
  public record Image(String file, String sopInstanceUid, int instanceNumber, int sliceIndex, double sliceLocation,
                      Map<String, Long> pixels) {
    public Image {
      pixels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pixels));
    }
  }

  /**
   * One ROI of a structure set.
   *
   * @param number    (3006,0022) ROINumber
   * @param name      (3006,0026) ROIName
   * @param color     (3006,002A) ROIDisplayColor r, g, b
   * @param ellipsoid the solid the contours cut: each contour is the ellipse where a slice plane
   *                  meets it, as a polygon of 48 points
   * @param contours  number of CLOSED_PLANAR contours (one per slice that has one)
   * @param slices    number of slices with at least one pixel inside
   * @param voxels    pixels inside over all slices (the sum of {@link Image#pixels()})
   */
  public record RoiSummary(int number, String name, int[] color, Ellipsoid ellipsoid, int contours, int slices,
                           long voxels) {
  }
}
