// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nrrd;

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
import java.util.zip.GZIPOutputStream;
import org.scanbase.array.VoxelIO;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

/**
 * Writes a {@link Volume} as NRRD0004: {@code .nrrd} with attached data, or {@code .nhdr} with a
 * detached {@code <stem>.raw} ({@code <stem>.raw.gz} when gzipped) beside it. The header has
 * {@code space: left-posterior-superior}, {@code space directions} (spacing times direction
 * cosines, LPS mm; "none" for a component or time axis), {@code space origin},
 * {@code kinds: domain domain domain} (plus {@code RGB-color}/{@code vector} first and
 * {@code list} last), {@code endian: little}. Scaling other than identity is kept in the
 * key/value pairs {@code scanbase_rescale_slope} and {@code scanbase_rescale_intercept}. Files
 * appear atomically (temp file + rename); only the header's own folder is written to.
 */
public final class NrrdWriter {

    /** @param gzip gzip-compress the data ({@code encoding: gzip}) instead of raw */
    public record Options(boolean gzip) {
        /** gzip, as 3D Slicer writes. */
        public static final Options DEFAULT = new Options(true);
    }

    private NrrdWriter() {
    }

    /** Writes gzip-encoded. */
    public static void write(Volume volume, Path file) throws IOException {
        write(volume, file, Options.DEFAULT);
    }

    /**
     * Writes {@code volume} to {@code file} ({@code .nrrd} or {@code .nhdr}).
     *
     * @throws IllegalArgumentException for another file name
     */
    public static void write(Volume volume, Path file, Options options) throws IOException {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".nrrd")) {
            String header = header(volume, options, null);
            writeAtomically(file, header, volume, options.gzip());
        } else if (lower.endsWith(".nhdr")) {
            String dataName = name.substring(0, name.length() - 5) + (options.gzip() ? ".raw.gz" : ".raw");
            writeAtomically(file.resolveSibling(dataName), null, volume, options.gzip());
            writeAtomically(file, header(volume, options, dataName), null, false);
        } else {
            throw new IllegalArgumentException(file + ": a NRRD file name ends in .nrrd or .nhdr");
        }
    }

    /** The header text, ending with the blank line that separates it from attached data. */
    static String header(Volume v, Options options, String dataFile) {
        Geometry g = v.geometry();
        int[] size = g.size();
        boolean comps = v.components() > 1;
        boolean time = v.timepoints() > 1;
        int dim = 3 + (comps ? 1 : 0) + (time ? 1 : 0);
        StringBuilder sizes = new StringBuilder();
        StringBuilder dirs = new StringBuilder();
        StringBuilder kinds = new StringBuilder();
        if (comps) {
            sizes.append(v.components()).append(' ');
            dirs.append("none ");
            kinds.append(NrrdVolumes.componentKind(v)).append(' ');
        }
        double[] spacing = g.spacing();
        for (int a = 0; a < 3; a++) {
            double[] axis = g.axis(a);
            sizes.append(size[a]).append(a < 2 ? " " : "");
            dirs.append(NrrdVolumes.vector(axis[0] * spacing[a], axis[1] * spacing[a], axis[2] * spacing[a]))
                    .append(a < 2 ? " " : "");
            kinds.append("domain").append(a < 2 ? " " : "");
        }
        if (time) {
            sizes.append(' ').append(v.timepoints());
            dirs.append(" none");
            kinds.append(" list");
        }
        StringBuilder h = new StringBuilder("NRRD0004\n");
        h.append("# written by scanbase\n");
        h.append("type: ").append(NrrdType.forDType(v.voxels().dtype()).canonicalName()).append('\n');
        h.append("dimension: ").append(dim).append('\n');
        h.append("space: ").append(NrrdSpace.LPS).append('\n');
        h.append("sizes: ").append(sizes).append('\n');
        h.append("space directions: ").append(dirs).append('\n');
        h.append("kinds: ").append(kinds).append('\n');
        h.append("endian: little\n");
        h.append("encoding: ").append(options.gzip() ? "gzip" : "raw").append('\n');
        h.append("space origin: ").append(NrrdVolumes.vector(g.origin())).append('\n');
        if (dataFile != null) {
            h.append("data file: ").append(dataFile).append('\n');
        }
        if (!v.unscaled()) {
            h.append(NrrdVolumes.SLOPE_KEY).append(":=").append(Double.toString(v.slope())).append('\n');
            h.append(NrrdVolumes.INTERCEPT_KEY).append(":=").append(Double.toString(v.intercept())).append('\n');
        }
        if (dataFile == null) {
            h.append('\n');
        }
        return h.toString();
    }

    /** Header text (may be null) then the voxels (may be null), via a temp file renamed into place. */
    private static void writeAtomically(Path file, String header, Volume v, boolean gzip) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(ch);
                if (header != null) {
                    out.write(header.getBytes(StandardCharsets.ISO_8859_1));
                }
                if (v != null) {
                    if (gzip) {
                        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
                            {
                                def.setLevel(Deflater.BEST_SPEED);
                            }
                        };
                        VoxelIO.write(Channels.newChannel(gz), v.voxels(), ByteOrder.LITTLE_ENDIAN);
                        gz.finish();
                    } else {
                        VoxelIO.write(ch, v.voxels(), ByteOrder.LITTLE_ENDIAN);
                    }
                }
                out.flush();
            }
            AtomicFiles.replace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
