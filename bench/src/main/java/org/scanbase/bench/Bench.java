// SPDX-License-Identifier: Apache-2.0
package org.scanbase.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.scanbase.dicom.DicomReader;
import org.scanbase.dicom.pixel.PixelArray;
import org.scanbase.dicom.pixel.PixelDecoder;

/**
 * scanbase side of the benchmarks in {@code bench/}: each mode prints one JSON line with the
 * throughput, measured as the best of three passes after two warm-up passes (the JIT is part of
 * a long import, not of one file). The shell scripts run the reference tool on the same files
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
            System.err.println("usage: Bench dicom-headers DIR | dicom-pixels DIR N");
            System.exit(2);
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
