// SPDX-License-Identifier: Apache-2.0
package org.scanbase.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.scanbase.analytics.Evaluation;
import org.scanbase.analytics.Evaluator;
import org.scanbase.analytics.ImageValues;
import org.scanbase.analytics.LabelVolume;
import org.scanbase.analytics.MaskStats;
import org.scanbase.volume.Volume;
import org.scanbase.volume.VolumeFiles;

/**
 * scanbase side of {@code bench/analytics.sh}: for every scan of a covid-ct folder (Kaggle
 * layout), read the CT and its three masks, compute the statistics of each mask with HU
 * intensities (whole mask and per slice) and evaluate {@code lung_mask} against
 * {@code lung_and_infection_mask} (Dice, IoU, precision, recall, HD, HD95, ASSD for labels 1-3).
 * One warm-up scan, then one timed pass; prints {@code {"volumes", "seconds", "per_volume_s",
 * "checksum"}}.
 */
public final class AnalyticsBench {
    private AnalyticsBench() {
    }

    /** The work of one scan, returning a checksum of its figures. */
    static double scan(Path root, Path ct) throws IOException {
        String stem = ct.getFileName().toString().replaceFirst("\\.nii(\\.gz)?$", "");
        String key = stem.replaceFirst("-dcm$", "").replace("_org_covid-19-pneumonia-", "_").replace("_org_", "_");
        Volume image = VolumeFiles.read(ct);
        ImageValues hu = new ImageValues(image.voxels(), image.slope(), image.intercept());
        double sum = 0;
        LabelVolume lung = null;
        LabelVolume all = null;
        for (String dir : List.of("lung_mask", "infection_mask", "lung_and_infection_mask")) {
            Path file = root.resolve(dir).resolve(key + ".nii");
            Volume v = VolumeFiles.read(file);
            LabelVolume mask = LabelVolume.of(v.voxels(), v.geometry(), file.toString());
            MaskStats.Result r = MaskStats.compute(mask, hu);
            sum += r.labels().values().stream().mapToDouble(s -> s.volumeMl() + s.percentiles()[2]).sum();
            if (dir.equals("lung_mask")) {
                lung = mask;
            } else if (dir.equals("lung_and_infection_mask")) {
                all = mask;
            }
        }
        Evaluation e = Evaluator.evaluate(all, lung, new int[] {1, 2, 3});
        sum += e.perLabel().values().stream().mapToDouble(m -> m.dice() + (m.hd95Mm() == null ? 0 : m.hd95Mm())).sum();
        return sum;
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        List<Path> scans;
        try (Stream<Path> s = Files.list(root.resolve("ct_scans"))) {
            scans = new ArrayList<>(s.filter(p -> p.toString().endsWith(".nii")).sorted().toList());
        }
        scan(root, scans.get(0));
        long start = System.nanoTime();
        double checksum = 0;
        for (Path ct : scans) {
            checksum += scan(root, ct);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(String.format(Locale.ROOT,
                "{\"volumes\": %d, \"seconds\": %.4f, \"per_volume_s\": %.4f, \"checksum\": %.6f}",
                scans.size(), seconds, seconds / scans.size(), checksum));
    }
}
