// SPDX-License-Identifier: Apache-2.0
package org.scanbase.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.scanbase.dicom.DicomReader;
import org.scanbase.nifti.NiftiReader;
import org.scanbase.volume.SeriesAssembler;
import org.scanbase.volume.Volume;
import org.scanbase.dicom.pixel.PixelArray;
import org.scanbase.dicom.pixel.PixelDecoder;
import org.scanbase.rt.ContourRasterizer;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.rt.ReferencedGrids;
import org.scanbase.rt.RoiMasks;
import org.scanbase.rt.RtStructReader;

/**
 * scanbase side of the benchmarks in {@code bench/}: each mode prints one JSON line with the
 * throughput, measured as the best of three passes after two warm-up passes (the JIT is part of
 * a long import, not of one file); series-assemble is timed at the steady state, by the rule
 * its Python reference uses too ({@link #timings}). The shell scripts run the reference tool on the same files
 * and print the ratio.
 */
public final class Bench {
    private static final int WARMUPS = 2;
    private static final int RUNS = 3;

    private Bench() {
    }

    /** A pass over some files that returns a checksum so the work cannot be optimised away. */
    @FunctionalInterface
    interface Pass {
        long run() throws IOException;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: Bench dicom-headers DIR | dicom-pixels DIR N | nifti-load FILE | rtstruct-masks SERIES_DIR RTSTRUCT");
            System.exit(2);
        }
        if (args[0].equals("nifti-load")) {
            niftiLoad(Path.of(args[1]));
            return;
        }
        if (args[0].equals("rtstruct-masks")) {
            rtstructMasks(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        if (args[0].equals("series-assemble")) {
            seriesAssemble(Path.of(args[1]));
            return;
        }
        if (args[0].equals("gunzip")) {
            gunzip(Path.of(args[1]));
            return;
        }
        List<Path> files = dicomFiles(Path.of(args[1]));
        switch (args[0]) {
            case "dicom-headers" -> report("headers", files.size(), time(() -> {
                long sum = 0;
                for (Path f : files) {
                    sum += DicomReader.readHeader(f).dataset().size();
                }
                return sum;
            }));
            case "dicom-pixels" -> {
                List<Path> some = files.subList(0, Math.min(files.size(), Integer.parseInt(args[2])));
                report("pixels", some.size(), time(() -> {
                    long sum = 0;
                    for (Path f : some) {
                        PixelArray pixels = PixelDecoder.decode(f);
                        sum += (long) pixels.getDouble(0);
                    }
                    return sum;
                }));
            }
            default -> {
                System.err.println("unknown benchmark " + args[0]);
                System.exit(2);
            }
        }
    }

    /**
     * Loads a NIfTI volume (raw stored values, as nibabel's {@code dataobj}) and reports the time
     * and the peak heap above the baseline, to compare with the volume's own size.
     */
    static void niftiLoad(Path file) throws IOException {
        var header = NiftiReader.readHeader(file);
        long volumeBytes = header.voxelCount() * header.bitpix() / 8;
        double seconds = time(() -> NiftiReader.read(file).data().size());
        System.gc();
        long baseline = heapUsed();
        HeapPeak.reset();
        long sum = NiftiReader.read(file).data().size();
        long peak = HeapPeak.peak() - baseline;
        System.out.println(String.format(Locale.ROOT,
                "{\"tool\": \"scanbase\", \"file\": \"%s\", \"seconds\": %.6f, \"volume_mb\": %.1f,"
                        + " \"peak_heap_above_baseline_mb\": %.1f, \"values\": %d}",
                file.getFileName(), seconds, volumeBytes / 1048576.0, peak / 1048576.0, sum));
    }

    /** Raw inflate speed of a gzip file into a discarded 4 MiB buffer: the floor for .nii.gz loading. */
    static void gunzip(Path file) throws IOException {
        double seconds = time(() -> {
            long n = 0;
            byte[] buf = new byte[4 << 20];
            try (java.io.InputStream in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(file), 1 << 16)) {
                for (int r; (r = in.read(buf)) > 0; ) {
                    n += r;
                }
            }
            return n;
        });
        System.out.println(String.format(Locale.ROOT, "{\"tool\": \"java.util.zip\", \"seconds\": %.6f}", seconds));
    }

    /**
     * Scans a folder of slices, orders them and assembles one volume, as {@code scanbase convert}
     * does, timed as {@code volume_reference.py series} times pydicom + numpy (see
     * {@link #timings}): {@code seconds} is the steady state, {@code first_pass_seconds} the fresh
     * JVM's first pass and {@code best_of_3_after_2_seconds} this class's usual {@link #time}.
     */
    static void seriesAssemble(Path dir) throws IOException {
        SeriesAssembler.Options options = SeriesAssembler.Options.LENIENT;
        Timings t = timings(() -> SeriesAssembler.assemble(dir, null, options).voxels().size());
        System.gc();
        long baseline = heapUsed();
        HeapPeak.reset();
        Volume v = SeriesAssembler.assemble(dir, null, options);
        long peak = HeapPeak.peak() - baseline;
        System.out.println(String.format(Locale.ROOT,
                "{\"tool\": \"scanbase\", \"seconds\": %.6f, \"first_pass_seconds\": %.6f,"
                        + " \"best_of_3_after_2_seconds\": %.6f, \"passes\": %d, \"threads\": %d,"
                        + " \"volume_mb\": %.1f, \"peak_heap_above_baseline_mb\": %.1f}",
                t.steady(), t.first(), t.early(), t.passes(), options.threads(),
                v.voxels().size() * (double) v.voxels().dtype().bytes() / 1048576.0, peak / 1048576.0));
    }

    /**
     * Seconds of one pass repeated in one process: the first (a fresh JVM: class loading and
     * interpreted code), the best of passes 3 to 5 (what {@link #time} reports), and the steady
     * state: the best of {@value #STEADY_RUNS} passes timed after the pass was repeated for
     * {@value #WARM_SECONDS} s. {@code volume_reference.py} times the Python side by the same rule,
     * so that both sides are compared warm: imports and caches for Python, the JIT for Java.
     *
     * @param passes how many passes ran in all
     */
    record Timings(double first, double early, double steady, int passes) {
    }

    static final double WARM_SECONDS = 3;
    static final int STEADY_RUNS = 5;

    static Timings timings(Pass pass) throws IOException {
        List<Double> seconds = new java.util.ArrayList<>();
        long sink = 0;
        long warmUntil = System.nanoTime() + (long) (WARM_SECONDS * 1e9);
        int timedFrom = -1;
        while (timedFrom < 0 || seconds.size() < timedFrom + STEADY_RUNS) {
            if (timedFrom < 0 && seconds.size() >= WARMUPS + RUNS && System.nanoTime() >= warmUntil) {
                timedFrom = seconds.size();
                continue;
            }
            long t = System.nanoTime();
            sink += pass.run();
            seconds.add((System.nanoTime() - t) / 1e9);
        }
        if (sink == 42) {
            System.err.print("");
        }
        double early = seconds.subList(WARMUPS, WARMUPS + RUNS).stream().mapToDouble(d -> d).min().orElseThrow();
        double steady = seconds.subList(timedFrom, seconds.size()).stream().mapToDouble(d -> d).min().orElseThrow();
        return new Timings(seconds.get(0), early, steady, seconds.size());
    }

    static long heapUsed() {
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Reads an RTSTRUCT and rasterises all its ROIs (and the label volume) onto a series whose
     * grid is read once beforehand; prints seconds per pass and ROIs per second.
     */
    static void rtstructMasks(Path series, Path rtstruct) throws IOException {
        ReferencedGrid grid = ReferencedGrids.fromFolder(series);
        RoiMasks once = ContourRasterizer.rasterize(RtStructReader.read(rtstruct).structureSet(), grid);
        int rois = once.masks().size();
        long voxels = once.masks().stream().mapToLong(RoiMasks.RoiMask::voxels).sum();
        double seconds = time(() -> {
            RoiMasks masks = ContourRasterizer.rasterize(RtStructReader.read(rtstruct).structureSet(), grid);
            long sum = 0;
            for (RoiMasks.RoiMask m : masks.masks()) {
                sum += m.voxels();
            }
            return sum;
        });
        System.out.println(String.format(Locale.ROOT,
                "{\"tool\": \"scanbase\", \"mode\": \"rtstruct-masks\", \"rois\": %d, \"voxels\": %d,"
                + " \"seconds\": %.6f, \"rois_per_s\": %.1f}", rois, voxels, seconds, rois / seconds));
    }

    static List<Path> dicomFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().toList();
        }
    }

    static double time(Pass pass) throws IOException {
        long sink = 0;
        for (int i = 0; i < WARMUPS; i++) {
            sink += pass.run();
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            sink += pass.run();
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        if (sink == 42) {
            System.err.print("");
        }
        return best;
    }

    static void report(String mode, int files, double seconds) {
        System.out.println(String.format(Locale.ROOT,
                "{\"tool\": \"scanbase\", \"mode\": \"%s\", \"files\": %d, \"seconds\": %.6f, \"files_per_s\": %.1f}",
                mode, files, seconds, files / seconds));
    }
}
