// SPDX-License-Identifier: Apache-2.0
package org.scanbase.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scanbase.dicom.Attributes;
import org.scanbase.rt.MaskRoi;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.volume.Geometry;

/**
 * pydicom (an independent reader, {@code /usr/bin/python3}) reads the segmentations we write: its
 * pixel_array, which unpacks the 1-bit frames itself, equals the mask slices we wrote, frame by
 * frame, and the per-frame functional groups name the right segment, position and source image.
 */
class SegPydicomIT {
    @TempDir
    Path tmp;

    static Stream<Arguments> grids() {
        return Stream.of(
                Arguments.of("axial 16 x 16", SegGrids.axial(16, 16, 4, 1, 1, 2)),
                Arguments.of("rows x columns = 351, frames not byte aligned", SegGrids.axial(27, 13, 5, 0.7, 0.7, 3)),
                Arguments.of("oblique 29 x 45", SegGrids.oblique(45, 29, 3, 0.6, 1.1, 2.0)),
                Arguments.of("one slice 7 x 5", SegGrids.axial(7, 5, 1, 1, 1, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grids")
    void pydicomReadsOurSegmentationAndItsFramesEqualTheMasks(String name, Geometry g) throws Exception {
        ReferencedGrid grid = SegGrids.grid(g);
        List<MaskRoi> rois = SegGrids.masks(g, 11);
        Path file = tmp.resolve("seg.dcm");
        SegWriter.write(file, grid, rois, new Attributes());
        Path raw = tmp.resolve("frames.raw");

        Process p = new ProcessBuilder("/usr/bin/python3", "src/test/python/seg_reference.py", file.toString(),
                raw.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        JsonNode json = new ObjectMapper().readTree(out);

        int nx = g.size()[0], ny = g.size()[1], nz = g.size()[2];
        // the frames we expect: every non-empty (segment, slice), by segment then slice
        List<int[]> expected = new ArrayList<>();
        for (int s = 0; s < rois.size(); s++) {
            byte[] b = SegGrids.binary(rois.get(s).mask());
            for (int k = 0; k < nz; k++) {
                for (int i = k * nx * ny; i < (k + 1) * nx * ny; i++) {
                    if (b[i] != 0) {
                        expected.add(new int[] {s, k});
                        break;
                    }
                }
            }
        }
        assertThat(json.get("frames").asInt()).isEqualTo(expected.size());
        assertThat(json.get("rows").asInt()).isEqualTo(ny);
        assertThat(json.get("columns").asInt()).isEqualTo(nx);
        byte[] frames = Files.readAllBytes(raw);
        assertThat(frames).hasSize(expected.size() * nx * ny);
        for (int f = 0; f < expected.size(); f++) {
            int s = expected.get(f)[0], k = expected.get(f)[1];
            byte[] mask = SegGrids.binary(rois.get(s).mask());
            byte[] want = java.util.Arrays.copyOfRange(mask, k * nx * ny, (k + 1) * nx * ny);
            byte[] got = java.util.Arrays.copyOfRange(frames, f * nx * ny, (f + 1) * nx * ny);
            assertThat(got).as("frame %d (segment %d, slice %d)", f + 1, s + 1, k).isEqualTo(want);
            JsonNode item = json.get("perFrame").get(f);
            assertThat(item.get("segment").asInt()).isEqualTo(s + 1);
            assertThat(item.get("source").asText()).isEqualTo(grid.sopInstanceUids().get(k));
            double[] pos = grid.slicePosition(k);
            for (int a = 0; a < 3; a++) {
                assertThat(item.get("position").get(a).asDouble()).isCloseTo(pos[a], within(1e-6));
            }
        }
        assertThat(json.get("segments").get(1).get(1).asText()).isEqualTo("noise");
    }
}
