// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.scanbase.dataset.Dataset;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.DicomFile;
import org.scanbase.dicom.DicomReader;
import org.scanbase.dicom.DicomWriter;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;
import org.scanbase.rt.MaskRoi;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.rt.RtStructWriter;
import org.scanbase.seg.SegWriter;
import org.scanbase.volume.Volume;

/**
 * DICOM objects for the masks of cases that come from a DICOM series: {@code <case>/RS.dcm} (RT
 * Structure Set, {@link RtStructWriter}) or {@code <case>/SEG.dcm} (binary Segmentation,
 * {@link SegWriter}), each referencing the series' SOP instances, next to a copy of the series in
 * {@code <case>/series/IM0001.dcm...} (slice order), so that the folder opens as a whole in 3D
 * Slicer or OHIF and re-imports with {@code scanbase import dicom DIR --rtstruct 'RS*.dcm'}.
 *
 * <p>One ROI / segment per (field, label value): named after the field's mask target (prefixed
 * {@code "<field>: "} when two fields share a name), numbered 1, 2, ... in field order, coloured
 * (ROIDisplayColor, SEG's CIELab) with the field's App colour when the field has one label. With an
 * {@link Anonymizer}, the copied series and the new object go through the same one, so that the
 * remapped references still resolve; without, the series files are copied byte for byte.
 * A case from a volume file (NIfTI...) has no series to reference: one is written from the
 * volume ({@link SeriesSynthesizer}) and referenced instead.
 * {@code cases.csv}: {@code case,sample_ids,source,patient_id,study_date,object}.
 */
final class DicomExport implements CaseWriter {
  private final Path out;
  private final boolean seg;
  private final Dataset ds;
  private final Anonymizer anonymizer;
  private final ManifestFields identity;
  private final Csv cases = new Csv("case", "sample_ids", "source", "patient_id", "study_date", "object");

  DicomExport(Path out, ExportFormat format, Dataset ds, Anonymizer anonymizer) {
    this.out = out;
    this.identity = new ManifestFields(anonymizer);
    this.seg = format == ExportFormat.SEG;
    this.ds = ds;
    this.anonymizer = anonymizer;
  }

  @Override
  public long write(ExportCase c, String name) throws IOException {
    if (c.labels().isEmpty()) {
      throw new IOException("has no Segmentation field to export");
    }
    List<MaskRoi> rois = rois(c);
    if (seg && rois.isEmpty()) {
      throw new IOException("every mask is empty; a SEG needs at least one non-empty segment");
    }
    Path dir = out.resolve(name);
    // a volume file has no series to reference, so one is made from the volume
    SeriesSynthesizer.Synthetic synthetic = c.series() == null ? SeriesSynthesizer.of(c.image(), name) : null;
    ReferencedGrid grid = synthetic == null ? c.series().grid() : synthetic.grid();
    Attributes header = synthetic == null ? c.series().header() : synthetic.slices().get(0);
    Attributes object = seg
        ? SegWriter.build(grid, rois, header, SegWriter.Options.defaults())
        : RtStructWriter.build(grid, rois, header);
    long files = synthetic == null ? copySeries(c.series().files(), dir.resolve("series"))
        : writeSeries(synthetic.slices(), dir.resolve("series"));
    Attributes written = anonymizer == null ? object : anonymizer.anonymize(object);
    Files.createDirectories(dir);
    DicomWriter.write(dir.resolve(seg ? "SEG.dcm" : "RS.dcm"), new Attributes(), written);
    CasePlan p = c.plan();
    cases.row(name, String.join(";", p.sampleIds()), identity.source(p), identity.patientId(p),
        identity.studyDate(p), name + (seg ? "/SEG.dcm" : "/RS.dcm"));
    return files + 1;
  }

  @Override
  public long finish() throws IOException {
    cases.write(out.resolve("cases.csv"));
    return 1;
  }

  private List<MaskRoi> rois(ExportCase c) {
    List<MaskRoi> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Map<String, Map<String, String>> allTargets = ds.maskTargets();
    for (Map.Entry<String, Volume> l : c.labels().entrySet()) {
      Map<Integer, String> targets = new TreeMap<>();
      allTargets.getOrDefault(l.getKey(), Map.of()).forEach((k, v) -> targets.put(Integer.parseInt(k), v));
      if (targets.isEmpty()) {
        targets.put(1, l.getKey());
      }
      int[] colour = targets.size() == 1 ? colour(l.getKey()) : new int[0];
      for (MaskRoi r : MaskRoi.fromLabels(l.getValue(), targets)) {
        String roiName = names.contains(r.name()) ? l.getKey() + ": " + r.name() : r.name();
        names.add(roiName);
        out.add(new MaskRoi(out.size() + 1, roiName, r.mask(), colour, "ORGAN"));
      }
    }
    if (seg) {
      // a segmentation needs at least one frame; empty segments keep their numbers but have no frames
      out.removeIf(r -> !any(r.mask()));
      List<MaskRoi> renumbered = new ArrayList<>();
      for (MaskRoi r : out) {
        renumbered.add(new MaskRoi(renumbered.size() + 1, r.name(), r.mask(), r.displayColor(), r.interpretedType()));
      }
      return renumbered;
    }
    return out;
  }

  /** The field's colour in the App config ({@code "colors": {field: "#rrggbb"}}, set by the DICOM import), or none. */
  private int[] colour(String field) {
    if (ds.appConfig().get("colors") instanceof Map<?, ?> colours && colours.get(field) instanceof String hex
        && hex.matches("#[0-9a-fA-F]{6}")) {
      int rgb = Integer.parseInt(hex.substring(1), 16);
      return new int[] {rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF};
    }
    return new int[0];
  }

  private static boolean any(Volume v) {
    byte[] b = (byte[]) v.voxels().data();
    for (byte x : b) {
      if (x != 0) {
        return true;
      }
    }
    return false;
  }

  private long writeSeries(List<Attributes> slices, Path dir) throws IOException {
    Files.createDirectories(dir);
    long n = 0;
    for (Attributes slice : slices) {
      Path target = dir.resolve(String.format(Locale.ROOT, "IM%04d.dcm", ++n));
      DicomWriter.write(target, new Attributes(), anonymizer == null ? slice : anonymizer.anonymize(slice));
    }
    return n;
  }

  private long copySeries(List<Path> files, Path dir) throws IOException {
    Files.createDirectories(dir);
    long n = 0;
    for (Path f : new LinkedHashSet<>(files)) {
      Path target = dir.resolve(String.format(Locale.ROOT, "IM%04d.dcm", ++n));
      if (anonymizer == null) {
        Files.copy(f, target);
      } else {
        DicomFile file = DicomReader.read(f);
        Attributes meta = new Attributes();
        if (file.transferSyntax().encapsulated()) {
          meta.put(DicomElements.string(Tags.TransferSyntaxUID, VR.UI, file.transferSyntax().uid()));
        }
        DicomWriter.write(target, meta, anonymizer.anonymize(file.dataset()));
      }
    }
    return n;
  }
}
