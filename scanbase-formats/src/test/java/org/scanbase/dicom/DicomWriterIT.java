// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by DicomWriter are read without complaint by dcmtk's dcmdump and by pydicom. */
class DicomWriterIT {
    @TempDir
    Path tmp;

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
        return out;
    }

    @Test
    void dcmdumpAndPydicomReadAWrittenFileWithoutError() throws Exception {
        Path out = tmp.resolve("every.dcm");
        DicomWriter.write(out, new Attributes(), DicomWriterTest.everyVr());
        String dump = run(List.of("dcmdump", "-E", out.toString()));
        assertThat(dump).doesNotContain("E: ").doesNotContain("W: ").contains("(0010,0010) PN [M\u00fcller^Jos\u00e9]");
        String py = run(List.of(PydicomFiles.PYTHON, "-W", "error", "-c",
                "import sys, pydicom; ds = pydicom.dcmread(sys.argv[1]); "
                        + "print(ds.PatientName, ds.Rows, len(ds.ReferencedImageSequence[0].AnatomicRegionSequence))",
                out.toString()));
        assertThat(py.trim()).isEqualTo("M\u00fcller^Jos\u00e9 2 2");
    }

    @Test
    void dcmdumpReadsARewrittenEncapsulatedFile() throws Exception {
        DicomFile jp = DicomReader.read(PydicomFiles.testFile("JPEG2000.dcm"));
        Path out = tmp.resolve("j2k.dcm");
        DicomWriter.write(out, jp.fileMeta(), jp.dataset());
        assertThat(run(List.of("dcmdump", "-E", out.toString()))).doesNotContain("E: ").contains("PixelSequence");
        run(List.of(PydicomFiles.PYTHON, "-c", "import sys, pydicom; pydicom.dcmread(sys.argv[1]).PixelData",
                out.toString()));
    }
}
