// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.volume.Volume;

/**
 * NIfTI pairs: {@code images/<case>.nii.gz} (the stored values with their scl_slope/scl_inter, the
 * affine of the image's geometry in RAS) and {@code labels/<case>/<field>.nii.gz} on the same
 * grid; {@code manifest.csv} ({@code image,field,mask}, paths relative to it, the format
 * {@code scanbase import nifti --manifest} reads) and {@code samples.csv}
 * ({@code case,sample_ids,source,patient_id,study_date}, ids joined by ';').
 */
final class NiftiExport implements CaseWriter {
  private final Path out;
  private final ManifestFields identity;
  private final Csv manifest = new Csv("image", "field", "mask");
  private final Csv samples = new Csv("case", "sample_ids", "source", "patient_id", "study_date");

  NiftiExport(Path out, ManifestFields identity) {
    this.out = out;
    this.identity = identity;
  }

  @Override
  public long write(ExportCase c, String name) throws IOException {
    String image = "images/" + name + ".nii.gz";
    MediaFiles.writeVolume(out.resolve(image), c.image());
    long files = 1;
    if (c.labels().isEmpty()) {
      manifest.row(image, "", "");
    }
    for (Map.Entry<String, Volume> l : c.labels().entrySet()) {
      String mask = "labels/" + name + "/" + Exporter.safe(l.getKey()) + ".nii.gz";
      MediaFiles.writeVolume(out.resolve(mask), l.getValue());
      manifest.row(image, l.getKey(), mask);
      files++;
    }
    CasePlan p = c.plan();
    samples.row(name, String.join(";", p.sampleIds()), identity.source(p), identity.patientId(p),
        identity.studyDate(p));
    return files;
  }

  @Override
  public long finish() throws IOException {
    manifest.write(out.resolve("manifest.csv"));
    samples.write(out.resolve("samples.csv"));
    return 2;
  }
}
