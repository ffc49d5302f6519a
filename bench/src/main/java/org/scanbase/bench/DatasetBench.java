// SPDX-License-Identifier: Apache-2.0
package org.scanbase.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.scanbase.store.Store;
import org.scanbase.store.sqlite.SqliteStore;
import org.scanbase.view.Aggregation;
import org.scanbase.view.ExprParser;
import org.scanbase.view.F;
import org.scanbase.view.Stage;
import org.scanbase.view.ViewSpec;

/**
 * The dataset-engine benchmark (issues [4] and [8]): on each backend (SQLite, and PostgreSQL
 * when a URL is given) adds N slice samples with 80 DICOM-like fields (default 1,000,000) to a
 * fresh store in batches, creates the indexes the App creates for the fields it filters on,
 * times the four sidebar queries (median of five runs after one warm-up), then times four
 * threads each adding N/10 samples to a dataset of its own at once. Prints one JSON document;
 * {@code bench/dataset.sh} prints the table with both backends side by side.
 *
 * <p>usage: {@code DatasetBench DB_FILE [N [POSTGRESQL_URL]]}
 */
public final class DatasetBench {
  private static final int BATCH = 10_000;
  private static final int WRITERS = 4;
  private static final String[] MANUFACTURERS = {"SIEMENS", "GE MEDICAL SYSTEMS", "Philips Medical Systems",
      "TOSHIBA", "Hitachi Medical Corporation"};
  private static final String[] BODY_PARTS = {"BRAIN", "HEAD", "CHEST", "ABDOMEN"};

  private DatasetBench() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("samples", n);
    result.put("fields_per_sample", slice(0, new Random(1)).size());
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(Path.of(db + suffix));
    }
    result.put("sqlite", run("sqlite", () -> new SqliteStore(db), n, () -> {
      try {
        return Files.size(db) + sizeIfExists(Path.of(db + "-wal"));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }));
    if (args.length > 2) {
      BenchPostgres pg = new BenchPostgres(args[2]);
      pg.reset();
      result.put("postgresql", run("postgresql", pg::open, n, pg::bytes));
      if (System.getenv("SCANBASE_BENCH_KEEP") == null) {
        pg.reset();
      }
    }
    System.out.println(org.scanbase.store.Documents.write(result));
  }

  /** The whole benchmark on one backend. */
  private static Map<String, Object> run(String backend, Supplier<Store> open, int n, Supplier<Long> bytes)
      throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    HeapPeak.reset();
    try (Store store = open.get()) {
      store.createDataset("bench", "image");
      Random random = new Random(42);
      Map<String, String> schema = new LinkedHashMap<>();
      long t0 = System.nanoTime();
      for (int from = 0; from < n; from += BATCH) {
        List<Map<String, Object>> docs = new ArrayList<>(BATCH);
        for (int i = from; i < Math.min(n, from + BATCH); i++) {
          docs.add(slice(i, random));
        }
        store.insertSamples("bench", docs);
        // the schema, as Dataset.addSamples infers it (it tells aggregations a field holds no lists)
        for (Map<String, Object> doc : docs) {
          org.scanbase.dataset.FieldTypes.infer(doc, schema);
        }
        if (!schema.equals(store.dataset("bench").orElseThrow().fields())) {
          store.updateDataset(store.dataset("bench").orElseThrow().withFields(schema));
        }
        if ((from / BATCH) % 10 == 0) {
          System.err.printf(Locale.ROOT, "\rbench %s: %,d / %,d samples", backend, from + docs.size(), n);
        }
      }
      double insertSeconds = (System.nanoTime() - t0) / 1e9;
      System.err.println();
      result.put("insert_s", insertSeconds);
      result.put("insert_per_s", n / insertSeconds);

      long t1 = System.nanoTime();
      for (String field : new String[] {"SliceLocation", "Manufacturer", "PatientID", "Modality"}) {
        store.createIndex("bench", F.field(field));
      }
      result.put("index_s", (System.nanoTime() - t1) / 1e9);
    }
    long size = bytes.get();
    result.put("db_bytes", size);
    result.put("bytes_per_sample", (double) size / n);
    try (Store store = open.get()) {
      ViewSpec page = ViewSpec.of(
          new Stage.Match(ExprParser.parse("Modality == \"MR\" and SliceLocation > 10")),
          new Stage.SortBy(F.field("SliceLocation"), false),
          new Stage.Limit(50));
      result.put("match_sort_page_ms", time(() -> store.find("bench", page, 0, 50).size()));
      result.put("count_values_ms", time(() -> store.aggregate("bench", ViewSpec.of(),
          new Aggregation.CountValues(F.field("Manufacturer"), 0))));
      result.put("histogram_ms", time(() -> store.aggregate("bench", ViewSpec.of(),
          new Aggregation.Histogram(F.field("SliceLocation"), 50, Optional.empty()))));
      ViewSpec groups = ViewSpec.of(
          new Stage.GroupBy(F.field("PatientID"), Optional.of(F.field("SliceLocation")), false),
          new Stage.Limit(20));
      result.put("group_page_ms", time(() -> store.groups("bench", groups, 50).size()));
      result.put("concurrent_insert_per_s", concurrentInserts(store, backend, Math.max(BATCH, n / 10)));
    }
    result.put("peak_heap_mb", HeapPeak.peak() / 1e6);
    return result;
  }

  /**
   * {@link #WRITERS} threads each adding {@code each} samples to a dataset of its own, all at
   * once, in batches of 1,000 (an import's commit size): samples per second over all of them.
   */
  private static double concurrentInserts(Store store, String backend, int each) throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int w = 0; w < WRITERS; w++) {
      String name = "writer" + w;
      store.createDataset(name, "image");
      int seed = w;
      threads.add(new Thread(() -> {
        Random random = new Random(seed);
        for (int from = 0; from < each; from += 1000) {
          List<Map<String, Object>> docs = new ArrayList<>(1000);
          for (int i = from; i < Math.min(each, from + 1000); i++) {
            docs.add(slice(i, random));
          }
          store.insertSamples(name, docs);
        }
      }));
    }
    long t = System.nanoTime();
    for (Thread thread : threads) {
      thread.setUncaughtExceptionHandler((th, e) -> failures.add(e));
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    if (!failures.isEmpty()) {
      throw new IllegalStateException(backend + ": a writer failed", failures.get(0));
    }
    for (int w = 0; w < WRITERS; w++) {
      if (store.count("writer" + w, ViewSpec.of()) != each) {
        throw new IllegalStateException(backend + ": writer" + w + " lost samples");
      }
    }
    System.err.printf(Locale.ROOT, "bench %s: %d writers x %,d samples in %.1f s%n", backend, WRITERS, each, seconds);
    return WRITERS * each / seconds;
  }

  private static long sizeIfExists(Path p) throws IOException {
    return Files.exists(p) ? Files.size(p) : 0;
  }

  /** Median milliseconds of five runs after one warm-up. */
  private static double time(Supplier<Object> query) {
    query.get();
    double[] ms = new double[5];
    for (int i = 0; i < ms.length; i++) {
      long t = System.nanoTime();
      Object r = query.get();
      ms[i] = (System.nanoTime() - t) / 1e6;
      if (r == null) {
        throw new IllegalStateException("query gave nothing");
      }
    }
    java.util.Arrays.sort(ms);
    return ms[ms.length / 2];
  }

  /**
   * Slice {@code i}: 200 slices per patient (5,000 patients for a million), one series each;
   * 80 fields with the names, types and typical values of an MR/CT slice header.
   */
  static Map<String, Object> slice(int i, Random r) {
    int patient = i / 200;
    int k = i % 200;
    boolean ct = patient % 10 == 0;
    String study = "1.2.826.0.1.3680043.8.498." + (10_000_000L + patient);
    String series = study + ".1";
    double z = -100.0 + k * 1.25;
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("filepath", String.format(Locale.ROOT, "/data/HippocampalMRISlices/%05d/MR%06d.dcm", patient, k));
    d.put("media_type", "image");
    d.put("tags", List.of());
    d.put("metadata", Map.of("width", 256, "height", 256, "num_channels", 1));
    d.put("SpecificCharacterSet", "ISO_IR 100");
    d.put("ImageType", List.of("ORIGINAL", "PRIMARY", "M", "ND"));
    d.put("SOPClassUID", ct ? "1.2.840.10008.5.1.4.1.1.2" : "1.2.840.10008.5.1.4.1.1.4");
    d.put("SOPInstanceUID", series + "." + (k + 1));
    d.put("StudyDate", "2020-03-" + String.format("%02d", 1 + patient % 28));
    d.put("SeriesDate", d.get("StudyDate"));
    d.put("ContentDate", d.get("StudyDate"));
    d.put("StudyTime", "101530.000");
    d.put("AccessionNumber", "A" + (100000 + patient));
    d.put("Modality", ct ? "CT" : "MR");
    d.put("Manufacturer", MANUFACTURERS[patient % MANUFACTURERS.length]);
    d.put("InstitutionName", "Synthetic Hospital " + (patient % 40));
    d.put("ReferringPhysicianName", "");
    d.put("StationName", "MRC" + (patient % 12));
    d.put("StudyDescription", "BRAIN^ROUTINE");
    d.put("SeriesDescription", "T1 MPRAGE SAG");
    d.put("ManufacturerModelName", "Model " + (patient % 7));
    d.put("PatientName", "Anon^" + patient);
    d.put("PatientID", String.format(Locale.ROOT, "P%05d", patient));
    d.put("PatientBirthDate", "1960-01-01");
    d.put("PatientSex", patient % 2 == 0 ? "F" : "M");
    d.put("PatientAge", String.format(Locale.ROOT, "%03dY", 30 + patient % 50));
    d.put("PatientWeight", 60.0 + patient % 40);
    d.put("BodyPartExamined", BODY_PARTS[patient % BODY_PARTS.length]);
    d.put("ScanningSequence", "GR\\IR");
    d.put("SequenceVariant", "SP\\MP");
    d.put("ScanOptions", "IR");
    d.put("MRAcquisitionType", "3D");
    d.put("SliceThickness", 1.25);
    d.put("RepetitionTime", 2300.0);
    d.put("EchoTime", 2.98);
    d.put("InversionTime", 900.0);
    d.put("NumberOfAverages", 1.0);
    d.put("ImagingFrequency", 123.25);
    d.put("ImagedNucleus", "1H");
    d.put("EchoNumbers", 1);
    d.put("MagneticFieldStrength", patient % 3 == 0 ? 1.5 : 3.0);
    d.put("SpacingBetweenSlices", 1.25);
    d.put("EchoTrainLength", 1);
    d.put("PercentSampling", 100.0);
    d.put("PercentPhaseFieldOfView", 100.0);
    d.put("PixelBandwidth", 240.0);
    d.put("DeviceSerialNumber", Integer.toString(40000 + patient % 12));
    d.put("SoftwareVersions", "syngo MR E11");
    d.put("ProtocolName", "t1_mprage_sag");
    d.put("AcquisitionMatrix", List.of(0, 256, 256, 0));
    d.put("InPlanePhaseEncodingDirection", "ROW");
    d.put("FlipAngle", 9.0);
    d.put("VariableFlipAngleFlag", "N");
    d.put("SAR", 0.05 + r.nextDouble() * 0.01);
    d.put("dBdt", 0.0);
    d.put("PatientPosition", "HFS");
    d.put("StudyInstanceUID", study);
    d.put("SeriesInstanceUID", series);
    d.put("StudyID", Integer.toString(patient));
    d.put("SeriesNumber", 3);
    d.put("AcquisitionNumber", 1);
    d.put("InstanceNumber", k + 1);
    d.put("ImagePositionPatient", List.of(-120.0, -128.0, z));
    d.put("ImageOrientationPatient", List.of(1.0, 0.0, 0.0, 0.0, 1.0, 0.0));
    d.put("FrameOfReferenceUID", study + ".2");
    d.put("PositionReferenceIndicator", "");
    d.put("SliceLocation", z + r.nextGaussian() * 0.01);
    d.put("SamplesPerPixel", 1);
    d.put("PhotometricInterpretation", "MONOCHROME2");
    d.put("Rows", 256);
    d.put("Columns", 256);
    d.put("PixelSpacing", List.of(0.9375, 0.9375));
    d.put("BitsAllocated", 16);
    d.put("BitsStored", 12);
    d.put("HighBit", 11);
    d.put("PixelRepresentation", 0);
    d.put("SmallestImagePixelValue", 0);
    d.put("LargestImagePixelValue", 1000 + r.nextInt(3000));
    d.put("WindowCenter", 600.0);
    d.put("WindowWidth", 1200.0);
    d.put("RescaleIntercept", ct ? -1024.0 : 0.0);
    d.put("RescaleSlope", 1.0);
    d.put("LossyImageCompression", "00");
    d.put("InstanceCreationDate", d.get("StudyDate"));
    d.put("RequestedProcedureDescription", "MRI BRAIN");
    d.put("PerformedProcedureStepID", "PPS" + patient);
    return d;
  }
}
