// SPDX-License-Identifier: Apache-2.0
package org.scanbase.metaimage;

import org.scanbase.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.scanbase.array.VoxelIO;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

/**
 * Writes a {@link Volume} as MetaImage, the way ITK does: {@code .mha} (ElementDataFile = LOCAL)
 * or {@code .mhd} with {@code <stem>.raw} ({@code <stem>.zraw} when compressed) beside it.
 * Fields: ObjectType, NDims (3, or 4 with timepoints), BinaryData, BinaryDataByteOrderMSB False,
 * CompressedData (a zlib stream) and CompressedDataSize, TransformMatrix (the LPS direction of
 * axis i, then j, then k: ITK's direction matrix written column by column), Offset (LPS mm),
 * CenterOfRotation, AnatomicalOrientation (ITK's letters), ElementSpacing, DimSize,
 * ElementNumberOfChannels (when > 1), ElementType, ElementDataFile. Files appear atomically.
 */
public final class MetaImageWriter {

    /** @param compress zlib-compress the data ({@code CompressedData = True}) */
    public record Options(boolean compress) {
        public static final Options DEFAULT = new Options(true);
    }

    private MetaImageWriter() {
    }

    /** Writes compressed. */
    public static void write(Volume volume, Path file) throws IOException {
        write(volume, file, Options.DEFAULT);
    }

    /**
     * Writes {@code volume} to {@code file} ({@code .mha} or {@code .mhd}).
     *
     * @throws IllegalArgumentException for another file name
     */
    public static void write(Volume volume, Path file, Options options) throws IOException {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean local = lower.endsWith(".mha");
        if (!local && !lower.endsWith(".mhd")) {
            throw new IllegalArgumentException(file + ": a MetaImage file name ends in .mha or .mhd");
        }
        Path dir = file.toAbsolutePath().getParent();
        String dataName = name.substring(0, name.length() - 4) + (options.compress() ? ".zraw" : ".raw");
        Path data = local ? Files.createTempFile(dir, "." + name, ".data") : file.resolveSibling(dataName);
        Path tmpData = local ? data : Files.createTempFile(dir, "." + dataName, ".tmp");
        Path tmpHeader = Files.createTempFile(dir, "." + name, ".tmp");
        try {
            long dataSize = writeData(tmpData, volume, options.compress());
            String header = header(volume, options.compress(), dataSize, local ? "LOCAL" : dataName);
            try (FileChannel out = FileChannel.open(tmpHeader, StandardOpenOption.WRITE)) {
                OutputStream os = Channels.newOutputStream(out);
                os.write(header.getBytes(StandardCharsets.ISO_8859_1));
                if (local) {
                    try (FileChannel in = FileChannel.open(tmpData, StandardOpenOption.READ)) {
                        long pos = 0;
                        while (pos < dataSize) {
                            pos += in.transferTo(pos, dataSize - pos, out);
                        }
                    }
                }
            }
            if (!local) {
                move(tmpData, data);
            }
            move(tmpHeader, file);
        } finally {
            Files.deleteIfExists(tmpData);
            Files.deleteIfExists(tmpHeader);
        }
    }

    private static long writeData(Path tmp, Volume v, boolean compress) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            if (compress) {
                Deflater def = new Deflater(Deflater.BEST_SPEED);
                try {
                    DeflaterOutputStream z = new DeflaterOutputStream(Channels.newOutputStream(ch), def, 1 << 16);
                    VoxelIO.write(Channels.newChannel(z), v.voxels(), ByteOrder.LITTLE_ENDIAN);
                    z.finish();
                    z.flush();
                } finally {
                    def.end();
                }
            } else {
                VoxelIO.write(ch, v.voxels(), ByteOrder.LITTLE_ENDIAN);
            }
            return ch.size();
        }
    }

    /** The header text, ending with the ElementDataFile line. */
    static String header(Volume v, boolean compress, long compressedSize, String dataFile) {
        Geometry g = v.geometry();
        boolean time = v.timepoints() > 1;
        int n = time ? 4 : 3;
        StringBuilder matrix = new StringBuilder();
        for (int a = 0; a < n; a++) {
            double[] axis = a < 3 ? g.axis(a) : new double[] {0, 0, 0};
            for (int r = 0; r < n; r++) {
                double val = r < 3 ? axis[r] : (a == 3 ? 1 : 0);
                matrix.append(a + r > 0 ? " " : "").append(num(val));
            }
        }
        double[] sp = g.spacing();
        double[] o = g.origin();
        int[] s = g.size();
        StringBuilder h = new StringBuilder();
        h.append("ObjectType = Image\n");
        h.append("NDims = ").append(n).append('\n');
        h.append("BinaryData = True\n");
        h.append("BinaryDataByteOrderMSB = False\n");
        h.append("CompressedData = ").append(compress ? "True" : "False").append('\n');
        if (compress) {
            h.append("CompressedDataSize = ").append(compressedSize).append('\n');
        }
        h.append("TransformMatrix = ").append(matrix).append('\n');
        h.append("Offset = ").append(num(o[0])).append(' ').append(num(o[1])).append(' ').append(num(o[2]))
                .append(time ? " 0" : "").append('\n');
        h.append("CenterOfRotation = 0 0 0").append(time ? " 0" : "").append('\n');
        if (!time) {
            h.append("AnatomicalOrientation = ").append(itkOrientation(g)).append('\n');
        }
        h.append("ElementSpacing = ").append(num(sp[0])).append(' ').append(num(sp[1])).append(' ').append(num(sp[2]))
                .append(time ? " 1" : "").append('\n');
        h.append("DimSize = ").append(s[0]).append(' ').append(s[1]).append(' ').append(s[2])
                .append(time ? " " + v.timepoints() : "").append('\n');
        if (v.components() > 1) {
            h.append("ElementNumberOfChannels = ").append(v.components()).append('\n');
        }
        if (!v.unscaled()) {
            h.append(MetaImage.SLOPE_KEY).append(" = ").append(v.slope()).append('\n');
            h.append(MetaImage.INTERCEPT_KEY).append(" = ").append(v.intercept()).append('\n');
        }
        h.append("ElementType = ").append(MetaElementType.forDType(v.voxels().dtype()).name()).append('\n');
        h.append("ElementDataFile = ").append(dataFile).append('\n');
        return h.toString();
    }

    /**
     * ITK's AnatomicalOrientation letters: for each axis, the side it points away from (an
     * axis running towards the patient's left, +x in LPS, is "R"), so identity is "RAI".
     */
    static String itkOrientation(Geometry g) {
        StringBuilder b = new StringBuilder();
        for (int a = 0; a < 3; a++) {
            double[] v = g.axis(a);
            int big = 0;
            for (int r = 1; r < 3; r++) {
                if (Math.abs(v[r]) > Math.abs(v[big])) {
                    big = r;
                }
            }
            String pos = "RAI";
            String neg = "LPS";
            b.append(v[big] >= 0 ? pos.charAt(big) : neg.charAt(big));
        }
        return b.toString();
    }

    private static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private static void move(Path from, Path to) throws IOException {
        AtomicFiles.replace(from, to);
    }
}
