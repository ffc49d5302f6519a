// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.scanbase.array.NdArray;
import org.scanbase.dataset.MediaType;
import org.scanbase.dataset.Sample;
import org.scanbase.dicom.DicomFile;
import org.scanbase.dicom.DicomReader;
import org.scanbase.dicom.pixel.ModalityLut;
import org.scanbase.dicom.pixel.PixelArray;
import org.scanbase.dicom.pixel.PixelDecoder;
import org.scanbase.label.Segmentation;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.SeriesAssembler;
import org.scanbase.volume.Volume;
import org.scanbase.volume.VolumeFiles;

/**
 * Reads what analytics needs from a sample: its image (intensities and grid) and its
 * Segmentation fields as {@link LabelVolume}s. Slice samples (2D PNG masks) take their grid from
 * the sample's DICOM fields — PixelSpacing, ImageOrientationPatient, ImagePositionPatient and
 * SliceThickness (else {@code metadata.slice_spacing}) — and their intensities from the DICOM
 * file with its modality rescale (HU for CT). Volume samples read their image file (NIfTI, NRRD,
 * MetaImage, or the DICOM series of the sample) and their {@code .nii.gz} label volumes.
 * The image is read once per sample and kept.
 */
public final class SampleGrids {
  private final Sample sample;
  private Image image;
  private IOException imageError;

  /** An image with its grid; {@code values} null when the image has several components. */
  public record Image(Geometry geometry, ImageValues values) {}

  public SampleGrids(Sample sample) {
    this.sample = sample;
  }

  public Sample sample() {
    return sample;
  }

  /**
   * The sample's image, read on first use.
   *
   * @throws IOException when it cannot be read (the file is named)
   */
  public Image image() throws IOException {
    if (image == null && imageError == null) {
      try {
        image = readImage();
      } catch (IOException | RuntimeException e) {
        imageError = e instanceof IOException io ? io
            : new IOException(sample.filepath() + ": " + e.getMessage(), e);
      }
    }
    if (imageError != null) {
      throw imageError;
    }
    return image;
  }

  /**
   * The mask of a Segmentation field: its file, or an empty mask on the image's grid when the
   * field holds an empty mask (no file). Null when the sample has no such field.
   *
   * @throws IOException when the mask or (for empty masks) the image cannot be read
   * @throws IllegalArgumentException when the field holds another kind of value
   */
  public LabelVolume mask(String field) throws IOException {
    Segmentation seg = sample.label(field, Segmentation.class).orElse(null);
    if (seg == null) {
      return null;
    }
    if (seg.maskPath() == null) {
      Geometry g = image().geometry();
      return new LabelVolume(new short[(int) g.voxelCount()], g, isSlice());
    }
    Path path = Path.of(seg.maskPath());
    if (path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
      return readPng(path);
    }
    Volume v = VolumeFiles.read(path);
    return LabelVolume.of(v.voxels(), v.geometry(), path.toString());
  }

  /** True for a 2D slice sample. */
  public boolean isSlice() {
    return sample.mediaType() == MediaType.IMAGE;
  }

  private LabelVolume readPng(Path png) throws IOException {
    BufferedImage img = ImageIO.read(png.toFile());
    if (img == null) {
      throw new IOException(png + ": not an image ImageIO can read");
    }
    Raster r = img.getRaster();
    int w = r.getWidth();
    int h = r.getHeight();
    short[] labels = new short[w * h];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      r.getSamples(0, y, w, 1, 0, row);
      for (int x = 0; x < w; x++) {
        labels[y * w + x] = (short) row[x];
      }
    }
    return new LabelVolume(labels, sliceGeometry(w, h), true);
  }

  /** The grid of a slice sample from its DICOM fields, sized w x h (the mask's size). */
  Geometry sliceGeometry(int w, int h) {
    double[] ps = numbers("PixelSpacing", 2);
    if (ps == null) {
      ps = numbers("metadata.spacing", 2);
    }
    if (ps == null) {
      ps = new double[] {1, 1};
    }
    double[] iop = numbers("ImageOrientationPatient", 6);
    if (iop == null) {
      iop = new double[] {1, 0, 0, 0, 1, 0};
    }
    double[] ipp = numbers("ImagePositionPatient", 3);
    if (ipp == null) {
      ipp = new double[3];
    }
    double thickness = number("SliceThickness", number("metadata.slice_spacing", 1));
    double[] n = {iop[1] * iop[5] - iop[2] * iop[4], iop[2] * iop[3] - iop[0] * iop[5], iop[0] * iop[4] - iop[1] * iop[3]};
    double[] dir = {iop[0], iop[3], n[0], iop[1], iop[4], n[1], iop[2], iop[5], n[2]};
    // PixelSpacing is (row spacing, column spacing): i runs along a row, so its step is the column spacing
    return new Geometry(new int[] {w, h, 1}, new double[] {ps[1], ps[0], thickness > 0 ? thickness : 1}, ipp, dir);
  }

  private double[] numbers(String field, int n) {
    if (sample.get(field) instanceof List<?> l && l.size() == n && l.stream().allMatch(x -> x instanceof Number)) {
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = ((Number) l.get(i)).doubleValue();
      }
      return out;
    }
    return null;
  }

  private double number(String field, double orElse) {
    return sample.get(field) instanceof Number x ? x.doubleValue() : orElse;
  }

  private Image readImage() throws IOException {
    Path file = Path.of(sample.filepath());
    if (isSlice()) {
      DicomFile f = DicomReader.readHeader(file);
      PixelArray px = PixelDecoder.decodeFrame(f, 0);
      Geometry g = sliceGeometry(px.columns(), px.rows());
      if (px.samples() != 1) {
        return new Image(g, null);
      }
      ModalityLut.Rescale r = ModalityLut.rescale(f.dataset(), 0).orElse(new ModalityLut.Rescale(1, 0));
      NdArray stored = px.values().reshape(px.rows() * px.columns());
      return new Image(g, new ImageValues(stored, r.slope(), r.intercept()));
    }
    Volume v;
    if (VolumeFiles.formatOf(file) != null) {
      v = VolumeFiles.read(file);
    } else {
      Object uid = sample.get("SeriesInstanceUID");
      v = SeriesAssembler.assemble(file.getParent(), uid instanceof String s ? s : null, SeriesAssembler.Options.LENIENT);
    }
    if (v.timepoints() != 1 || v.components() != 1) {
      return new Image(v.geometry(), null);
    }
    return new Image(v.geometry(), new ImageValues(v.voxels(), v.slope(), v.intercept()));
  }
}
