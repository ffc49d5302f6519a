// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.dicom.DicomFile;
import org.scanbase.dicom.pixel.ImagePixel;
import org.scanbase.dicom.pixel.ModalityLut;
import org.scanbase.dicom.pixel.PixelArray;
import org.scanbase.dicom.pixel.PixelDecoder;

/**
 * Builds a {@link Volume} from a stack of DICOM images (single-frame files or the frames of an
 * enhanced multi-frame file, PS3.3 C.7.6.16): voxels {@code [nz, ny, nx]} (plus a trailing
 * samples axis for colour) in C order with i = column, j = row, k = slice ascending along the
 * slice normal, no flips; the {@link Geometry} carries the orientation (see {@link StackGeometry}
 * for ordering, spacing and the checks).
 *
 * <p>Rescale (PS3.3 C.11.1.1): when every image has the same RescaleSlope and RescaleIntercept,
 * the stored values are kept in their own type and the volume carries the slope and intercept;
 * when they vary (PET, some CT), or the stored types differ, the voxels become float32 real
 * values (slope 1, intercept 0) and a warning says so.
 *
 * <p>Each file's pixel data is decoded once (native data is mapped and copied straight into
 * place); multi-frame files are decoded once for all their frames.
 */
public final class SeriesAssembler {
    /**
     * How to assemble.
     *
     * @param strict throw {@link SeriesException} on any geometry warning (non-uniform spacing,
     *               missing slices, gantry tilt, non-orthonormal orientation, missing positions or
     *               pixel spacing) instead of recording it in {@link Volume#warnings()}
     */
    public record Options(boolean strict) {
        public static final Options LENIENT = new Options(false);
        public static final Options STRICT = new Options(true);
    }

    private SeriesAssembler() {
    }

    /**
     * Scans {@code input} (a folder, at any depth, or one file), picks the series (the only one,
     * or the one with SeriesInstanceUID {@code seriesUid} when not null) and assembles it.
     *
     * @throws SeriesException when there is no image series, several and none picked, or the
     *                         series splits into several stacks; in strict mode for any warning
     * @throws IOException     when pixel data cannot be read
     */
    public static Volume assemble(Path input, String seriesUid, Options options) throws IOException {
        SeriesScan scan = SeriesScanner.scan(input);
        DicomSeries series = scan.pick(seriesUid, input);
        return assemble(onlyStack(series, input), options);
    }

    /**
     * The single stack of a series.
     *
     * @throws SeriesException when the series splits into several stacks, listing them
     */
    public static SliceStack onlyStack(DicomSeries series, Path where) throws SeriesException {
        List<SliceStack> stacks = series.stacks();
        if (stacks.size() > 1) {
            StringBuilder b = new StringBuilder();
            for (SliceStack s : stacks) {
                b.append(b.length() == 0 ? "" : ", ").append(s.summary());
            }
            throw new SeriesException(where + ": series " + series.uid() + " holds " + stacks.size()
                    + " stacks that do not make one volume (different size, orientation, echo, time or repeated"
                    + " positions): " + b);
        }
        return stacks.get(0);
    }

    /** Assembles one stack into a volume. */
    public static Volume assemble(SliceStack stack, Options options) throws IOException {
        StackGeometry sg = StackGeometry.of(stack);
        if (options.strict() && !sg.problems().isEmpty()) {
            throw new SeriesException(String.join("; ", sg.problems()));
        }
        List<SliceInfo> slices = sg.slices();
        List<String> warnings = new ArrayList<>(sg.problems());
        ImagePixel ip = PixelDecoder.describe(slices.get(0).path(), slices.get(0).dataset());
        int samples = ip.samplesPerPixel();
        boolean sameType = true;
        ModalityLut.Rescale r0 = slices.get(0).rescale();
        boolean sameRescale = true;
        for (SliceInfo s : slices) {
            ImagePixel p = PixelDecoder.describe(s.path(), s.dataset());
            if (p.rows() != ip.rows() || p.columns() != ip.columns() || p.samplesPerPixel() != samples) {
                throw new SeriesException(s.where() + ": image is " + p.columns() + "x" + p.rows() + "x"
                        + p.samplesPerPixel() + ", the stack's first " + slices.get(0).where() + " is "
                        + ip.columns() + "x" + ip.rows() + "x" + samples);
            }
            sameType &= p.dtype() == ip.dtype();
            sameRescale &= s.rescale().equals(r0);
        }
        Geometry g = sg.geometry();
        int nz = slices.size();
        int frameLen = ip.rows() * ip.columns() * samples;
        int[] shape = samples == 1 ? new int[] {nz, ip.rows(), ip.columns()}
                : new int[] {nz, ip.rows(), ip.columns(), samples};
        boolean real = !(sameType && sameRescale);
        NdArray out = NdArray.allocate(real ? DType.FLOAT32 : ip.dtype(), shape);
        if (real) {
            warnings.add(String.format(Locale.ROOT, "series %s: %s vary between slices; voxels converted to float32"
                    + " real values (RescaleSlope * stored + RescaleIntercept per slice; slope 1, intercept 0)",
                    stack.seriesUid(), sameRescale ? "stored pixel types" : "(0028,1053) RescaleSlope / (0028,1052)"
                    + " RescaleIntercept"));
        }
        Map<DicomFile, List<Integer>> byFile = new IdentityHashMap<>();
        for (int k = 0; k < nz; k++) {
            byFile.computeIfAbsent(slices.get(k).source(), f -> new ArrayList<>()).add(k);
        }
        // files decode independently into disjoint slabs of the output: spread them over the cores
        List<Map.Entry<DicomFile, List<Integer>>> jobs = new ArrayList<>(byFile.entrySet());
        try {
            jobs.parallelStream().forEach(e -> {
                try {
                    place(e.getKey(), e.getValue(), slices, out, frameLen, real);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        } catch (UncheckedIOException ex) {
            throw ex.getCause();
        }
        double slope = real ? 1 : r0.slope();
        double intercept = real ? 0 : r0.intercept();
        return new Volume(out, g, 1, samples, slope, intercept, warnings);
    }

    /** Decodes one file and copies its frames to their slices {@code ks} of {@code out}. */
    private static void place(DicomFile file, List<Integer> ks, List<SliceInfo> slices, NdArray out, int frameLen,
                              boolean real) throws IOException {
        ImagePixel ip = PixelDecoder.describe(file.path(), file.dataset());
        boolean framesPresent = ks.stream().allMatch(k -> slices.get(k).frame() < ip.frames());
        if (!real && framesPresent && out.dtype() == ip.dtype()) {
            boolean direct = true;
            for (int k : ks) {
                direct = direct && PixelDecoder.decodeFrameInto(file, slices.get(k).frame(), out.data(), k * frameLen);
            }
            if (direct) {
                return;
            }
        }
        PixelArray px = PixelDecoder.decode(file);
        for (int k : ks) {
            SliceInfo s = slices.get(k);
            if (s.frame() >= px.frames()) {
                throw new SeriesException(s.where() + ": frame " + (s.frame() + 1) + " is not in the pixel data ("
                        + px.frames() + " frames)");
            }
            int src = s.frame() * frameLen;
            int dst = k * frameLen;
            if (real) {
                float[] d = (float[]) out.data();
                double slope = s.rescale().slope();
                double intercept = s.rescale().intercept();
                for (int i = 0; i < frameLen; i++) {
                    d[dst + i] = (float) (px.getDouble(src + i) * slope + intercept);
                }
            } else {
                System.arraycopy(px.data(), src, out.data(), dst, frameLen);
            }
        }
    }
}
