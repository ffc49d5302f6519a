// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InspectCommandTest {
    @TempDir
    Path dir;

    /** Exit code and captured streams of one in-process run. */
    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path ctSlice() throws Exception {
        Path f = dir.resolve("ct.dcm");
        CtSlices.writeCtSlice(f);
        return f;
    }

    @Test
    void inspectsADicomFileAsAListing() throws Exception {
        Path f = ctSlice();
        CliRun r = run("inspect", f.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("(0010,0010) PN PatientName", "Demo^Phantom", "(0028,0010) US Rows", "64",
                "(7FE0,0010) OW PixelData", "8192 bytes");
    }

    @Test
    void printsOneJsonDocumentWithTheKeysOfTheContract() throws Exception {
        Path f = ctSlice();
        CliRun r = run("inspect", f.toString(), "--json", "--pixels");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.isObject()).isTrue();
        assertThat(iterable(doc.fieldNames()))
                .containsExactly("format", "path", "transferSyntaxUID", "attributes", "shape", "spacing", "affine", "pixels");
        assertThat(doc.get("format").asText()).isEqualTo("dicom");
        assertThat(doc.get("transferSyntaxUID").asText()).isEqualTo("1.2.840.10008.1.2.1");
        assertThat(doc.get("attributes").get("Rows").asInt()).isEqualTo(CtSlices.SIZE);
        assertThat(doc.get("attributes").get("ImageType").isArray()).isTrue();
        assertThat(doc.get("attributes").has("TransferSyntaxUID")).as("file meta is not in attributes").isFalse();
        assertThat(doc.get("shape").toString()).isEqualTo("[1,64,64,1]");
        assertThat(doc.get("affine").size()).isEqualTo(4);
        JsonNode px = doc.get("pixels");
        assertThat(iterable(px.fieldNames())).containsExactly("shape", "dtype", "min", "max", "mean", "sha256");
        assertThat(px.get("dtype").asText()).isEqualTo("int16");
        // the phantom's stored values are HU + 1024: air, water and bone
        assertThat(px.get("min").asDouble()).isEqualTo(-1000 + 1024);
        assertThat(px.get("max").asDouble()).isEqualTo(1000 + 1024);
        assertThat(px.get("sha256").asText()).hasSize(64);
    }

    @Test
    void givesTheAffineInRasFromThePlaneGeometry() throws Exception {
        Path f = ctSlice();
        JsonNode affine = new ObjectMapper().readTree(run("inspect", f.toString(), "--json").out()).get("affine");
        // IOP 1\0\0\0\1\0, spacing 0.7, IPP -22.4\-22.4\0 (LPS): x and y flip sign in RAS
        assertThat(affine.get(0).toString()).isEqualTo("[-0.7,0.0,0.0,22.4]");
        assertThat(affine.get(1).toString()).isEqualTo("[0.0,-0.7,0.0,22.4]");
        assertThat(affine.get(2).toString()).isEqualTo("[0.0,0.0,2.5,0.0]");
        assertThat(affine.get(3).toString()).isEqualTo("[0.0,0.0,0.0,1.0]");
    }

    @Test
    void aMissingFileIsAOneLineUserError() {
        Path missing = dir.resolve("nope.dcm");
        CliRun r = run("inspect", missing.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(missing.toString()).contains("no such file");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anEmptyFileIsAOneLineUserError() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.dcm"));
        CliRun r = run("inspect", empty.toString(), "--json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(empty.toString()).doesNotContain("Exception", "\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aTruncatedDicomFileIsAOneLineUserErrorNamingTheFile() throws Exception {
        byte[] whole = Files.readAllBytes(ctSlice());
        Path cut = dir.resolve("cut.dcm");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 1000));
        CliRun r = run("inspect", cut.toString(), "--json", "--pixels");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(cut.toString()).containsPattern("\\(7FE0,0010\\)|byte \\d+");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badUsageExitsWithTwo() {
        assertThat(run().exit()).isEqualTo(2);
        assertThat(run("inspect").exit()).isEqualTo(2);
        assertThat(run("inspect", "a.dcm", "--no-such-option").exit()).isEqualTo(2);
        assertThat(run("frobnicate").exit()).isEqualTo(2);
    }

    /** The commands of DESIGN.md's command-line contract and the issues that add to it. */
    private static final java.util.Set<String> CONTRACT = java.util.Set.of("quickstart", "demo-data", "inspect",
            "convert", "rtstruct", "import", "query", "datasets", "export", "app", "compute", "evaluate", "download",
            "video"); // video preview | reencode (issue [6]; DESIGN.md to list it)

    @Test
    void registersOnlyCommandsOfTheContract() {
        assertThat(new CommandLine(new Main()).getSubcommands().keySet())
                .contains("inspect", "quickstart")
                .allMatch(CONTRACT::contains, "a command of the contract");
    }

    @Test
    void printsTheVersion() {
        CliRun r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("scanbase ");
    }

    private static Iterable<String> iterable(java.util.Iterator<String> it) {
        return () -> it;
    }
}
