// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed input gives DicomParseException naming file, tag and offset — quickly, without OOM or stack overflow. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DicomReaderRobustnessTest {
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final long UNDEFINED = 0xFFFFFFFFL;

    @TempDir
    Path tmp;

    private Path file(String name, byte[] bytes) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void refusesAnEmptyFile() throws Exception {
        Path p = file("empty.dcm", new byte[0]);
        assertThatThrownBy(() -> DicomReader.read(p)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining(p.toString()).hasMessageContaining("not a DICOM file");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 4711})
    void refusesRandomBytes(long seed) throws Exception {
        byte[] b = new byte[4096];
        new Random(seed).nextBytes(b);
        Path p = file("random" + seed + ".bin", b);
        assertThatThrownBy(() -> DicomReader.read(p)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining(p.toString()).hasMessageContaining("not a DICOM file");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CT_small.dcm", "rtplan.dcm", "JPEG2000.dcm", "MR_small_bigendian.dcm", "image_dfl.dcm"})
    void refusesARealFileTruncatedAtEveryKibibyte(String name) throws Exception {
        Path source = PydicomFiles.testFile(name);
        byte[] all = Files.readAllBytes(source);
        DicomFile full = DicomReader.read(source);
        Set<Long> boundaries = new HashSet<>();
        for (DicomElement e : full.dataset().elements()) {
            boundaries.add(e.offset());
        }
        for (int cut = 1024; cut < all.length; cut += 1024) {
            Path p = file("cut" + cut + ".dcm", Arrays.copyOf(all, cut));
            Throwable t = catchThrowable(() -> DicomReader.read(p, ReadOptions.full().withStrict(true)));
            if (t == null) {
                // only a cut between two top-level elements leaves a well-formed (shorter) data set
                assertThat(full.transferSyntax().deflated() || boundaries.contains((long) cut))
                        .as("cut at %d of %s parsed without error", cut, name).isTrue();
                continue;
            }
            assertThat(t).as("cut at %d", cut).isInstanceOf(DicomParseException.class)
                    .hasMessageContaining(p.toString()).hasMessageContaining(" at byte ");
            if (!full.transferSyntax().deflated()) {
                assertThat(((DicomParseException) t).offset()).isBetween(0L, (long) cut);
            }
        }
    }

    @Test
    void refusesALengthLargerThanTheFileBeforeAllocating() throws Exception {
        RawDataSet ds = RawDataSet.explicitLe();
        ds.string(Tags.Modality, VR.CS, "CT").header(Tags.PixelData, VR.OB, 0xFFFFFFF0L).raw(new byte[16]);
        Path p = file("huge.dcm", ds.asPart10(EXPLICIT_LE));
        assertThatThrownBy(() -> DicomReader.read(p)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("(7FE0,0010) PixelData at byte")
                .hasMessageContaining("exceeds the 16 bytes left in the file");
        assertThatThrownBy(() -> DicomReader.readHeader(p)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("(7FE0,0010) PixelData");
    }

    @Test
    void refusesASequenceThatNeverEnds() throws Exception {
        RawDataSet ds = RawDataSet.explicitLe();
        ds.header(Tags.ReferencedImageSequence, VR.SQ, UNDEFINED).item(UNDEFINED)
                .string(Tags.ReferencedSOPInstanceUID, VR.UI, "1.2\0").itemEnd();
        Path p = file("endless.dcm", ds.asPart10(EXPLICIT_LE));
        assertThatThrownBy(() -> DicomReader.read(p)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("(0008,1140) ReferencedImageSequence").hasMessageContaining("never ends");
    }

    @Test
    void refusesAnItemThatNeverEnds() throws Exception {
        RawDataSet ds = RawDataSet.explicitLe();
        ds.header(Tags.ReferencedImageSequence, VR.SQ, UNDEFINED).item(UNDEFINED)
                .string(Tags.ReferencedSOPInstanceUID, VR.UI, "1.2\0");
        Path p = file("endless-item.dcm", ds.asPart10(EXPLICIT_LE));
        assertThatThrownBy(() -> DicomReader.read(p)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("item never ends");
    }

    @Test
    void refusesEncapsulatedPixelDataThatNeverEnds() throws Exception {
        RawDataSet ds = RawDataSet.explicitLe();
        ds.header(Tags.PixelData, VR.OB, UNDEFINED).item(0).item(4).raw(new byte[4]);
        Path p = file("endless-fragments.dcm", ds.asPart10("1.2.840.10008.1.2.4.50"));
        assertThatThrownBy(() -> DicomReader.read(p)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("(7FE0,0010) PixelData").hasMessageContaining("never ends");
    }

    @Test
    void refusesTenThousandNestedSequencesWithoutOverflowingTheStack() throws Exception {
        RawDataSet ds = RawDataSet.explicitLe();
        for (int i = 0; i < 10_000; i++) {
            ds.header(Tags.ReferencedImageSequence, VR.SQ, UNDEFINED).item(UNDEFINED);
        }
        Path p = file("deep.dcm", ds.asPart10(EXPLICIT_LE));
        assertThatThrownBy(() -> DicomReader.read(p)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("(0008,1140) ReferencedImageSequence")
                .hasMessageContaining("nested deeper than 64");
    }

    @Test
    void refusesADeflatedStreamThatIsNotDeflate() throws Exception {
        byte[] junk = new byte[64];
        new Random(7).nextBytes(junk);
        Path p = file("bad-deflate.dcm", RawDataSet.concat(RawDataSet.meta("1.2.840.10008.1.2.1.99"), junk));
        assertThatThrownBy(() -> DicomReader.read(p)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining(p.toString());
    }
}
