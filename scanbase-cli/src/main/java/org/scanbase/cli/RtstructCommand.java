// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomReader;
import org.scanbase.dicom.Tags;
import org.scanbase.rt.ContourRasterizer;
import org.scanbase.rt.MaskRoi;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.rt.ReferencedGrids;
import org.scanbase.rt.RoiMasks;
import org.scanbase.rt.RtStructException;
import org.scanbase.rt.RtStructReader;
import org.scanbase.rt.RtStructWriter;
import org.scanbase.volume.Volume;
import org.scanbase.volume.VolumeFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scanbase rtstruct masks|write}: RT Structure Set contours to NIfTI masks on the series
 * grid and back (PS3.3 A.19). The grid is the series' own: i = column, j = row, k = slice in
 * ascending position along the slice normal, origin at the first slice's ImagePositionPatient.
 */
@Command(name = "rtstruct", mixinStandardHelpOptions = true,
        description = "RT Structure Sets: contours to masks and masks to contours.",
        subcommands = {RtstructCommand.Masks.class, RtstructCommand.Write.class})
public final class RtstructCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand: masks or write");
    }

    /** {@code rtstruct masks --series DIR --rtstruct FILE --out DIR}. */
    @Command(name = "masks", mixinStandardHelpOptions = true,
            description = "Rasterise every ROI: <ROI name>.nii.gz per ROI and labels.nii.gz (value = ROI number).")
    static final class Masks implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--series", required = true, paramLabel = "DIR", description = "Folder of the referenced image series.")
        Path series;

        @Option(names = "--rtstruct", required = true, paramLabel = "FILE", description = "The RT Structure Set file.")
        Path rtstruct;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the masks.")
        Path out;

        @Option(names = "--strict", description = "References to images that are not in the series are an error, not a warning.")
        boolean strict;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                requireExists(series);
                requireExists(rtstruct);
                ReferencedGrid grid = ReferencedGrids.fromFolder(series);
                RtStructReader.Result read = RtStructReader.read(rtstruct);
                RoiMasks masks = ContourRasterizer.rasterize(read.structureSet(), grid,
                        new ContourRasterizer.Options(strict));
                Files.createDirectories(out);
                Set<String> used = new HashSet<>();
                o.printf(Locale.ROOT, "%6s  %-32s %10s %12s  %s%n", "number", "name", "voxels", "volume_ml", "file");
                for (RoiMasks.RoiMask m : masks.masks()) {
                    String file = uniqueName(safeName(m.name(), m.roiNumber()), used) + ".nii.gz";
                    VolumeFiles.write(m.mask(), out.resolve(file));
                    o.printf(Locale.ROOT, "%6d  %-32s %10d %12.3f  %s%n", m.roiNumber(), m.name(), m.voxels(),
                            m.volumeMl(), file);
                }
                VolumeFiles.write(masks.labels(), out.resolve("labels.nii.gz"));
                o.println("labels.nii.gz: " + masks.maskTargets());
                o.flush();
                for (String w : read.warnings()) {
                    err.println("warning: " + w);
                }
                for (String w : masks.warnings()) {
                    err.println("warning: " + rtstruct + ": " + w);
                }
                err.flush();
                return 0;
            } catch (IOException e) {
                return Main.userError(spec, e);
            } catch (RtStructException | IllegalArgumentException e) {
                return Main.userError(spec, new IOException(rtstruct + ": " + e.getMessage(), e));
            }
        }
    }

    /** {@code rtstruct write --series DIR --masks DIR --out FILE}. */
    @Command(name = "write", mixinStandardHelpOptions = true,
            description = "Trace masks (.nii/.nii.gz on the series grid) into an RT Structure Set: one ROI per file,"
                    + " named by the file; labels.nii.gz alone gives one ROI per label value.")
    static final class Write implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--series", required = true, paramLabel = "DIR", description = "Folder of the image series.")
        Path series;

        @Option(names = "--masks", required = true, paramLabel = "DIR", description = "Folder of mask volumes.")
        Path masksDir;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The RT Structure Set to write.")
        Path out;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            Path current = masksDir;
            try {
                requireExists(series);
                requireExists(masksDir);
                ReferencedGrid grid = ReferencedGrids.fromFolder(series);
                List<Path> files;
                try (Stream<Path> s = Files.list(masksDir)) {
                    files = s.filter(p -> p.getFileName().toString().matches("(?i).*\\.nii(\\.gz)?")).sorted().toList();
                }
                List<Path> rois = files.stream().filter(p -> !stem(p).equals("labels")).toList();
                List<MaskRoi> input = new ArrayList<>();
                if (rois.isEmpty()) {
                    if (files.isEmpty()) {
                        throw new IOException(masksDir + ": no .nii or .nii.gz masks in the folder");
                    }
                    current = files.get(0);
                    Volume labels = checked(VolumeFiles.read(current), grid, current);
                    input.addAll(MaskRoi.fromLabels(labels, Map.of()));
                } else {
                    int number = 1;
                    for (Path p : rois) {
                        current = p;
                        input.add(MaskRoi.of(number++, stem(p), checked(VolumeFiles.read(p), grid, p)));
                    }
                }
                current = series;
                RtStructWriter.write(out, grid, input, firstSliceHeader(series, grid));
                o.println("Wrote " + input.size() + " ROI(s) to " + out);
                o.flush();
                return 0;
            } catch (IOException e) {
                return Main.userError(spec, e);
            } catch (IllegalArgumentException | IllegalStateException e) {
                return Main.userError(spec, new IOException(current + ": " + e.getMessage(), e));
            }
        }
    }

    /** The volume when its size is the series grid's. */
    static Volume checked(Volume v, ReferencedGrid grid, Path file) throws IOException {
        int[] a = v.geometry().size();
        int[] b = grid.geometry().size();
        if (a[0] != b[0] || a[1] != b[1] || a[2] != b[2] || v.timepoints() != 1 || v.components() != 1) {
            throw new IOException(file + ": mask of " + a[0] + "x" + a[1] + "x" + a[2] + " voxels does not fit the series"
                    + " grid of " + b[0] + "x" + b[1] + "x" + b[2]);
        }
        return v;
    }

    static Attributes firstSliceHeader(Path dir, ReferencedGrid grid) throws IOException {
        String uid = grid.sopInstanceUids().get(0);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                try {
                    Attributes a = DicomReader.readHeader(f).dataset();
                    if (uid.equals(a.getString(Tags.SOPInstanceUID).orElse(null))) {
                        return a;
                    }
                } catch (IOException e) {
                    // not DICOM: not a slice of the series
                }
            }
        }
        return new Attributes();
    }

    static void requireExists(Path p) throws NoSuchFileException {
        if (!Files.exists(p)) {
            throw new NoSuchFileException(p.toString());
        }
    }

    static String stem(Path p) {
        return p.getFileName().toString().replaceFirst("(?i)\\.nii(\\.gz)?$", "");
    }

    /** An ROI name as a file name: path separators and control characters replaced. */
    static String safeName(String name, int number) {
        String s = name.strip().replaceAll("[/\\\\:*?\"<>|\\p{Cntrl}]", "_");
        if (s.isEmpty() || s.equals(".") || s.equals("..") || s.equals("labels")) {
            s = "roi_" + number + (s.equals("labels") ? "_labels" : "");
        }
        return s;
    }

    static String uniqueName(String base, Set<String> used) {
        String n = base;
        for (int i = 2; !used.add(n.toLowerCase(Locale.ROOT)); i++) {
            n = base + "_" + i;
        }
        return n;
    }
}
