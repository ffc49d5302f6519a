// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.Inflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.DicomWriter;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;
import org.scanbase.volume.Geometry;

/**
 * scanbase's rasteriser against plastimatch (Debian {@code plastimatch convert}) on the same
 * RTSTRUCT and CT series, written here: a sphere and a box (no holes) and a ring (an outer and
 * an inner contour on each slice).
 *
 * <p>Systematic differences, checked rather than assumed:
 * <ul>
 * <li>Holes: plastimatch by default ORs the contours of a slice, so the ring's inner contour does
 *     not cut a hole: its mask is the filled disk. scanbase uses the even-odd rule (PS3.3 C.8.8.6:
 *     a contour inside another is a hole). With {@code --xor-contours} plastimatch agrees with us.</li>
 * <li>Edge pixels: the two tools decide pixels whose centre lies within a hair of an edge
 *     differently (plastimatch rasterises at its own sub-pixel positions), so masks differ by a
 *     few boundary voxels: Dice >= 0.98 rather than 1.</li>
 * </ul>
 */
class PlastimatchIT {
    @TempDir
    static Path tmp;
    static ReferencedGrid grid;
    static RoiMasks ours;

    @BeforeAll
    static void writeSeriesAndStructureSet() throws Exception {
        Geometry g = Grids.axial(96, 80, 24, 0.8, 0.8, 2.0);
        grid = Grids.grid(g);
        Grids.writeSeries(grid, tmp.resolve("ct"));
        List<Contour> sphere = new ArrayList<>();
        List<Contour> box = new ArrayList<>();
        List<Contour> ring = new ArrayList<>();
        for (int k = 0; k < 24; k++) {
            double dz = (k - 11.7) * 2.0;
            if (Math.abs(dz) < 18) {
                sphere.add(ContourRasterizerTest.closed(grid, k,
                        ContourRasterizerTest.circle(grid, k, 30, 32, Math.sqrt(18 * 18 - dz * dz), 128)));
            }
            if (k >= 4 && k < 20) {
                box.add(ContourRasterizerTest.closed(grid, k, ContourRasterizerTest.rectangle(grid, k, 52.3, 8.9, 70.1, 30.2)));
                ring.add(ContourRasterizerTest.closed(grid, k, ContourRasterizerTest.circle(grid, k, 55, 46, 14, 128)));
                ring.add(ContourRasterizerTest.closed(grid, k, ContourRasterizerTest.circle(grid, k, 55, 46, 7, 128)));
            }
        }
        RtStructureSet set = new RtStructureSet("1.2.826.0.1.3680043.10.1234.9", "it", List.of(), List.of(
                ContourRasterizerTest.roi(1, "sphere", sphere), ContourRasterizerTest.roi(2, "box", box),
                ContourRasterizerTest.roi(3, "ring", ring)));
        DicomWriter.write(tmp.resolve("rs.dcm"), new Attributes(), toDataset(set, grid));
        ours = ContourRasterizer.rasterize(RtStructReader.read(tmp.resolve("rs.dcm")).structureSet(), grid,
                new ContourRasterizer.Options(true));
        assertThat(ours.warnings()).isEmpty();
    }

    @Test
    void masksWithoutHolesAgreeWithPlastimatchToADiceOfAtLeast098() throws Exception {
        Map<String, byte[]> theirs = plastimatch("default");
        for (String name : List.of("sphere", "box")) {
            double dice = dice(data(name), theirs.get(name));
            assertThat(dice).as("Dice of %s", name).isGreaterThanOrEqualTo(0.98);
        }
    }

    @Test
    void plastimatchFillsHolesByDefaultWhereTheEvenOddRuleKeepsThem() throws Exception {
        byte[] ring = data("ring");
        byte[] filled = plastimatch("default").get("ring");
        byte[] xored = plastimatch("xor").get("ring");
        long ourCount = count(ring);
        long holeVoxels = 0;
        long filledCount = count(filled);
        // The hole: pixel centres inside the inner circle on the ring's slices.
        for (int k = 0; k < 24; k++) {
            for (int j = 0; j < 80; j++) {
                for (int i = 0; i < 96; i++) {
                    if (k >= 4 && k < 20 && Math.hypot(i * 0.8 - 55, j * 0.8 - 46) < 7) {
                        holeVoxels++;
                        assertThat(ring[(k * 80 + j) * 96 + i]).as("our hole voxel %d,%d,%d", i, j, k).isZero();
                    }
                }
            }
        }
        assertThat(holeVoxels).isPositive();
        assertThat((double) filledCount).isCloseTo(ourCount + holeVoxels, within(0.02 * filledCount));
        assertThat(dice(ring, xored)).as("Dice with --xor-contours").isGreaterThanOrEqualTo(0.98);
    }

    byte[] data(String name) {
        return Grids.data(ours.mask(name).orElseThrow().mask());
    }

    static long count(byte[] m) {
        long n = 0;
        for (byte b : m) {
            n += b != 0 ? 1 : 0;
        }
        return n;
    }

    static double dice(byte[] a, byte[] b) {
        assertThat(b).hasSameSizeAs(a);
        long both = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            na += a[i] != 0 ? 1 : 0;
            nb += b[i] != 0 ? 1 : 0;
            both += a[i] != 0 && b[i] != 0 ? 1 : 0;
        }
        return 2.0 * both / (na + nb);
    }

    /** Runs plastimatch convert and reads its per-structure MHA files (name -> voxels, x fastest). */
    static Map<String, byte[]> plastimatch(String mode) throws Exception {
        Path out = tmp.resolve("plastimatch-" + mode);
        if (!Files.isDirectory(out)) {
            List<String> cmd = new ArrayList<>(List.of("plastimatch", "convert", "--input", tmp.resolve("rs.dcm").toString(),
                    "--referenced-ct", tmp.resolve("ct").toString(), "--output-prefix", out.toString(),
                    "--prefix-format", "mha"));
            if (mode.equals("xor")) {
                cmd.add("--xor-contours");
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("plastimatch exit code; output:\n%s", log).isZero();
        }
        Map<String, byte[]> masks = new LinkedHashMap<>();
        for (String name : List.of("sphere", "box", "ring")) {
            masks.put(name, readMha(out.resolve(name + ".mha")));
        }
        return masks;
    }

    /** A minimal MetaImage reader for plastimatch's uchar masks: checks the grid, returns the voxels. */
    static byte[] readMha(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("ElementDataFile = LOCAL");
        assertThat(end).as("MHA header of %s", file).isPositive();
        int dataStart = text.indexOf('\n', end) + 1;
        Map<String, String> header = new LinkedHashMap<>();
        for (String line : text.substring(0, dataStart).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                header.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        int[] size = grid.geometry().size();
        assertThat(header.get("DimSize")).isEqualTo(size[0] + " " + size[1] + " " + size[2]);
        String[] offset = header.get("Offset").split(" ");
        for (int a = 0; a < 3; a++) {
            assertThat(Double.parseDouble(offset[a])).isCloseTo(grid.geometry().origin()[a], within(1e-3));
        }
        assertThat(header.get("ElementType")).isEqualTo("MET_UCHAR");
        byte[] raw = java.util.Arrays.copyOfRange(all, dataStart, all.length);
        int n = size[0] * size[1] * size[2];
        if ("True".equalsIgnoreCase(header.getOrDefault("CompressedData", "False"))) {
            Inflater inf = new Inflater();
            inf.setInput(raw);
            byte[] v = new byte[n];
            try {
                int got = 0;
                while (got < n && !inf.finished()) {
                    got += inf.inflate(v, got, n - got);
                }
            } catch (java.util.zip.DataFormatException e) {
                throw new IOException(file + ": bad zlib data", e);
            }
            return v;
        }
        assertThat(raw.length).isEqualTo(n);
        return raw;
    }

    /** The structure set as a data set (polygons as given, with their image references). */
    static Attributes toDataset(RtStructureSet set, ReferencedGrid grid) {
        Attributes ds = RtStructWriter.build(grid, List.of(), new Attributes());
        List<Attributes> ssRois = new ArrayList<>();
        List<Attributes> roiContours = new ArrayList<>();
        List<Attributes> observations = new ArrayList<>();
        for (Roi roi : set.rois()) {
            Attributes s = new Attributes();
            s.put(DicomElements.ints(Tags.ROINumber, VR.IS, roi.number()));
            s.put(DicomElements.string(Tags.ReferencedFrameOfReferenceUID, VR.UI, roi.frameOfReferenceUid()));
            s.put(DicomElements.string(Tags.ROIName, VR.LO, roi.name()));
            s.put(DicomElements.string(Tags.ROIGenerationAlgorithm, VR.CS, roi.generationAlgorithm()));
            ssRois.add(s);
            List<Attributes> contours = new ArrayList<>();
            for (Contour c : roi.contours()) {
                Attributes a = new Attributes();
                List<Attributes> refs = new ArrayList<>();
                for (String uid : c.referencedSopInstanceUids()) {
                    Attributes r = new Attributes();
                    r.put(DicomElements.string(Tags.ReferencedSOPClassUID, VR.UI, grid.sopClassUid()));
                    r.put(DicomElements.string(Tags.ReferencedSOPInstanceUID, VR.UI, uid));
                    refs.add(r);
                }
                a.put(DicomElements.sequence(Tags.ContourImageSequence, refs));
                a.put(DicomElements.string(Tags.ContourGeometricType, VR.CS, c.type().name()));
                a.put(DicomElements.ints(Tags.NumberOfContourPoints, VR.IS, c.pointCount()));
                a.put(DicomElements.doubles(Tags.ContourData, VR.DS, c.points()));
                contours.add(a);
            }
            Attributes rc = new Attributes();
            rc.put(DicomElements.ints(Tags.ROIDisplayColor, VR.IS, roi.displayColor()));
            rc.put(DicomElements.sequence(Tags.ContourSequence, contours));
            rc.put(DicomElements.ints(Tags.ReferencedROINumber, VR.IS, roi.number()));
            roiContours.add(rc);
            Attributes o = new Attributes();
            o.put(DicomElements.ints(Tags.ObservationNumber, VR.IS, roi.number()));
            o.put(DicomElements.ints(Tags.ReferencedROINumber, VR.IS, roi.number()));
            o.put(DicomElements.string(Tags.RTROIInterpretedType, VR.CS, roi.interpretedType()));
            observations.add(o);
        }
        ds.put(DicomElements.sequence(Tags.StructureSetROISequence, ssRois));
        ds.put(DicomElements.sequence(Tags.ROIContourSequence, roiContours));
        ds.put(DicomElements.sequence(Tags.RTROIObservationsSequence, observations));
        return ds;
    }
}
