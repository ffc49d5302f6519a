// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.io.IOException;
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
import org.scanbase.dicom.pixel.PixelDecodeException;
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
 * <p>Each file is described and decoded once: native data is mapped once per file and copied
 * straight into place (all the frames of a multi-frame file from one mapping), anything else is
 * decoded whole and copied. Files are read by {@link Options#threads()} threads into disjoint
 * slabs of the output; the voxels, the warnings and the error a bad file gives are the same for
 * any number of threads.
 */
public final class SeriesAssembler {
    /**
     * How to assemble.
     *
     * @param strict  throw {@link SeriesException} on any geometry warning (non-uniform spacing,
     *                missing slices, gantry tilt, non-orthonormal orientation, missing positions or
     *                pixel spacing) instead of recording it in {@link Volume#warnings()}
     * @param threads how many threads read headers and pixel data (>= 1; 1 reads on the caller's
     *                thread only); by default {@code min(4, available processors)}
     */
    public record Options(boolean strict, int threads) {
        public static final Options LENIENT = new Options(false);
        public static final Options STRICT = new Options(true);

        public Options {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, was " + threads);
            }
        }

        /** With the default number of threads. */
        public Options(boolean strict) {
            this(strict, Workers.defaultThreads());
        }

        /** The same options with another number of threads. */
        public Options withThreads(int threads) {
            return new Options(strict, threads);
        }
    }

    /** A file of the stack, described once, with the frames it gives and the slices they become. */
    private record Source(DicomFile file, ImagePixel pixel, SliceInfo first, int[] frames, int[] ks) {
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
        SeriesScan scan = SeriesScanner.scan(SeriesScanner.files(input), options.threads());
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

    /**
     * Assembles one stack into a volume.
     *
     * @throws SeriesException      in strict mode for any geometry warning; when an image differs
     *                              in size from the first, or a frame is missing from its file
     * @throws PixelDecodeException naming the file, when its pixel data are shorter than its
     *                              header says (checked before the volume is allocated) or
     *                              cannot be decoded
     */
    public static Volume assemble(SliceStack stack, Options options) throws IOException {
        StackGeometry sg = StackGeometry.of(stack);
        if (options.strict() && !sg.problems().isEmpty()) {
            throw new SeriesException(String.join("; ", sg.problems()));
        }
        List<SliceInfo> slices = sg.slices();
        List<String> warnings = new ArrayList<>(sg.problems());
        List<Source> sources = sources(slices);
        ImagePixel ip = sources.get(0).pixel();
        int samples = ip.samplesPerPixel();
        boolean sameType = true;
        for (Source src : sources) {
            ImagePixel p = src.pixel();
            if (p.rows() != ip.rows() || p.columns() != ip.columns() || p.samplesPerPixel() != samples) {
                throw new SeriesException(src.first().where() + ": image is " + p.columns() + "x" + p.rows() + "x"
                        + p.samplesPerPixel() + ", the stack's first " + slices.get(0).where() + " is "
                        + ip.columns() + "x" + ip.rows() + "x" + samples);
            }
            // a header promising more pixels than its file holds must not make us allocate for them
            PixelDecoder.checkNativeLength(src.file(), p);
            sameType &= p.dtype() == ip.dtype();
        }
        ModalityLut.Rescale r0 = slices.get(0).rescale();
        boolean sameRescale = true;
        for (SliceInfo s : slices) {
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
        // files decode independently into disjoint slabs of the output
        Workers.run(sources.size(), options.threads(), i -> place(sources.get(i), slices, out, frameLen, real));
        double slope = real ? 1 : r0.slope();
        double intercept = real ? 0 : r0.intercept();
        return new Volume(out, g, 1, samples, slope, intercept, warnings);
    }

    /** The files of the ordered slices, each described once, in the order of their first slice. */
    private static List<Source> sources(List<SliceInfo> slices) throws PixelDecodeException {
        Map<DicomFile, List<Integer>> byFile = new IdentityHashMap<>();
        List<List<Integer>> inOrder = new ArrayList<>();
        for (int k = 0; k < slices.size(); k++) {
            List<Integer> ks = byFile.computeIfAbsent(slices.get(k).source(), f -> new ArrayList<>(1));
            if (ks.isEmpty()) {
                inOrder.add(ks);
            }
            ks.add(k);
        }
        List<Source> out = new ArrayList<>(inOrder.size());
        for (List<Integer> ks : inOrder) {
            SliceInfo first = slices.get(ks.get(0));
            DicomFile f = first.source();
            int[] kArray = new int[ks.size()];
            int[] frames = new int[ks.size()];
            for (int i = 0; i < kArray.length; i++) {
                kArray[i] = ks.get(i);
                frames[i] = slices.get(kArray[i]).frame();
            }
            out.add(new Source(f, PixelDecoder.describe(f.path(), f.dataset()), first, frames, kArray));
        }
        return out;
    }

    /** Decodes one file and copies its frames to their slices of {@code out}. */
    private static void place(Source src, List<SliceInfo> slices, NdArray out, int frameLen, boolean real)
            throws IOException {
        ImagePixel ip = src.pixel();
        boolean framesPresent = true;
        int[] at = new int[src.ks().length];
        for (int i = 0; i < at.length; i++) {
            framesPresent &= src.frames()[i] < ip.frames();
            at[i] = src.ks()[i] * frameLen;
        }
        if (!real && framesPresent && out.dtype() == ip.dtype()
                && PixelDecoder.decodeFramesInto(src.file(), ip, src.frames(), out.data(), at)) {
            return;
        }
        PixelArray px = PixelDecoder.decode(src.file());
        for (int k : src.ks()) {
            SliceInfo s = slices.get(k);
            if (s.frame() >= px.frames()) {
                throw new SeriesException(s.where() + ": frame " + (s.frame() + 1) + " is not in the pixel data ("
                        + px.frames() + " frames)");
            }
            int from = s.frame() * frameLen;
            int dst = k * frameLen;
            if (real) {
                float[] d = (float[]) out.data();
                double slope = s.rescale().slope();
                double intercept = s.rescale().intercept();
                for (int i = 0; i < frameLen; i++) {
                    d[dst + i] = (float) (px.getDouble(from + i) * slope + intercept);
                }
            } else {
                System.arraycopy(px.data(), from, out.data(), dst, frameLen);
            }
        }
    }
}
