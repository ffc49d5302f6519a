// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.dicom.DicomReader;
import org.scanbase.dicom.TransferSyntax;

/**
 * A series whose files dcmtk's {@code dcmconv +td} rewrote in Deflated Explicit VR Little
 * Endian assembles like the original: header reads keep their Pixel Data, so the scanner sees
 * images, and the voxels and placement are the written ones.
 */
class DeflatedSeriesIT {
    @TempDir
    Path tmp;

    @Test
    void assemblesASeriesWhoseFilesAreDeflated() throws Exception {
        TestSeries s = new TestSeries().oblique();
        s.nz = 6;
        List<Path> files = s.write(tmp);
        for (int w = 0; w < files.size(); w += 2) {
            deflate(files.get(w));
            assertThat(DicomReader.readHeader(files.get(w)).transferSyntax())
                    .isEqualTo(TransferSyntax.DEFLATED_EXPLICIT_VR_LE);
        }
        SeriesScan scan = SeriesScanner.scan(tmp);
        assertThat(scan.nonImages()).isEmpty();
        assertThat(scan.unreadable()).isEmpty();
        Volume v = SeriesAssembler.assemble(tmp, null, SeriesAssembler.Options.LENIENT);
        SeriesAssemblerTest.assertVoxels(v, s, SeriesAssemblerTest.identity(s.nz));
        SeriesAssemblerTest.assertPlacement(v.geometry(), s, SeriesAssemblerTest.identity(s.nz));
    }

    private static void deflate(Path file) throws IOException, InterruptedException {
        Path out = file.resolveSibling(file.getFileName() + ".deflated");
        Process p = new ProcessBuilder("dcmconv", "+td", file.toString(), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("dcmconv +td (Debian dcmtk): " + log).isZero();
        Files.move(out, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
