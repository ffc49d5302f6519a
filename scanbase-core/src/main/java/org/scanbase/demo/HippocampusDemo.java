// SPDX-License-Identifier: Apache-2.0
package org.scanbase.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.DicomWriter;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.rt.ReferencedGrids;
import org.scanbase.rt.RoiMasks;

/**
 * The hippocampus demo: the layout of Kaggle's {@code aryashah2k/hippocampal-sparing-dataset}.
 *
 * <pre>
 * OUT/HippocampalMRISlices/01/MR.&lt;SOPInstanceUID&gt;.dcm   one per slice (MR Image Storage, uint16, 12 bits)
 * OUT/HippocampalMRISlices/01/RS.&lt;SOPInstanceUID&gt;.dcm   RT Structure Set: Hippocampus_L (1), Hippocampus_R (2)
 * OUT/HippocampalMRISlices/02/...
 * OUT/hippocampus-demo.json                            {@link HippocampusManifest}, outside the Kaggle folder
 * </pre>
 *
 * Each patient is a T1-weighted head ({@link HeadPhantom}) on one of five scanners
 * ({@link MrScanner}: Siemens, GE, Philips, Toshiba; 1.5 and 3 T), with realistic Patient, Study,
 * Series, Equipment, MR Image and Image Plane headers; some series are oblique, some have
 * anisotropic pixels (see {@link HippocampusPatient}). The manifest records, per slice and ROI, the
 * pixels that the project's own rasteriser puts inside, for importer tests to compare with.
 */
public final class HippocampusDemo {
  /** The Kaggle folder under OUT. */
  public static final String ROOT = "HippocampalMRISlices";
  /** The manifest's kind and file name stem. */
  public static final String KIND = "hippocampus";

  /**
   * What to generate.
   *
   * @param patients number of patients (folders 01, 02, ...), 1 to 999
   * @param slices   slices per series, 4 to 1024; the series covers 110-130 mm, so the slice
   *                 thickness is about 120 mm / slices
   * @param size     rows = columns per slice, 32 to 1024; the field of view is 220-250 mm
   * @param seed     seeds the random numbers: the same options give the same bytes
   */
  public record Options(int patients, int slices, int size, long seed) {
    public Options {
      check("patients", patients, 1, 999);
      check("slices", slices, 4, 1024);
      check("size", size, 32, 1024);
    }

    /** 4 patients x 24 slices of 128 x 128: a quick quickstart. */
    public static Options defaults() {
      return new Options(4, 24, 128, 1);
    }

    /** The benchmark's size: 25 patients x 48 slices of 128 x 128. */
    public static Options benchmark() {
      return new Options(25, 48, 128, 1);
    }

    private static void check(String what, int v, int min, int max) {
      if (v < min || v > max) {
        throw new IllegalArgumentException(what + " must be " + min + " to " + max + ", was " + v);
      }
    }
  }

  private HippocampusDemo() {
  }

  /**
   * Writes the demo into {@code out}, or reuses it when {@code out} already holds it for the same
   * options.
   *
   * @throws IOException when {@code out} is a file, holds demo data made with other options or
   *                     missing files, or holds a {@value #ROOT} folder that is not complete demo
   *                     data; or when writing fails (nothing is left half-written)
   */
  public static DemoResult<HippocampusManifest> write(Path out, Options options) throws IOException {
    return DemoFolder.write(out, KIND, List.of(ROOT), options, HippocampusManifest.class,
        staging -> generate(staging, options));
  }

  private static HippocampusManifest generate(Path staging, Options options) throws IOException {
    String base = KIND + "/p" + options.patients() + "-s" + options.slices() + "-n" + options.size()
        + "-seed" + options.seed();
    int width = Math.max(2, Integer.toString(options.patients()).length());
    List<HippocampusManifest.Patient> patients = new ArrayList<>();
    for (int p = 1; p <= options.patients(); p++) {
      patients.add(writePatient(staging, new HippocampusPatient(p, width, options, base)));
    }
    return new HippocampusManifest(KIND, 1, options, ROOT, patients);
  }

  private static HippocampusManifest.Patient writePatient(Path staging, HippocampusPatient p) throws IOException {
    Path dir = Files.createDirectories(staging.resolve(ROOT).resolve(p.folder));
    List<Attributes> headers = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (int k = 0; k < p.slices; k++) {
      Attributes ds = p.header(k);
      headers.add(ds);
      Path file = dir.resolve("MR." + p.sopUid(k) + ".dcm");
      files.add(file);
      ds.put(DicomElements.bytes(Tags.PixelData, VR.OW, p.pixels(k, p.noise())));
      DicomWriter.write(file, new Attributes(), ds);
      ds.remove(Tags.PixelData);
    }
    ReferencedGrid grid = ReferencedGrids.fromHeaders(headers, files);
    Path rsFile = dir.resolve("RS." + DemoUids.uid(p.uidBase + "/rtstruct") + ".dcm");
    HippocampusStructures.Drawn drawn = HippocampusStructures.write(rsFile, p, grid, headers.get(0));
    return describe(p, drawn, rsFile.getFileName().toString());
  }

  private static HippocampusManifest.Patient describe(HippocampusPatient p, HippocampusStructures.Drawn drawn,
      String rsName) {
    ReferencedGrid grid = drawn.grid();
    int nx = p.columns;
    int ny = p.rows;
    List<RoiMasks.RoiMask> masks = drawn.masks().masks();
    long[][] perSlice = new long[masks.size()][p.slices];
    for (int r = 0; r < masks.size(); r++) {
      byte[] v = (byte[]) masks.get(r).mask().voxels().data();
      for (int i = 0; i < v.length; i++) {
        if (v[i] != 0) {
          perSlice[r][i / (nx * ny)]++;
        }
      }
    }
    Map<String, Integer> sliceOf = new LinkedHashMap<>();
    for (int k = 0; k < p.slices; k++) {
      sliceOf.put(grid.sopInstanceUids().get(k), k);
    }
    List<HippocampusManifest.Image> images = new ArrayList<>();
    for (int k = 0; k < p.slices; k++) {
      String uid = p.sopUid(k);
      int gridSlice = sliceOf.get(uid);
      Map<String, Long> pixels = new LinkedHashMap<>();
      for (int r = 0; r < masks.size(); r++) {
        pixels.put(masks.get(r).name(), perSlice[r][gridSlice]);
      }
      images.add(new HippocampusManifest.Image(DemoFolder.rel(ROOT, p.folder, "MR." + uid + ".dcm"), uid, k + 1,
          gridSlice, p.sliceLocation(k), pixels));
    }
    List<HippocampusManifest.RoiSummary> rois = new ArrayList<>();
    List<Ellipsoid> shapes = List.of(p.left, p.right);
    List<int[]> colours = List.of(HippocampusStructures.LEFT_COLOR, HippocampusStructures.RIGHT_COLOR);
    for (int r = 0; r < masks.size(); r++) {
      int slicesHit = 0;
      for (long n : perSlice[r]) {
        slicesHit += n > 0 ? 1 : 0;
      }
      rois.add(new HippocampusManifest.RoiSummary(masks.get(r).roiNumber(), masks.get(r).name(), colours.get(r),
          shapes.get(r), drawn.contours()[r], slicesHit, masks.get(r).voxels()));
    }
    return new HippocampusManifest.Patient(p.folder, p.patientId(), p.patientName(), p.scanner.manufacturer(),
        p.scanner.model(), p.scanner.fieldStrength(), p.oblique, p.anisotropic, p.orientation(),
        new double[] {p.dy, p.dx}, p.dz, p.rows, p.columns, p.studyUid, p.seriesUid, p.frameUid,
        DemoFolder.rel(ROOT, p.folder, rsName), drawn.sopInstanceUid(), images, rois);
  }
}
