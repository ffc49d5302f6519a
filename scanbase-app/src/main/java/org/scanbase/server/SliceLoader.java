// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scanbase.array.DType;
import org.scanbase.dataset.MediaType;
import org.scanbase.dataset.Sample;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomFile;
import org.scanbase.dicom.DicomReader;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.pixel.ImagePixel;
import org.scanbase.dicom.pixel.ModalityLut;
import org.scanbase.dicom.pixel.PixelArray;
import org.scanbase.dicom.pixel.PixelDecoder;
import org.scanbase.dicom.pixel.VoiLut;
import org.scanbase.dicom.pixel.VoiWindow;
import org.scanbase.volume.Volume;
import org.scanbase.volume.VolumeFiles;

/**
 * Reads slices of samples: frame n (1-based) of a DICOM image, or axial slice k = n-1 of a
 * volume file (NIfTI, NRRD, MetaImage). Keeps the last few volumes in memory, so playing
 * through a volume reads it once.
 */
final class SliceLoader {
  private static final int CACHED_VOLUMES = 3;
  private final Map<String, Volume> volumes = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Volume> eldest) {
      return size() > CACHED_VOLUMES;
    }
  };

  /** The source file of a sample (read from the store, never from the client). */
  static Path source(Sample s) {
    Path p = Path.of(s.filepath());
    if (!Files.isRegularFile(p)) {
      throw ApiException.notFound("the source file of sample " + s.id() + " is missing");
    }
    return p;
  }

  /** True when the sample's file is a volume file (by its bytes). */
  static boolean isVolumeFile(Path p) throws IOException {
    return VolumeFiles.formatOf(p) != null;
  }

  Slice load(Sample s, int frame) throws IOException {
    Path p = source(s);
    if (isVolumeFile(p)) {
      return volumeSlice(s, volume(p), frame);
    }
    if (s.mediaType() == MediaType.VOLUME) {
      return seriesSlice(s, frame);
    }
    if (s.mediaType() != MediaType.IMAGE) {
      throw ApiException.badRequest("sample " + s.id() + " is a " + s.mediaType().code()
          + " sample; only DICOM images, DICOM series and volume files are rendered");
    }
    return dicomSlice(s, DicomReader.read(p), frame);
  }

  /**
   * Slice {@code frame} of a DICOM series imported as one volume sample: the file its frame
   * names (stored by the importer, frame 1 = first slice along the normal).
   */
  private static Slice seriesSlice(Sample s, int frame) throws IOException {
    int frames = s.frames().count();
    checkFrame(s, frame, frames);
    Object file = s.frames().get(frame).get("filepath");
    if (!(file instanceof String path) || !Files.isRegularFile(Path.of(path))) {
      throw ApiException.notFound("frame " + frame + " of sample " + s.id() + " names no DICOM file");
    }
    Slice one = dicomSlice(s, DicomReader.read(Path.of(path)), 1);
    return new Slice(one.width(), one.height(), one.stored(), one.storedType(), one.slope(), one.intercept(),
        one.fileWindow(), one.modality(), frames, one.invert());
  }

  /** The file of a frame of a DICOM series sample (for colour rendering), else the sample's file. */
  static Path frameSource(Sample s, int frame) {
    if (s.mediaType() == MediaType.VOLUME && s.frames().find(frame).isPresent()
        && s.frames().get(frame).get("filepath") instanceof String path) {
      return Path.of(path);
    }
    return source(s);
  }

  /** A DICOM series sample assembled into one volume (slices listed by the importer in metadata.files). */
  static Volume assembleSeries(Sample s) throws IOException {
    if (!(s.get("metadata.files") instanceof List<?> names) || names.isEmpty()) {
      throw ApiException.badRequest("sample " + s.id() + " is neither a volume file nor a DICOM series");
    }
    List<Path> files = names.stream().map(n -> Path.of(n.toString())).toList();
    org.scanbase.volume.SeriesScan scan = org.scanbase.volume.SeriesScanner.scan(files);
    if (scan.series().size() != 1) {
      throw ApiException.badRequest("the files of sample " + s.id() + " hold " + scan.series().size() + " series, not one");
    }
    return org.scanbase.volume.SeriesAssembler.assemble(org.scanbase.volume.SeriesAssembler.onlyStack(
        scan.series().get(0), files.get(0)), org.scanbase.volume.SeriesAssembler.Options.LENIENT);
  }

  /** The volume in a file (cached by path and modification time). */
  Volume volume(Path p) throws IOException {
    FileTime t = Files.getLastModifiedTime(p);
    String key = p.toAbsolutePath() + "@" + t.toMillis();
    synchronized (volumes) {
      Volume v = volumes.get(key);
      if (v != null) {
        return v;
      }
    }
    Volume v = VolumeFiles.read(p);
    synchronized (volumes) {
      volumes.put(key, v);
    }
    return v;
  }

  private static Slice volumeSlice(Sample s, Volume v, int frame) {
    if (v.components() != 1) {
      throw ApiException.badRequest("sample " + s.id() + " has " + v.components() + " values per voxel; only scalar volumes are shown");
    }
    int nx = v.nx();
    int ny = v.ny();
    int nz = v.nz();
    checkFrame(s, frame, nz);
    int k = frame - 1;
    double[] stored = new double[nx * ny];
    for (int j = 0; j < ny; j++) {
      for (int i = 0; i < nx; i++) {
        stored[j * nx + i] = v.stored(i, j, k);
      }
    }
    String modality = s.get("Modality") instanceof String m ? m : guessModality(v, stored);
    return new Slice(nx, ny, stored, v.voxels().dtype(), v.slope(), v.intercept(), null, modality, nz, false);
  }

  /** A volume without a Modality field: CT when its integer real values reach below -500 (air in HU). */
  private static String guessModality(Volume v, double[] stored) {
    if (v.voxels().dtype().floating()) {
      return "";
    }
    for (double d : stored) {
      if (d * v.slope() + v.intercept() < -500) {
        return "CT";
      }
    }
    return "";
  }

  private static Slice dicomSlice(Sample s, DicomFile f, int frame) throws IOException {
    Attributes ds = f.dataset();
    int frames = ds.getString(Tags.NumberOfFrames).map(String::trim).filter(x -> !x.isEmpty())
        .map(Integer::parseInt).orElse(1);
    checkFrame(s, frame, frames);
    ImagePixel ip = PixelDecoder.describe(f.path(), ds);
    String photometric = PixelDecoder.decodedPhotometric(ip, f.transferSyntax());
    if (ip.samplesPerPixel() != 1 || photometric.equals("PALETTE COLOR")) {
      throw new ColourImage();
    }
    PixelArray stored = PixelDecoder.decodeFrame(f, frame - 1);
    double[] values = new double[stored.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = stored.getDouble(i);
    }
    Optional<ModalityLut.Rescale> rescale = ModalityLut.rescale(ds, frame - 1);
    double slope = rescale.map(ModalityLut.Rescale::slope).orElse(1.0);
    double intercept = rescale.map(ModalityLut.Rescale::intercept).orElse(0.0);
    List<VoiWindow> windows = VoiLut.windows(ds, frame - 1);
    String modality = ds.getString(Tags.Modality).map(String::trim).orElse("");
    return new Slice(stored.columns(), stored.rows(), values, stored.dtype(), slope, intercept,
        windows.isEmpty() ? null : windows.get(0), modality, frames, photometric.equals("MONOCHROME1"));
  }

  private static void checkFrame(Sample s, int frame, int frames) {
    if (frame < 1 || frame > frames) {
      throw ApiException.badRequest("frame " + frame + " is outside 1.." + frames + " of sample " + s.id());
    }
  }

  /** A colour DICOM image: rendered by the formats' display pipeline, no raw values. */
  static final class ColourImage extends RuntimeException {
    ColourImage() {
      super("colour image", null, false, false);
    }
  }
}
