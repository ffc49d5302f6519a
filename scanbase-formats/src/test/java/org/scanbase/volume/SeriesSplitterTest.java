// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomFile;
import org.scanbase.dicom.TransferSyntax;
import org.scanbase.dicom.pixel.ModalityLut;

class SeriesSplitterTest {
    private static SliceInfo slice(int n, double x, double y, double z) {
        DicomFile f = new DicomFile(Path.of("IM" + n + ".dcm"), new Attributes(), new Attributes(),
                TransferSyntax.EXPLICIT_VR_LE, true, List.of());
        return new SliceInfo(f, 0, 48, 64, new double[] {x, y, z}, new double[] {1, 0, 0, 0, 1, 0},
                new double[] {1, 1}, "1", "", "", n, new ModalityLut.Rescale(1, 0), 1.25);
    }

    /**
     * Forty axial slices 1.25 mm apart and one more near slice 8 (z = 10 mm): it repeats a
     * position exactly when all its coordinates round to the same 0.001 mm.
     */
    @ParameterizedTest(name = "extra slice at ({0}, {1}, {2}) repeats a position: {3}")
    @CsvSource({
        "0, 0, 10.0, true",
        "0, 0, 10.0004, true",
        "0, 0, 9.9996, true",
        "0.0004, 0.0003, 10.0, true",
        "0, 0, 10.0016, false",
        "0, 0, 9.998, false",
        "0.002, 0, 10.0, false",
        "0, 0, 10.625, false",
    })
    void findsRepeatedPositionsAtTheResolutionOfTheirKeys(double x, double y, double z, boolean repeats) {
        List<SliceInfo> slices = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            slices.add(slice(k + 1, 0, 0, k * 1.25));
        }
        slices.add(20, slice(41, x, y, z));

        List<SliceStack> stacks = SeriesSplitter.split(new DicomSeries("1.2.3", "", "CT", slices));

        assertThat(stacks).hasSize(repeats ? 2 : 1);
        assertThat(stacks.get(0).slices()).hasSize(repeats ? 40 : 41);
    }
}
