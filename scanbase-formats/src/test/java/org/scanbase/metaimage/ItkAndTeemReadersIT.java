// SPDX-License-Identifier: Apache-2.0
package org.scanbase.metaimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.scanbase.nrrd.VolumeFixtures.assertSameGeometry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scanbase.array.DType;
import org.scanbase.nrrd.NrrdReader;
import org.scanbase.nrrd.NrrdWriter;
import org.scanbase.nrrd.VolumeFixtures;
import org.scanbase.volume.Volume;

/**
 * Independent readers and writers of our files: ITK (through Debian's {@code plastimatch}, whose
 * NrrdImageIO and MetaImageIO read our NRRD and MHA, then write NIfTI that nibabel reads) and
 * teem, the NRRD reference library ({@code teem-unu} from Debian's {@code teem-apps}). Neither
 * pynrrd nor SimpleITK is packaged in Debian 12. The other way round, files written by ITK and
 * teem are read by our readers, which checks MetaIO's TransformMatrix order against ITK itself.
 */
class ItkAndTeemReadersIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String run(Path cwd, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + " (install Debian plastimatch and teem-apps)\n" + out)
                .isZero();
        return out;
    }

    /** nibabel's view of a NIfTI: shape, affine, and sha256 of the stored values as little-endian bytes, x fastest. */
    private JsonNode nibabel(Path nii, DType dtype) throws Exception {
        String script = "import json, sys, hashlib, numpy as np, nibabel as nib\n"
                + "img = nib.load(sys.argv[1])\n"
                + "a = np.asarray(img.dataobj).astype('<" + (dtype == DType.INT16 ? "i2" : "f4") + "')\n"
                + "print(json.dumps({'shape': list(img.shape), 'affine': img.affine.tolist(),"
                + " 'sha256': hashlib.sha256(a.tobytes(order='F')).hexdigest()}))\n";
        Path py = dir.resolve("nib.py");
        Files.writeString(py, script);
        String out = run(dir, "/usr/bin/python3", py.toString(), nii.toString());
        return JSON.readTree(out.substring(out.indexOf('{')));
    }

    static Stream<Arguments> files() {
        List<Arguments> out = new ArrayList<>();
        for (String name : new String[] {"ours.nrrd", "ours.nhdr", "ours.mha", "ours.mhd"}) {
            for (boolean compress : new boolean[] {true, false}) {
                out.add(Arguments.of(name, compress, DType.INT16));
                out.add(Arguments.of(name, compress, DType.FLOAT32));
            }
        }
        return out.stream();
    }

    private static void write(Volume v, Path file, boolean compress) throws IOException {
        if (file.toString().endsWith(".nrrd") || file.toString().endsWith(".nhdr")) {
            NrrdWriter.write(v, file, new NrrdWriter.Options(compress));
        } else {
            MetaImageWriter.write(v, file, new MetaImageWriter.Options(compress));
        }
    }

    @ParameterizedTest(name = "{0} compressed={1} {2}")
    @MethodSource("files")
    void itkReadsOurFilesWithTheSameValuesAndAffine(String name, boolean compress, DType dtype) throws Exception {
        Volume v = VolumeFixtures.volume(dtype, 7, 5, 4, 1, 1);
        Path file = dir.resolve(name);
        write(v, file, compress);
        Path nii = dir.resolve("itk.nii");
        run(dir, "plastimatch", "convert", "--input", file.toString(), "--output-img", nii.toString());
        JsonNode ref = nibabel(nii, dtype);
        assertThat(ref.get("sha256").asText()).isEqualTo(v.voxels().sha256());
        assertThat(ref.get("shape").toString()).isEqualTo("[7,5,4]");
        double[][] affine = v.geometry().rasAffine();
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertThat(ref.get("affine").get(r).get(c).asDouble()).as("affine[%d][%d]", r, c)
                        .isCloseTo(affine[r][c], within(1e-4)); // NIfTI holds float32
            }
        }
    }

    @Test
    void weReadWhatItkWritesAsMetaImageAndNrrd() throws Exception {
        Volume v = VolumeFixtures.volume(DType.INT16, 7, 5, 4, 1, 1);
        Path ours = dir.resolve("ours.nrrd");
        NrrdWriter.write(v, ours);
        for (String out : new String[] {"itk.mha", "itk.nrrd", "itk.mhd"}) {
            Path itk = dir.resolve(out);
            run(dir, "plastimatch", "convert", "--input", ours.toString(), "--output-img", itk.toString());
            Volume back = org.scanbase.volume.VolumeFiles.read(itk);
            assertThat(back.voxels().sha256()).as(out).isEqualTo(v.voxels().sha256());
            assertSameGeometry(back.geometry(), v.geometry(), 1e-6);
        }
        String header = Files.readString(dir.resolve("itk.mhd"), StandardCharsets.ISO_8859_1);
        double[] i = v.geometry().axis(0);
        // ITK writes the direction of axis i first: TransformMatrix = i.x i.y i.z j.x ...
        String[] m = header.lines().filter(l -> l.startsWith("TransformMatrix")).findFirst().orElseThrow()
                .split("=")[1].trim().split("\\s+");
        assertThat(new double[] {Double.parseDouble(m[0]), Double.parseDouble(m[1]), Double.parseDouble(m[2])})
                .containsExactly(i, within(1e-9));
    }

    @Test
    void teemParsesOurNrrdAndWeReadTeemsRewrite() throws Exception {
        Volume v = VolumeFixtures.volume(DType.FLOAT32, 7, 5, 4, 1, 1);
        for (String name : new String[] {"ours.nrrd", "ours.nhdr"}) {
            Path file = dir.resolve(name);
            NrrdWriter.write(v, file);
            run(dir, "teem-unu", "head", file.toString());
            Path teem = dir.resolve("teem-" + name.replace(".nhdr", ".nrrd"));
            run(dir, "teem-unu", "save", "-i", file.toString(), "-f", "nrrd", "-e", "raw", "-o", teem.toString());
            Volume back = NrrdReader.readVolume(teem);
            assertThat(back.voxels().sha256()).isEqualTo(v.voxels().sha256());
            assertSameGeometry(back.geometry(), v.geometry(), 1e-12);
        }
    }
}
