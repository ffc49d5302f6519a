// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

import org.scanbase.array.DType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scanbase.dicom.DicomFile;
import org.scanbase.dicom.DicomReader;
import org.scanbase.dicom.TransferSyntax;

/**
 * Images this test writes as explicit VR little endian DICOM, re-encoded by dcmtk at test time
 * (dcmcrle, dcmcjpeg, dcmconv) and decoded again: lossless encodings must give back exactly the
 * values written.
 */
class PixelDecoderIT {
    @TempDir
    Path dir;

    /** An image to write: geometry and the values, in C order. */
    record Image(String name, int frames, int rows, int columns, int spp, int bitsAllocated, int bitsStored,
                 boolean signed, String photometric, int[] values) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Image image(String name, int frames, int rows, int columns, int spp, int ba, int bs, boolean signed,
                       String pi, long seed) {
        Random r = new Random(seed);
        int[] v = new int[frames * rows * columns * spp];
        for (int i = 0; i < v.length; i++) {
            // smooth ramps plus noise, so JPEG has something realistic to predict
            int ramp = (i / spp) % columns * 3 + (i / spp / columns) % rows;
            int raw = ramp + r.nextInt(16);
            v[i] = signed ? raw % (1 << bs) - (1 << (bs - 1)) : raw % (1 << bs);
        }
        return new Image(name, frames, rows, columns, spp, ba, bs, signed, pi, v);
    }

    static List<Image> images() {
        return List.of(
                image("8-bit grey", 1, 48, 64, 1, 8, 8, false, "MONOCHROME2", 1),
                image("16-bit signed, 12 bits stored", 1, 40, 50, 1, 16, 12, true, "MONOCHROME2", 2),
                image("8-bit RGB", 1, 32, 40, 3, 8, 8, false, "RGB", 3),
                image("16-bit multi-frame", 3, 20, 30, 1, 16, 16, false, "MONOCHROME2", 4));
    }

    static Stream<Arguments> lossless() {
        List<Arguments> out = new ArrayList<>();
        for (Image im : images()) {
            out.add(Arguments.of(im, "dcmcrle"));
            out.add(Arguments.of(im, "dcmcjpeg +el"));
            out.add(Arguments.of(im, "dcmcjpeg +e1"));
            out.add(Arguments.of(im, "dcmconv +te"));
            out.add(Arguments.of(im, "dcmconv +tb"));
            out.add(Arguments.of(im, "dcmconv +td"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("lossless")
    void losslessEncodingsDecodeToTheValuesWritten(Image im, String tool) throws Exception {
        DicomFile f = DicomReader.read(encode(im, tool));
        assertThat(f.transferSyntax().uid()).isEqualTo(switch (tool) {
            case "dcmcrle" -> TransferSyntax.RLE_LOSSLESS.uid();
            case "dcmcjpeg +el" -> TransferSyntax.JPEG_LOSSLESS.uid();
            case "dcmcjpeg +e1" -> TransferSyntax.JPEG_LOSSLESS_SV1.uid();
            case "dcmconv +tb" -> TransferSyntax.EXPLICIT_VR_BE.uid();
            case "dcmconv +td" -> TransferSyntax.DEFLATED_EXPLICIT_VR_LE.uid();
            default -> TransferSyntax.EXPLICIT_VR_LE.uid();
        });
        PixelArray a = PixelDecoder.decode(f);
        assertThat(a.shape()).containsExactly(im.frames(), im.rows(), im.columns(), im.spp());
        assertThat(a.dtype()).isEqualTo(DType.forStoredValues(im.bitsAllocated(), im.signed() ? 1 : 0, false));
        double[] got = new double[a.size()];
        for (int i = 0; i < got.length; i++) {
            got[i] = a.getDouble(i);
        }
        assertThat(got).containsExactly(java.util.Arrays.stream(im.values()).asDoubleStream().toArray());
    }

    static Stream<Arguments> baseline() {
        return images().stream().filter(im -> im.bitsAllocated() == 8).map(im -> Arguments.of(im));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baseline")
    void baselineJpegDecodesCloseToTheValuesWritten(Image im) throws Exception {
        // +cr: compress RGB as RGB, so values come back in the colour space written
        DicomFile f = DicomReader.read(encode(im, "dcmcjpeg +eb +q 95 +cr"));
        assertThat(f.transferSyntax().uid()).isEqualTo(TransferSyntax.JPEG_BASELINE.uid());
        PixelArray a = PixelDecoder.decode(f);
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += Math.abs(a.getDouble(i) - im.values()[i]);
        }
        assertThat(sum / a.size()).as("mean absolute error").isLessThan(4.0);
        assertThat(a.stats().mean()).isCloseTo(java.util.Arrays.stream(im.values()).average().orElseThrow(), within(2.0));
    }

    private Path encode(Image im, String tool) throws IOException, InterruptedException {
        Path src = dir.resolve("src.dcm");
        Files.write(src, part10(im));
        Path dst = dir.resolve("dst.dcm");
        List<String> cmd = new ArrayList<>(List.of(tool.split(" ")));
        cmd.add(src.toString());
        cmd.add(dst.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        return dst;
    }

    /** A minimal Secondary Capture file in explicit VR little endian (PS3.10 7.1). */
    static byte[] part10(Image im) {
        Elements meta = new Elements();
        meta.add(0x00020001, "OB", new byte[] {0, 1});
        meta.str(0x00020002, "UI", "1.2.840.10008.5.1.4.1.1.7");
        meta.str(0x00020003, "UI", "1.2.3.4.5");
        meta.str(0x00020010, "UI", TransferSyntax.EXPLICIT_VR_LE.uid());
        meta.str(0x00020012, "UI", "1.2.3.4.6");
        Elements ds = new Elements();
        ds.str(0x00080016, "UI", "1.2.840.10008.5.1.4.1.1.7");
        ds.str(0x00080018, "UI", "1.2.3.4.5");
        ds.str(0x00080060, "CS", "OT");
        ds.str(0x0020000D, "UI", "1.2.3.4.7");
        ds.str(0x0020000E, "UI", "1.2.3.4.8");
        ds.us(0x00280002, im.spp());
        ds.str(0x00280004, "CS", im.photometric());
        if (im.spp() > 1) {
            ds.us(0x00280006, 0);
        }
        if (im.frames() > 1) {
            ds.str(0x00280008, "IS", Integer.toString(im.frames()));
        }
        ds.us(0x00280010, im.rows());
        ds.us(0x00280011, im.columns());
        ds.us(0x00280100, im.bitsAllocated());
        ds.us(0x00280101, im.bitsStored());
        ds.us(0x00280102, im.bitsStored() - 1);
        ds.us(0x00280103, im.signed() ? 1 : 0);
        int bps = im.bitsAllocated() / 8;
        ByteBuffer px = ByteBuffer.allocate(im.values().length * bps + 1).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : im.values()) {
            if (bps == 1) {
                px.put((byte) v);
            } else {
                px.putShort((short) v);
            }
        }
        byte[] pixels = java.util.Arrays.copyOf(px.array(), (px.position() + 1) & ~1);
        ds.add(0x7FE00010, bps == 1 ? "OB" : "OW", pixels);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        Elements groupLength = new Elements();
        groupLength.add(0x00020000, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(meta.size()).array());
        out.writeBytes(groupLength.bytes());
        out.writeBytes(meta.bytes());
        out.writeBytes(ds.bytes());
        return out.toByteArray();
    }

    /** Explicit VR little endian elements, written in the order added. */
    static final class Elements {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void str(int tag, String vr, String value) {
            byte[] b = value.getBytes(StandardCharsets.US_ASCII);
            if (b.length % 2 == 1) {
                b = java.util.Arrays.copyOf(b, b.length + 1);
                b[b.length - 1] = (byte) (vr.equals("UI") ? 0 : ' ');
            }
            add(tag, vr, b);
        }

        void us(int tag, int value) {
            add(tag, "US", new byte[] {(byte) value, (byte) (value >> 8)});
        }

        void add(int tag, String vr, byte[] value) {
            ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            h.putShort((short) (tag >>> 16)).putShort((short) tag);
            h.put(vr.getBytes(StandardCharsets.US_ASCII));
            if (vr.equals("OB") || vr.equals("OW")) {
                h.putShort((short) 0).putInt(value.length);
            } else {
                h.putShort((short) value.length);
            }
            out.write(h.array(), 0, h.position());
            out.writeBytes(value);
        }

        int size() {
            return out.size();
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
