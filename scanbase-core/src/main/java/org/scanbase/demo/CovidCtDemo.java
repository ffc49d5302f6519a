// SPDX-License-Identifier: Apache-2.0
package org.scanbase.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;
import org.scanbase.volume.VolumeFiles;

/**
 * The COVID-19 CT demo: the layout of Kaggle's {@code andrewmvd/covid19-ct-scans}.
 *
 * <pre>
 * OUT/ct_scans/coronacases_org_001.nii                                 int16 HU ({@link ChestPhantom})
 * OUT/ct_scans/radiopaedia_org_covid-19-pneumonia-4_85506_1-dcm.nii
 * OUT/lung_mask/coronacases_001.nii                                    uint8: 1 left lung, 2 right lung
 * OUT/infection_mask/coronacases_001.nii                               uint8: 1 infection
 * OUT/lung_and_infection_mask/coronacases_001.nii                      uint8: 1 left, 2 right, 3 infection
 * OUT/metadata.csv                                                     ct_scan,lung_mask,infection_mask,lung_and_infection_mask
 * OUT/covid-ct-demo.json                                               {@link CovidCtManifest}
 * </pre>
 *
 * Odd-numbered scans are {@code coronacases} (stored like DICOM: voxel axis i towards the
 * patient's left, j posterior, so the RAS affine has negative x and y columns), even-numbered
 * ones {@code radiopaedia} (stored RAS: i towards the right, j anterior). "Left" and "right" are
 * the patient's: label 1 lies at +x in LPS whatever the storage order. The field of view (320-380
 * mm) and the scan length (240-270 mm) vary per scan and are divided by the grid size, so
 * 512 x 512 x 240 gives the 0.6-0.75 mm x ~1.1 mm voxels of real scans.
 */
public final class CovidCtDemo {
  /** The manifest's kind and file name stem. */
  public static final String KIND = "covid-ct";
  public static final String CT_SCANS = "ct_scans";
  public static final String LUNG_MASK = "lung_mask";
  public static final String INFECTION_MASK = "infection_mask";
  public static final String LUNG_AND_INFECTION_MASK = "lung_and_infection_mask";
  public static final String METADATA_CSV = "metadata.csv";
  /** How Kaggle's metadata.csv prefixes its paths. */
  public static final String KAGGLE_PREFIX = "../input/covid19-ct-scans/";

  /**
   * What to generate.
   *
   * @param scans  number of CT scans (odd: coronacases, even: radiopaedia), 1 to 999
   * @param size   voxels along i and j, 32 to 1024
   * @param slices voxels along k, 4 to 2048
   * @param seed   seeds the random numbers: the same options give the same bytes
   */
  public record Options(int scans, int size, int slices, long seed) {
    public Options {
      check("scans", scans, 1, 999);
      check("size", size, 32, 1024);
      check("slices", slices, 4, 2048);
    }

    /** 4 scans of 128 x 128 x 48: a quick quickstart. */
    public static Options defaults() {
      return new Options(4, 128, 48, 1);
    }

    private static void check(String what, int v, int min, int max) {
      if (v < min || v > max) {
        throw new IllegalArgumentException(what + " must be " + min + " to " + max + ", was " + v);
      }
    }
  }

  /** Case_study_series of the ten radiopaedia scans of the Kaggle data set, in its order. */
  private static final List<String> RADIOPAEDIA_IDS = List.of("4_85506_1", "7_85703_0", "10_85902_1", "10_85902_3",
      "14_85914_0", "27_86410_0", "29_86490_1", "29_86491_1", "36_86526_0", "40_86625_0");

  private CovidCtDemo() {
  }

  /**
   * Writes the demo into {@code out}, or reuses it when {@code out} already holds it for the same
   * options.
   *
   * @throws IOException when {@code out} is a file, holds demo data made with other options or
   *                     missing files, or holds one of the Kaggle folders or metadata.csv without
   *                     being complete demo data; or when writing fails (nothing is left half-written)
   */
  public static DemoResult<CovidCtManifest> write(Path out, Options options) throws IOException {
    return DemoFolder.write(out, KIND, List.of(CT_SCANS, LUNG_MASK, INFECTION_MASK, LUNG_AND_INFECTION_MASK,
        METADATA_CSV), options, CovidCtManifest.class, staging -> generate(staging, options));
  }

  /** The image and mask file stems of scan {@code s} (1-based), as Kaggle names them. */
  static String[] names(int s) {
    if (s % 2 == 1) {
      int n = (s + 1) / 2;
      return new String[] {String.format(Locale.ROOT, "coronacases_org_%03d", n),
          String.format(Locale.ROOT, "coronacases_%03d", n)};
    }
    int m = s / 2;
    String id = m <= RADIOPAEDIA_IDS.size() ? RADIOPAEDIA_IDS.get(m - 1)
        : (40 + 3 * (m - 10)) + "_" + (86625 + 101 * (m - 10)) + "_0";
    return new String[] {"radiopaedia_org_covid-19-pneumonia-" + id + "-dcm", "radiopaedia_" + id};
  }

  private static CovidCtManifest generate(Path staging, Options options) throws IOException {
    for (String dir : List.of(CT_SCANS, LUNG_MASK, INFECTION_MASK, LUNG_AND_INFECTION_MASK)) {
      Files.createDirectories(staging.resolve(dir));
    }
    List<CovidCtManifest.Scan> scans = new ArrayList<>();
    StringBuilder csv = new StringBuilder("ct_scan,lung_mask,infection_mask,lung_and_infection_mask\n");
    for (int s = 1; s <= options.scans(); s++) {
      CovidCtManifest.Scan scan = writeScan(staging, s, options);
      scans.add(scan);
      csv.append(KAGGLE_PREFIX).append(scan.ctScan()).append(',')
          .append(KAGGLE_PREFIX).append(scan.lungMask()).append(',')
          .append(KAGGLE_PREFIX).append(scan.infectionMask()).append(',')
          .append(KAGGLE_PREFIX).append(scan.lungAndInfectionMask()).append('\n');
    }
    Files.writeString(staging.resolve(METADATA_CSV), csv);
    Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    labels.put(LUNG_MASK, Map.of("1", "left lung", "2", "right lung"));
    labels.put(INFECTION_MASK, Map.of("1", "infection"));
    labels.put(LUNG_AND_INFECTION_MASK, Map.of("1", "left lung", "2", "right lung", "3", "infection"));
    labels.replaceAll((k, v) -> new java.util.TreeMap<>(v));
    return new CovidCtManifest(KIND, 1, options, METADATA_CSV, labels, scans);
  }

  private static CovidCtManifest.Scan writeScan(Path staging, int s, Options options) throws IOException {
    Random random = new Random(DemoUids.seed(options.seed(), KIND, s));
    boolean corona = s % 2 == 1;
    int n = options.size();
    int nz = options.slices();
    double fov = 320 + 20 * random.nextInt(4);
    double coverage = 240 + 10 * random.nextInt(4);
    double sp = (float) (fov / n);
    double spz = (float) (coverage / nz);
    double scale = 0.9 + 0.15 * random.nextDouble();
    double[] body = {Math.round(10 * random.nextDouble() - 5), Math.round(10 * random.nextDouble() + 5),
        -Math.round(150 + 40 * random.nextDouble())};
    double[] fovCentre = {body[0] + 0.5 * Math.round(6 * random.nextDouble() - 3), body[1] - 8, body[2]};
    double sign = corona ? 1 : -1;
    double[] direction = {sign, 0, 0, 0, sign, 0, 0, 0, 1};
    double[] origin = {
        (float) (fovCentre[0] - sign * (n - 1) / 2.0 * sp),
        (float) (fovCentre[1] - sign * (n - 1) / 2.0 * sp),
        (float) (fovCentre[2] - (nz - 1) / 2.0 * spz)};
    Geometry g = new Geometry(new int[] {n, n, nz}, new double[] {sp, sp, spz}, origin, direction);
    ChestPhantom phantom = new ChestPhantom(scale, fov / 2 - 12, coverage, random);
    CtVolumes v = CtVolumes.render(g, body, phantom, random);
    String[] name = names(s);
    String image = DemoFolder.rel(CT_SCANS, name[0] + ".nii");
    String lung = DemoFolder.rel(LUNG_MASK, name[1] + ".nii");
    String infection = DemoFolder.rel(INFECTION_MASK, name[1] + ".nii");
    String both = DemoFolder.rel(LUNG_AND_INFECTION_MASK, name[1] + ".nii");
    int[] shape = {nz, n, n};
    VolumeFiles.write(Volume.of(new NdArray(DType.INT16, shape, v.hu()), g), staging.resolve(image));
    VolumeFiles.write(Volume.of(new NdArray(DType.UINT8, shape, v.lung()), g), staging.resolve(lung));
    VolumeFiles.write(Volume.of(new NdArray(DType.UINT8, shape, v.infection()), g), staging.resolve(infection));
    VolumeFiles.write(Volume.of(new NdArray(DType.UINT8, shape, v.combined()), g), staging.resolve(both));
    Map<String, Map<String, Long>> voxels = new LinkedHashMap<>();
    voxels.put(LUNG_MASK, CtVolumes.counts(v.lung(), 2));
    voxels.put(INFECTION_MASK, CtVolumes.counts(v.infection(), 1));
    voxels.put(LUNG_AND_INFECTION_MASK, CtVolumes.counts(v.combined(), 3));
    Map<String, long[]> perSlice = new LinkedHashMap<>();
    perSlice.put(LUNG_MASK, CtVolumes.sliceCounts(v.lung(), nz));
    perSlice.put(INFECTION_MASK, CtVolumes.sliceCounts(v.infection(), nz));
    perSlice.put(LUNG_AND_INFECTION_MASK, CtVolumes.sliceCounts(v.combined(), nz));
    return new CovidCtManifest.Scan(name[0], name[1], corona ? "coronacases" : "radiopaedia", image, lung, infection,
        both, g.size(), g.spacing(), withoutNegativeZeros(g.rasAffine()), v.huMin(), v.huMax(), voxels, perSlice);
  }

  /** The affine with -0.0 (from negating zero LPS entries) written as 0.0, for a tidy manifest. */
  private static double[][] withoutNegativeZeros(double[][] m) {
    for (double[] row : m) {
      for (int c = 0; c < row.length; c++) {
        row[c] += 0.0;
      }
    }
    return m;
  }
}
