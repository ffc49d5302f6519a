// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.scanbase.core.Progress;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.View;

/**
 * {@code scanbase export NAME --format F --out DIR}: the samples of a view written for training or
 * for DICOM viewers. Volume samples are cases as they are; slice samples are grouped per series
 * ({@code volume_id}) and assembled into volumes with their masks.
 *
 * <ul>
 *   <li>{@link ExportFormat#NIFTI}: {@code images/<case>.nii.gz}, {@code labels/<case>/<field>.nii.gz},
 *       {@code manifest.csv} ({@code image,field,mask}, what {@code import nifti --manifest} reads) and
 *       {@code samples.csv} (case, sample ids, source, patient ID, study date);</li>
 *   <li>{@link ExportFormat#NNUNET}: {@link NnunetExport};</li>
 *   <li>{@link ExportFormat#PNG}: {@link PngExport};</li>
 *   <li>{@link ExportFormat#RTSTRUCT}, {@link ExportFormat#SEG}: {@link DicomExport}.</li>
 * </ul>
 * A case that cannot be read or written is skipped with the reason and the rest goes on; source
 * files are never modified.
 */
public final class Exporter {
  private Exporter() {}

  /**
   * Exports the view.
   *
   * @throws IOException              when the output folder cannot be created or is not empty
   * @throws IllegalArgumentException when a label field is not a Segmentation field of the dataset
   */
  public static ExportReport export(View view, ExportOptions options, Progress progress) throws IOException {
    Path out = options.out().toAbsolutePath().normalize();
    prepare(out);
    Dataset ds = view.dataset();
    List<String> fields = labelFields(ds, options);
    ExportReport report = new ExportReport(options.format(), out);
    Anonymizer anonymizer = options.anonymize() ? new Anonymizer() : null;
    Map<String, String> skipped = new LinkedHashMap<>();
    List<CasePlan> plans = CasePlanner.plan(view, fields, skipped);
    skipped.forEach(report::skip);
    CaseWriter writer = switch (options.format()) {
      case NIFTI -> new NiftiExport(out, new ManifestFields(anonymizer));
      case NNUNET -> new NnunetExport(out, ds, fields, new ManifestFields(anonymizer), report);
      case PNG -> new PngExport(out, options.pngBits(), new ManifestFields(anonymizer));
      case RTSTRUCT, SEG -> new DicomExport(out, options.format(), ds, anonymizer);
    };
    Set<String> names = new HashSet<>();
    progress.start("exporting " + options.format().code(), plans.size());
    for (CasePlan plan : plans) {
      String name = name(ds, plan, options, report.exported() + 1, names);
      try {
        report.addCase(writer.write(CaseLoader.load(plan), name));
        names.add(name);
      } catch (IOException | RuntimeException e) {
        report.skip(plan.source(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      }
      progress.advance(1);
    }
    progress.finish();
    report.addFiles(writer.finish());
    return report;
  }

  /** The label fields to export: the options', checked against the schema, or the defaults. */
  static List<String> labelFields(Dataset ds, ExportOptions options) {
    Map<String, String> schema = ds.schema();
    for (String f : options.labelFields()) {
      if (!"Segmentation".equals(schema.get(f))) {
        throw new IllegalArgumentException("--label-field " + f + ": not a Segmentation field of dataset '"
            + ds.name() + "'" + (schema.containsKey(f) ? " (it holds " + schema.get(f) + ")" : ""));
      }
    }
    if (!options.labelFields().isEmpty() || options.format() != ExportFormat.NNUNET) {
      return options.labelFields();
    }
    return schema.entrySet().stream().filter(e -> e.getValue().equals("Segmentation") && !e.getKey().contains("."))
        .map(Map.Entry::getKey).findFirst().map(List::of).orElseThrow(() -> new IllegalArgumentException(
            "dataset '" + ds.name() + "' has no Segmentation field to export as nnU-Net labels"));
  }

  private static void prepare(Path out) throws IOException {
    if (Files.isDirectory(out)) {
      try (Stream<Path> s = Files.list(out)) {
        if (s.findAny().isPresent()) {
          throw new IOException(out + ": the output folder must be empty or absent");
        }
      }
    } else if (Files.exists(out)) {
      throw new IOException(out + ": not a folder");
    }
    Files.createDirectories(out);
  }

  /** {@code <DATASET>_<NNN>} for nnU-Net, {@code case_NNN} when anonymised, else the source's stem. */
  private static String name(Dataset ds, CasePlan plan, ExportOptions options, int number, Set<String> taken) {
    if (options.format() == ExportFormat.NNUNET) {
      return String.format(Locale.ROOT, "%s_%03d", safe(ds.name()), number);
    }
    if (options.anonymize()) {
      return String.format(Locale.ROOT, "case_%03d", number);
    }
    String base = plan.isDicom() ? safe(plan.patientId().isEmpty() ? "series" : plan.patientId())
        : safe(stem(Path.of(plan.source()).getFileName().toString()));
    String name = base;
    for (int i = 2; taken.contains(name); i++) {
      name = base + "_" + i;
    }
    return name;
  }

  static String stem(String file) {
    String lower = file.toLowerCase(Locale.ROOT);
    for (String ext : new String[] {".nii.gz", ".nii", ".nrrd", ".nhdr", ".mha", ".mhd", ".dcm"}) {
      if (lower.endsWith(ext)) {
        return file.substring(0, file.length() - ext.length());
      }
    }
    return file;
  }

  /** Letters, digits, '-', '_' and '.' kept; anything else becomes '_'. */
  static String safe(String s) {
    String t = s.replaceAll("[^A-Za-z0-9._-]", "_");
    return t.isEmpty() || t.startsWith(".") ? "_" + t : t;
  }
}
