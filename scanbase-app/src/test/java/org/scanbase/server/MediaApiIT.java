// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scanbase.core.Progress;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.dataset.MediaType;
import org.scanbase.dataset.Sample;
import org.scanbase.importer.DicomImporter;

/**
 * Media endpoints against independent decoding: each rendered pixel is the DICOM window formula
 * (PS3.3 C.11.2.1.2) applied to pydicom's (or nibabel's) value at that pixel, computed by
 * Debian's /usr/bin/python3 at test time; raw slices, masks and volumes equal what pydicom,
 * PIL and nibabel read from the source files.
 */
class MediaApiIT {
  static final String FILES = "pydicom-files";
  static final String SERIES = "mri-volumes";
  static AppFixture fx;
  static Path script;

  /** argv: kind (dicom|nifti) source png centre|own|pct width linear|exact [k]; prints maxdiff ndiff rows cols c w. */
  static final String WINDOW_CHECK = """
      import sys, numpy as np
      from PIL import Image
      kind, src, png, c, w, fn = sys.argv[1:7]
      if kind == 'dicom':
          import pydicom
          from pydicom.pixel_data_handlers.util import apply_modality_lut
          d = pydicom.dcmread(src)
          x = apply_modality_lut(d.pixel_array, d).astype(float)
      else:
          import nibabel as nib
          k = int(sys.argv[7])
          x = np.asanyarray(nib.load(src).dataobj)[:, :, k].astype(float).T
      if c == 'own':
          c, w = float(d.WindowCenter), float(d.WindowWidth)
      elif c == 'pct':
          lo, hi = np.percentile(x, [0.5, 99.5])
          w = hi - lo if hi > lo else 1.0
          c = lo + w / 2
      else:
          c, w = float(c), float(w)
      if fn == 'linear':
          y = np.where(x <= c - 0.5 - (w - 1) / 2, 0.0,
              np.where(x > c - 0.5 + (w - 1) / 2, 255.0, ((x - (c - 0.5)) / (w - 1) + 0.5) * 255))
      else:
          y = np.where(x <= c - w / 2, 0.0, np.where(x > c + w / 2, 255.0, ((x - c) / w + 0.5) * 255))
      expected = np.floor(y + 0.5)
      got = np.asarray(Image.open(png)).astype(float)
      assert got.shape == expected.shape, (got.shape, expected.shape)
      diff = np.abs(got - expected)
      print(int(diff.max()), int((diff > 0).sum()), got.shape[0], got.shape[1], repr(c), repr(w), int(expected.std() > 0))
      """;

  @BeforeAll
  static void start() throws Exception {
    fx = AppFixture.start();
    Path dir = fx.dir.resolve("pydicom-files");
    Files.createDirectories(dir);
    Python.run("""
        import sys, os, shutil, pydicom
        from pydicom.data import get_testdata_file
        out = sys.argv[1]
        shutil.copy(get_testdata_file('CT_small.dcm'), os.path.join(out, 'CT_small.dcm'))
        d = pydicom.dcmread(get_testdata_file('MR_small.dcm'))
        del d.WindowCenter
        del d.WindowWidth
        d.save_as(os.path.join(out, 'MR_nowindow.dcm'))
        shutil.copy(get_testdata_file('MR_small.dcm'), os.path.join(out, 'MR_small.dcm'))
        """, dir.toString());
    Dataset files = fx.catalog.create(FILES, MediaType.IMAGE);
    DicomImporter.run(dir, files, DicomImporter.Options.defaults(), Progress.NONE, MediaFiles.of(fx.catalog.store(), FILES));
    assertThat(files.count()).isEqualTo(3);
    Dataset series = fx.catalog.create(SERIES, MediaType.VOLUME);
    DicomImporter.run(fx.dir.resolve("hippocampal-sparing-dataset").resolve(org.scanbase.demo.HippocampusDemo.ROOT),
        series, new DicomImporter.Options("MR*.dcm", "RS*.dcm", DicomImporter.Mode.VOLUMES), Progress.NONE,
        MediaFiles.of(fx.catalog.store(), SERIES));
    assertThat(series.count()).isEqualTo(2);
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  private static Sample file(String name) {
    return fx.dataset(FILES).match("contains(filepath, \"" + name + "\")").first().orElseThrow();
  }

  private static Path save(HttpResponse<byte[]> r, String name) throws Exception {
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    Path p = fx.dir.resolve(name);
    Files.write(p, r.body());
    return p;
  }

  /** Runs the window check and asserts every pixel matches (within 1 grey level for rounding ties). */
  private static String[] checkWindow(String kind, String source, Path png, String c, String w, String fn, String... k)
      throws Exception {
    String[] args = new String[6 + k.length];
    String[] head = {kind, source, png.toString(), c, w, fn};
    System.arraycopy(head, 0, args, 0, 6);
    System.arraycopy(k, 0, args, 6, k.length);
    String[] out = Python.run(WINDOW_CHECK, args).split(" ");
    assertThat(Integer.parseInt(out[0])).as("largest difference in grey levels").isLessThanOrEqualTo(1);
    int pixels = Integer.parseInt(out[2]) * Integer.parseInt(out[3]);
    assertThat(Integer.parseInt(out[1])).as("pixels off by one").isLessThan(pixels / 100 + 1);
    assertThat(out[6]).as("the expected image is not flat").isEqualTo("1");
    return out;
  }

  @Test
  void rendersAnMrSliceAtTheFilesOwnWindowByDefault() throws Exception {
    Sample s = file("MR_small.dcm");
    HttpResponse<byte[]> r = fx.get("/api/datasets/" + FILES + "/samples/" + s.id() + "/image");
    String[] out = checkWindow("dicom", s.filepath(), save(r, "mr-own.png"), "own", "-", "linear");
    assertThat(Double.parseDouble(r.headers().firstValue("X-Window-Center").orElseThrow())).isEqualTo(Double.parseDouble(out[4]));
    assertThat(Double.parseDouble(r.headers().firstValue("X-Window-Width").orElseThrow())).isEqualTo(Double.parseDouble(out[5]));
  }

  @Test
  void rendersAtTheWindowTheClientAsksForAndCachesTheRendering() throws Exception {
    Sample s = file("MR_small.dcm");
    String path = "/api/datasets/" + FILES + "/samples/" + s.id() + "/image?wc=900&ww=700";
    checkWindow("dicom", s.filepath(), save(fx.get(path), "mr-asked.png"), "900", "700", "linear");
    Path cached = MediaFiles.of(fx.catalog.store(), FILES).path("app", "render", s.id(), "f1_c900_w700_linear.png");
    assertThat(cached).exists();
    assertThat(fx.get(path).body()).isEqualTo(Files.readAllBytes(cached));
    assertThat(fx.get("/api/datasets/" + FILES + "/samples/" + s.id() + "/image?wc=900").statusCode()).isEqualTo(400);
    assertThat(fx.get("/api/datasets/" + FILES + "/samples/" + s.id() + "/image?frame=2").statusCode()).isEqualTo(400);
  }

  @Test
  void rendersAnMrWithoutWindowAtItsRobustPercentiles() throws Exception {
    Sample s = file("MR_nowindow.dcm");
    HttpResponse<byte[]> r = fx.get("/api/datasets/" + FILES + "/samples/" + s.id() + "/image");
    String[] out = checkWindow("dicom", s.filepath(), save(r, "mr-pct.png"), "pct", "-", "exact");
    assertThat(Double.parseDouble(r.headers().firstValue("X-Window-Width").orElseThrow()))
        .isCloseTo(Double.parseDouble(out[5]), within(1e-6));
  }

  @Test
  void rendersACtWithoutWindowAtSoftTissueInHounsfieldUnits() throws Exception {
    Sample s = file("CT_small.dcm");
    HttpResponse<byte[]> r = fx.get("/api/datasets/" + FILES + "/samples/" + s.id() + "/image");
    checkWindow("dicom", s.filepath(), save(r, "ct-soft.png"), "40", "400", "linear");
    assertThat(r.headers().firstValue("X-Window-Center")).contains("40");
    HttpResponse<byte[]> lung = fx.get("/api/datasets/" + FILES + "/samples/" + s.id() + "/image?wc=-600&ww=1500");
    checkWindow("dicom", s.filepath(), save(lung, "ct-lung.png"), "-600", "1500", "linear");
  }

  @Test
  void sendsRawStoredValuesWithTheRescaleForHoundsfieldUnitsUnderTheCursor() throws Exception {
    Sample s = file("CT_small.dcm");
    HttpResponse<byte[]> r = fx.get("/api/datasets/" + FILES + "/samples/" + s.id() + "/raw");
    Path raw = save(r, "ct.raw");
    assertThat(r.headers().firstValue("X-Dtype")).contains("int16");
    assertThat(r.headers().firstValue("X-Width")).contains("128");
    assertThat(r.headers().firstValue("X-Modality")).contains("CT");
    String out = Python.run("""
        import sys, numpy as np, pydicom
        d = pydicom.dcmread(sys.argv[1])
        got = np.fromfile(sys.argv[2], dtype='<i2').reshape(d.Rows, d.Columns)
        print(int((got != d.pixel_array).sum()), float(d.RescaleSlope), float(d.RescaleIntercept),
              float(got[64, 70] * d.RescaleSlope + d.RescaleIntercept))
        """, s.filepath(), raw.toString());
    String[] v = out.split(" ");
    assertThat(v[0]).as("pixels differing from pydicom").isEqualTo("0");
    assertThat(Double.parseDouble(r.headers().firstValue("X-Rescale-Slope").orElseThrow())).isEqualTo(Double.parseDouble(v[1]));
    assertThat(Double.parseDouble(r.headers().firstValue("X-Rescale-Intercept").orElseThrow())).isEqualTo(Double.parseDouble(v[2]));
  }

  @Test
  void rendersAxialSlicesOfANiftiCtAndItsLabelSlicesLikeNibabel() throws Exception {
    Sample s = fx.dataset(AppFixture.CT).first().orElseThrow();
    String base = "/api/datasets/" + AppFixture.CT + "/samples/" + s.id();
    HttpResponse<byte[]> r = fx.get(base + "/image?frame=9");
    checkWindow("nifti", s.filepath(), save(r, "nifti-soft.png"), "40", "400", "linear", "8");
    checkWindow("nifti", s.filepath(), save(fx.get(base + "/image?frame=9&wc=-600&ww=1500"), "nifti-lung.png"),
        "-600", "1500", "linear", "8");
    String source = (String) ((Map<?, ?>) s.get("All Masks")).get("source");
    Path mask = save(fx.get(base + "/mask/All%20Masks?frame=9"), "nifti-mask.png");
    Path raw = save(fx.get(base + "/raw?frame=9"), "nifti.raw");
    String out = Python.run("""
        import sys, numpy as np, nibabel as nib
        from PIL import Image
        img, lab = nib.load(sys.argv[1]), nib.load(sys.argv[2])
        want = np.asanyarray(lab.dataobj)[:, :, 8].T
        got = np.asarray(Image.open(sys.argv[3]))
        raw = np.fromfile(sys.argv[4], dtype='<i2').reshape(want.shape)
        stored = img.dataobj.get_unscaled()[:, :, 8].T
        print(int((got != want).sum()), int((want > 0).sum()), sorted(set(np.unique(want).tolist())) == [0, 1, 2, 3],
              int((raw != stored).sum()))
        """, s.filepath(), source, mask.toString(), raw.toString());
    String[] v = out.split(" ");
    assertThat(v[0]).as("mask pixels differing from nibabel").isEqualTo("0");
    assertThat(Long.parseLong(v[1])).isPositive();
    assertThat(v[3]).as("raw values differing from nibabel").isEqualTo("0");
    long pixels = ((Number) s.frames().get(9).get("All Masks.pixels")).longValue();
    assertThat(Long.parseLong(v[1])).isEqualTo(pixels);
  }

  @Test
  void answersAnEmptyMaskSliceWithNoContent() throws Exception {
    Sample s = fx.dataset(AppFixture.CT).first().orElseThrow();
    long pixels = ((Number) s.frames().get(1).get("Infection Mask.pixels")).longValue();
    assertThat(pixels).isZero();
    assertThat(fx.get("/api/datasets/" + AppFixture.CT + "/samples/" + s.id() + "/mask/Infection%20Mask?frame=1").statusCode())
        .isEqualTo(204);
    Sample mr = fx.dataset(AppFixture.MRI).match("Hippocampus_R.pixels == 0").first().orElseThrow();
    assertThat(fx.get("/api/datasets/" + AppFixture.MRI + "/samples/" + mr.id() + "/mask/Hippocampus_R").statusCode())
        .isEqualTo(204);
    assertThat(fx.get("/api/datasets/" + AppFixture.MRI + "/samples/" + mr.id() + "/mask/Manufacturer").statusCode())
        .isEqualTo(404);
  }

  @Test
  void sendsA2dMaskAsStoredWithTheImportedPixelCount() throws Exception {
    Sample s = fx.dataset(AppFixture.MRI).match("Hippocampus_L.pixels > 0").first().orElseThrow();
    Path png = save(fx.get("/api/datasets/" + AppFixture.MRI + "/samples/" + s.id() + "/mask/Hippocampus_L"), "mr-mask.png");
    Map<?, ?> label = (Map<?, ?>) s.get("Hippocampus_L");
    assertThat(Files.readAllBytes(png)).isEqualTo(Files.readAllBytes(Path.of((String) label.get("mask_path"))));
    String count = Python.run("""
        import sys, numpy as np
        from PIL import Image
        print(int((np.asarray(Image.open(sys.argv[1])) > 0).sum()))
        """, png.toString());
    assertThat(Long.parseLong(count)).isEqualTo(((Number) label.get("pixels")).longValue());
  }

  @Test
  void sendsTheVolumeAndItsLabelVolumesAsNiftiGzThatNibabelReadsBack() throws Exception {
    Sample s = fx.dataset(AppFixture.CT).first().orElseThrow();
    String base = "/api/datasets/" + AppFixture.CT + "/samples/" + s.id();
    HttpResponse<byte[]> r = fx.get(base + "/volume");
    assertThat(r.headers().firstValue("Content-Type")).contains("application/gzip");
    Path vol = save(r, "image.nii.gz");
    Path lab = save(fx.get(base + "/volume/Lung%20Mask"), "lung.nii.gz");
    String source = (String) ((Map<?, ?>) s.get("Lung Mask")).get("source");
    String out = Python.run("""
        import sys, numpy as np, nibabel as nib
        a, b, c, d = (nib.load(p) for p in sys.argv[1:5])
        print(bool(np.array_equal(a.get_fdata(), b.get_fdata())), bool(np.allclose(a.affine, b.affine, atol=1e-4)),
              bool(np.array_equal(c.get_fdata(), d.get_fdata())), bool(np.allclose(c.affine, d.affine, atol=1e-3)))
        """, s.filepath(), vol.toString(), source, lab.toString());
    assertThat(out).isEqualTo("True True True True");
    assertThat(fx.get(base + "/volume/Nope").statusCode()).isEqualTo(404);
    Sample mr = fx.dataset(AppFixture.MRI).first().orElseThrow();
    assertThat(fx.get("/api/datasets/" + AppFixture.MRI + "/samples/" + mr.id() + "/volume").statusCode()).isEqualTo(400);
  }

  @Test
  void drawsThumbnailsWithMasksBlendedHalfAndHalfInTheirColours() throws Exception {
    Sample s = fx.dataset(AppFixture.MRI).match("Hippocampus_L.pixels > 0").first().orElseThrow();
    String base = "/api/datasets/" + AppFixture.MRI + "/samples/" + s.id();
    BufferedImage plain = ImageIO.read(new ByteArrayInputStream(fx.get(base + "/thumbnail?size=64").body()));
    BufferedImage masked = ImageIO.read(new ByteArrayInputStream(fx.get(base + "/thumbnail?size=64&masks=Hippocampus_L").body()));
    BufferedImage mask = ImageIO.read(Path.of((String) ((Map<?, ?>) s.get("Hippocampus_L")).get("mask_path")).toFile());
    assertThat(plain.getWidth()).isEqualTo(64);
    String hex = (String) ((Map<?, ?>) fx.dataset(AppFixture.MRI).appConfig().get("colors")).get("Hippocampus_L");
    int colour = Integer.parseInt(hex.substring(1), 16);
    int inside = 0;
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        int grey = plain.getRGB(x, y) & 0xFF;
        int got = masked.getRGB(x, y) & 0xFFFFFF;
        if (mask.getRaster().getSample(x, y, 0) != 0) {
          inside++;
          assertThat((got >> 16) & 0xFF).isEqualTo((grey + ((colour >> 16) & 0xFF)) / 2);
          assertThat(got & 0xFF).isEqualTo((grey + (colour & 0xFF)) / 2);
        } else {
          assertThat(got).isEqualTo(plain.getRGB(x, y) & 0xFFFFFF);
        }
      }
    }
    assertThat(inside).isEqualTo(((Number) s.get("Hippocampus_L.pixels")).intValue());
    BufferedImage small = ImageIO.read(new ByteArrayInputStream(fx.get(base + "/thumbnail?size=32").body()));
    assertThat(small.getWidth()).isEqualTo(32);
  }

  @Test
  void rendersDicomSeriesSamplesFrameByFrameAndAssemblesThemIntoNifti() throws Exception {
    Sample s = fx.dataset(SERIES).first().orElseThrow();
    String base = "/api/datasets/" + SERIES + "/samples/" + s.id();
    String frameFile = (String) s.frames().get(3).get("filepath");
    checkWindow("dicom", frameFile, save(fx.get(base + "/image?frame=3"), "series-f3.png"), "own", "-", "linear");
    assertThat(fx.get(base + "/raw?frame=3").headers().firstValue("X-Frames")).contains("8");
    Path vol = save(fx.get(base + "/volume"), "series.nii.gz");
    String out = Python.run("""
        import sys, numpy as np, nibabel as nib, pydicom
        v = np.asanyarray(nib.load(sys.argv[1]).dataobj)
        d = pydicom.dcmread(sys.argv[2])
        print(v.shape[2], int((v[:, :, 2].T != d.pixel_array).sum()))
        """, vol.toString(), frameFile);
    assertThat(out).isEqualTo("8 0");
  }
}
