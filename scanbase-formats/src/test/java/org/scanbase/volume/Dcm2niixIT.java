// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.nifti.NiftiImage;
import org.scanbase.nifti.NiftiReader;

/**
 * Series assembly against Debian's dcm2niix (v1.0.20220720), run at test time on series the
 * test writes: same shape, equal real voxel values, affine within 1e-3 mm.
 *
 * <p>dcm2niix flips the row axis: its NIfTI row 0 is the DICOM image's last row (it writes
 * images bottom-up, as the NIfTI/Analyze tradition shows them), with the affine adjusted to
 * match. scanbase writes rows as stored (DESIGN.md: no flips, the affine carries the
 * orientation). The comparison undoes that flip explicitly: scanbase voxel (i, j, k) is
 * dcm2niix voxel (i, ny-1-j, k), and scanbase's affine is dcm2niix's times
 * {@code F = [[1,0,0,0],[0,-1,0,ny-1],[0,0,1,0],[0,0,0,1]]}. Both order slices ascending along
 * the slice normal, so k needs no flip.
 */
class Dcm2niixIT {
    @TempDir
    Path tmp;

    @Test
    void obliqueAnisotropicNonSquareShuffledSeriesMatchesDcm2niix() throws Exception {
        TestSeries s = new TestSeries().oblique();
        s.write(tmp.resolve("in"));
        compare(assemble(), dcm2niix());
    }

    @Test
    void reversedSliceOrderMatchesDcm2niix() throws Exception {
        TestSeries s = new TestSeries().oblique();
        s.step = StackGeometry.scale(s.step, -1);
        s.write(tmp.resolve("in"));
        compare(assemble(), dcm2niix());
    }

    @Test
    void seriesWithAMissingSliceMatchesDcm2niix() throws Exception {
        TestSeries s = new TestSeries().oblique();
        s.skip.add(3);
        s.write(tmp.resolve("in"));
        Volume v = assemble();
        assertThat(v.warnings()).anySatisfy(w -> assertThat(w).contains("missing slices"));
        // dcm2niix fills gaps with blank slices only for signed 16-bit data; for these uint16 slices it
        // says "Only able to make equidistant slices from 8,16,24-bit integer...", exits 1 and still
        // writes the slices stacked at the first step, as scanbase does (with its warning)
        compare(v, dcm2niix(true));
    }

    /**
     * dcm2niix takes the sign of the shear from (0018,1120) GantryDetectorTilt, whose sign
     * convention is the vendor's; here the tag says -15, the sign dcm2niix itself estimates from
     * the slice positions ("estimated from slice vector -15"), so its sheared affine places the
     * voxels where the positions are. It resamples only signed 16-bit data ("gantry tilt
     * correction"); these uint16 slices are kept as acquired, as scanbase keeps every series.
     */
    @Test
    void tiltedGantrySeriesMatchesDcm2niixShearedAffine() throws Exception {
        TestSeries s = new TestSeries();
        s.step = new double[] {0, 2.5 * Math.tan(Math.toRadians(15)), 2.5};
        s.gantryTilt = -15;
        s.write(tmp.resolve("in"));
        Volume v = assemble();
        assertThat(v.warnings()).anySatisfy(w -> assertThat(w).contains("gantry tilt", "15.000 degrees"));
        compare(v, dcm2niix());
    }

    /**
     * Without (0018,1120) dcm2niix warns about the tilt but writes an orthogonal affine, slice
     * axis along the normal with the full distance between positions (2.5 / cos 15 mm), so its
     * voxels drift 0.67 mm per slice from where the positions put them. scanbase's sheared
     * affine keeps them in place: equal values, equal i and j axes and origin, different k axis.
     */
    @Test
    void tiltWithoutTheTagDiffersFromDcm2niixOnlyInTheSliceAxis() throws Exception {
        TestSeries s = new TestSeries();
        s.step = new double[] {0, 2.5 * Math.tan(Math.toRadians(15)), 2.5};
        s.write(tmp.resolve("in"));
        Volume v = assemble();
        NiftiImage ref = dcm2niix();
        compareValues(v, ref);
        double[][] ours = v.geometry().rasAffine();
        double[][] theirs = unflipped(ref.affine(), v.ny());
        for (int r = 0; r < 3; r++) {
            for (int c : new int[] {0, 1, 3}) {
                assertThat(ours[r][c]).as("affine[%d][%d]", r, c).isCloseTo(theirs[r][c], within(1e-3));
            }
        }
        assertThat(ours[1][2]).as("scanbase's k axis follows the positions (RAS y)").isCloseTo(-s.step[1], within(1e-3));
        assertThat(theirs[1][2]).as("dcm2niix's k axis is along the normal").isCloseTo(0, within(1e-3));
        assertThat(theirs[2][2]).isCloseTo(2.5 / Math.cos(Math.toRadians(15)), within(1e-3));
    }

    @Test
    void enhancedMultiFrameMatchesDcm2niix() throws Exception {
        TestSeries s = new TestSeries().oblique();
        s.writeEnhanced(tmp.resolve("in/enhanced.dcm"));
        compare(assemble(), dcm2niix());
    }

    @Test
    void perSliceRescaleMatchesDcm2niixFloatOutput() throws Exception {
        TestSeries s = new TestSeries().oblique();
        s.rescale = w -> new double[] {0.5 + 0.25 * w, -100 + w};
        s.write(tmp.resolve("in"));
        compare(assemble(), dcm2niix());
    }

    @Test
    void eachOfTwoSeriesInOneFolderMatchesDcm2niix() throws Exception {
        TestSeries a = new TestSeries().oblique();
        a.write(tmp.resolve("in"));
        TestSeries b = new TestSeries();
        b.seriesUid = "1.2.826.0.1.3680043.10.543.7.2";
        b.nz = 4;
        b.seed = 5;
        b.write(tmp.resolve("in"));
        Map<String, NiftiImage> refs = dcm2niix("%j", false);
        assertThat(refs).containsOnlyKeys(a.seriesUid, b.seriesUid);
        for (TestSeries s : List.of(a, b)) {
            Volume v = SeriesAssembler.assemble(tmp.resolve("in"), s.seriesUid, SeriesAssembler.Options.STRICT);
            compare(v, refs.get(s.seriesUid));
        }
    }

    private Volume assemble() throws IOException {
        return SeriesAssembler.assemble(tmp.resolve("in"), null, SeriesAssembler.Options.LENIENT);
    }

    private NiftiImage dcm2niix() throws IOException, InterruptedException {
        return dcm2niix(false);
    }

    private NiftiImage dcm2niix(boolean exitOneAccepted) throws IOException, InterruptedException {
        Map<String, NiftiImage> all = dcm2niix("%s", exitOneAccepted);
        assertThat(all).as("dcm2niix outputs").hasSize(1);
        return all.values().iterator().next();
    }

    /** Runs {@code dcm2niix -z n -b n -f NAME -o out in}; its NIfTI files by name without ".nii". */
    private Map<String, NiftiImage> dcm2niix(String name, boolean exitOneAccepted)
            throws IOException, InterruptedException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        if (!Files.isExecutable(Path.of("/usr/bin/dcm2niix"))) {
            fail("/usr/bin/dcm2niix is missing: apt-get install dcm2niix");
        }
        Path log = tmp.resolve("dcm2niix.log");
        Process p = new ProcessBuilder("/usr/bin/dcm2niix", "-z", "n", "-b", "n", "-f", name, "-o", out.toString(),
                tmp.resolve("in").toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("dcm2niix timed out");
        }
        List<Path> nii;
        try (Stream<Path> files = Files.list(out)) {
            nii = files.filter(f -> f.toString().endsWith(".nii")).toList();
        }
        boolean exitOk = p.exitValue() == 0 || exitOneAccepted && p.exitValue() == 1;
        if (!exitOk || nii.isEmpty()) {
            fail("dcm2niix exited " + p.exitValue() + " with " + nii + ":\n" + Files.readString(log));
        }
        Map<String, NiftiImage> images = new TreeMap<>();
        for (Path f : nii) {
            images.put(f.getFileName().toString().replaceFirst("\\.nii$", ""), NiftiReader.read(f));
        }
        return images;
    }

    /** dcm2niix's affine with its row flip undone: A * F. */
    static double[][] unflipped(double[][] a, int ny) {
        double[][] m = new double[4][4];
        for (int r = 0; r < 4; r++) {
            m[r][0] = a[r][0];
            m[r][1] = -a[r][1];
            m[r][2] = a[r][2];
            m[r][3] = a[r][3] + (ny - 1) * a[r][1];
        }
        return m;
    }

    static void compareValues(Volume v, NiftiImage ref) {
        assertThat(ref.shape()).containsExactly(v.nx(), v.ny(), v.nz());
        double[] scl = ref.header().scaling();
        var data = ref.data();
        int nx = v.nx();
        int ny = v.ny();
        for (int k = 0; k < v.nz(); k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double theirs = data.getDouble((k * ny + (ny - 1 - j)) * nx + i) * scl[0] + scl[1];
                    double ours = v.real(i, j, k);
                    if (Math.abs(theirs - ours) > 1e-3 * Math.max(1, Math.abs(ours))) {
                        throw new AssertionError("voxel (" + i + "," + j + "," + k + "): scanbase " + ours
                                + ", dcm2niix " + theirs + " at (" + i + "," + (ny - 1 - j) + "," + k + ")");
                    }
                }
            }
        }
    }

    static void compare(Volume v, NiftiImage ref) {
        compareValues(v, ref);
        double[][] ours = v.geometry().rasAffine();
        double[][] theirs = unflipped(ref.affine(), v.ny());
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertThat(ours[r][c]).as("affine[%d][%d]", r, c).isCloseTo(theirs[r][c], within(1e-3));
            }
        }
    }
}
