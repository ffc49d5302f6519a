// SPDX-License-Identifier: Apache-2.0
package org.scanbase.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.scanbase.dataset.Catalog;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.Sample;
import org.scanbase.dataset.View;
import org.scanbase.label.Segmentation;
import org.scanbase.store.Stores;
import org.scanbase.view.F;

/**
 * The seed's FiftyOne workflow in the Java API: one dataset per patient, a sorted and filtered
 * view, a mask attached to each slice, all patients merged into one dataset.
 *
 * <p>Run it from the built jar (it writes small PNG masks under DIR and uses the default store,
 * or {@code SCANBASE_DB}):
 * <pre>
 * java -cp scanbase-cli/target/scanbase.jar org.scanbase.examples.SeedWorkflow /tmp/seed-example
 * </pre>
 */
public final class SeedWorkflow {
  private SeedWorkflow() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "seed-example");
    try (Catalog catalog = new Catalog(Stores.open(null))) {
      Dataset all = run(catalog, dir, 3, 5);
      System.out.println(all.name() + ": " + all.count() + " samples, "
          + all.exists("Hippocampus_L", true).count() + " with a left hippocampus mask");
    }
  }

  /**
   * Builds {@code patients} datasets of {@code slices} MR slices each, attaches a mask to each
   * MR slice in order of slice location, and merges them into "Hippocampal Contouring" (any
   * datasets of those names are replaced).
   */
  public static Dataset run(Catalog catalog, Path dir, int patients, int slices) throws IOException {
    Files.createDirectories(dir);
    catalog.delete("Hippocampal Contouring");
    Dataset all = catalog.create("Hippocampal Contouring");
    for (int p = 1; p <= patients; p++) {
      String name = "Patient" + p + "Scans";
      catalog.delete(name);
      Dataset ds = catalog.create(name);
      List<Sample> samples = new ArrayList<>();
      for (int i = 0; i < slices; i++) {
        samples.add(Sample.of(dir.resolve("P" + p).resolve("MR" + i + ".dcm"))
            .set("PatientID", "P" + p).set("Modality", "MR").set("SliceLocation", -2.5 * i));
      }
      ds.addSamples(samples);

      View view = ds.sortBy("SliceLocation").match(F.field("Modality").eq("MR"));
      int k = 0;
      for (Sample s : view) {
        Path mask = writeMask(dir.resolve("P" + p + "_L_" + (k++) + ".png"), k);
        s.set("Hippocampus_L", Segmentation.ofMask(mask));
        s.save();
      }
      all.mergeSamples(ds);
    }
    return all;
  }

  /** An 8x8 mask with {@code on} pixels set to 1. */
  private static Path writeMask(Path file, int on) throws IOException {
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < on && i < 64; i++) {
      img.getRaster().setSample(i % 8, i / 8, 0, 1);
    }
    ImageIO.write(img, "png", file.toFile());
    return file;
  }
}
