// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nrrd;

import org.scanbase.volume.DetachedDataFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text header of a {@code .nrrd} or {@code .nhdr} file (teem NRRD0001-0005): the magic
 * line, {@code field: value} lines, {@code key:=value} pairs and {@code #} comments, up to the
 * first blank line (attached data follow it) or the end of the file (detached header).
 */
final class NrrdHeaderParser {
    /** Headers larger than this are not NRRD headers (LIST file lists included). */
    static final int MAX_HEADER = 16 << 20;
    private static final int FIRST_READ = 1 << 16;
    private static final Pattern VECTOR = Pattern.compile("\\(([^)]*)\\)|none", Pattern.CASE_INSENSITIVE);

    private final Path file;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final Map<String, String> keyValues = new LinkedHashMap<>();
    private final List<String> comments = new ArrayList<>();
    private final List<String> listedFiles = new ArrayList<>();

    private NrrdHeaderParser(Path file) {
        this.file = file;
    }

    static NrrdHeader parse(Path file) throws IOException {
        return new NrrdHeaderParser(file).run();
    }

    private NrrdHeader run() throws IOException {
        byte[] bytes = headerBytes(FIRST_READ);
        int[] end = new int[1];
        List<String> lines = lines(bytes, end);
        if (end[0] < 0 && bytes.length == FIRST_READ) {
            bytes = headerBytes(MAX_HEADER);
            lines = lines(bytes, end);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("NRRD000")) {
            throw new NrrdFormatException(file + ": not a NRRD file: the first line must be the magic NRRD0001..NRRD0005");
        }
        String magic = lines.get(0).trim();
        boolean list = false;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (list) {
                listedFiles.add(line.trim());
            } else if (line.startsWith("#")) {
                comments.add(line.substring(1).trim());
            } else {
                list = field(line, i + 1);
            }
        }
        return build(magic, end[0]);
    }

    /** The header bytes up to the blank line that ends it (or the whole file). */
    private byte[] headerBytes(int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(limit);
        }
    }

    /** Lines up to the first empty line; {@code end[0]} = offset after it (-1 when none). */
    private List<String> lines(byte[] b, int[] end) {
        List<String> out = new ArrayList<>();
        end[0] = -1;
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                int stop = i > start && b[i - 1] == '\r' ? i - 1 : i;
                if (stop == start) {
                    end[0] = i + 1;
                    return out;
                }
                out.add(new String(b, start, stop - start, StandardCharsets.ISO_8859_1));
                start = i + 1;
            }
        }
        if (start < b.length) {
            out.add(new String(b, start, b.length - start, StandardCharsets.ISO_8859_1).stripTrailing());
        }
        return out;
    }

    /** Records one header line; returns true when it starts a {@code data file: LIST}. */
    private boolean field(String line, int lineNo) throws NrrdFormatException {
        int kv = line.indexOf(":=");
        int f = line.indexOf(": ");
        if (kv >= 0 && (f < 0 || kv < f)) {
            keyValues.put(unescape(line.substring(0, kv)), unescape(line.substring(kv + 2)));
            return false;
        }
        if (f < 0) {
            throw new NrrdFormatException(file + ": header line " + lineNo + " is neither a field (\"name: value\")"
                    + " nor a key/value pair (\"key:=value\"): " + line);
        }
        String key = line.substring(0, f).toLowerCase(Locale.ROOT).replace(" ", "");
        String value = line.substring(f + 2).trim();
        if (fields.containsKey(key)) {
            throw NrrdFormatException.of(file, line.substring(0, f), "is given twice (line " + lineNo + ")");
        }
        fields.put(key, value);
        return key.equals("datafile") && value.toUpperCase(Locale.ROOT).startsWith("LIST");
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\\\", "\\");
    }

    private NrrdHeader build(String magic, int dataOffset) throws NrrdFormatException {
        String typeText = required("type", "type");
        NrrdType type = NrrdType.fromName(typeText);
        if (typeText.equalsIgnoreCase("block")) {
            throw NrrdFormatException.of(file, "type", "is block: opaque block data is not supported");
        }
        if (type == null) {
            throw NrrdFormatException.of(file, "type", "is \"" + typeText + "\", not a NRRD type");
        }
        int dimension = (int) integer("dimension", required("dimension", "dimension"), 1, 16);
        long[] sizes = longs("sizes", required("sizes", "sizes"));
        if (sizes.length != dimension) {
            throw NrrdFormatException.of(file, "sizes", "has " + sizes.length + " values, dimension is " + dimension);
        }
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 1) {
                throw NrrdFormatException.of(file, "sizes", "[" + i + "] is " + sizes[i] + ", must be at least 1");
            }
        }
        String encoding = required("encoding", "encoding").toLowerCase(Locale.ROOT);
        encoding = switch (encoding) {
            case "gz" -> "gzip";
            case "bz2" -> "bzip2";
            case "txt", "text" -> "ascii";
            default -> encoding;
        };
        ByteOrder endian = endian(type, encoding);
        String space = null;
        int spaceDim = 0;
        if (fields.containsKey("space")) {
            space = NrrdSpace.canonical(fields.get("space"));
            if (space == null) {
                throw NrrdFormatException.of(file, "space", "is \"" + fields.get("space") + "\", not a NRRD space");
            }
            spaceDim = NrrdSpace.dimension(space);
            if (fields.containsKey("spacedimension")) {
                throw NrrdFormatException.of(file, "space dimension", "must not be given with space");
            }
        } else if (fields.containsKey("spacedimension")) {
            spaceDim = (int) integer("space dimension", fields.get("spacedimension"), 1, 16);
        }
        double[][] directions = null;
        if (fields.containsKey("spacedirections")) {
            if (spaceDim == 0) {
                throw NrrdFormatException.of(file, "space directions", "needs a space or space dimension field");
            }
            directions = directions(fields.get("spacedirections"), dimension, spaceDim);
        }
        double[] origin = null;
        if (fields.containsKey("spaceorigin")) {
            if (spaceDim == 0) {
                throw NrrdFormatException.of(file, "space origin", "needs a space or space dimension field");
            }
            origin = vector("space origin", fields.get("spaceorigin").trim(), spaceDim);
        }
        double[] spacings = null;
        if (fields.containsKey("spacings")) {
            spacings = doubles("spacings", fields.get("spacings"), dimension);
        }
        List<String> kinds = new ArrayList<>();
        if (fields.containsKey("kinds")) {
            kinds = List.of(words(fields.get("kinds"), dimension, "kinds"));
        }
        long byteSkip = fields.containsKey("byteskip") ? integer("byte skip", fields.get("byteskip"), -1, Long.MAX_VALUE / 4) : 0;
        if (byteSkip == -1 && !encoding.equals("raw")) {
            throw NrrdFormatException.of(file, "byte skip", "is -1, which is only allowed with raw encoding (encoding: "
                    + encoding + ")");
        }
        int lineSkip = fields.containsKey("lineskip") ? (int) integer("line skip", fields.get("lineskip"), 0, 1 << 30) : 0;
        List<Path> dataFiles = dataFiles();
        if (dataFiles.isEmpty() && dataOffset < 0) {
            throw NrrdFormatException.of(file, "data file", "is missing and no blank line ends the header, so"
                    + " there is no attached data either");
        }
        return new NrrdHeader(file, magic, type, sizes, encoding, endian, space, spaceDim, directions, origin, spacings,
                kinds, byteSkip, lineSkip, dataFiles, dataFiles.isEmpty() ? dataOffset : -1, fields, keyValues, comments);
    }

    private ByteOrder endian(NrrdType type, String encoding) throws NrrdFormatException {
        String e = fields.get("endian");
        if (e == null) {
            if (type.dtype().bytes() > 1 && !encoding.equals("ascii")) {
                throw NrrdFormatException.of(file, "endian", "is missing; it is required for " + type.canonicalName()
                        + " data in " + encoding + " encoding");
            }
            return ByteOrder.LITTLE_ENDIAN;
        }
        return switch (e.toLowerCase(Locale.ROOT)) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> throw NrrdFormatException.of(file, "endian", "is \"" + e + "\", must be little or big");
        };
    }

    /** Detached data files: one name, {@code LIST [subdim]}, or {@code fmt min max step [subdim]}. */
    private List<Path> dataFiles() throws NrrdFormatException {
        String v = fields.get("datafile");
        if (v == null) {
            return List.of();
        }
        try {
            return DetachedDataFiles.resolve(file, v, listedFiles);
        } catch (IllegalArgumentException e) {
            throw NrrdFormatException.of(file, "data file", e.getMessage());
        }
    }

    private String required(String key, String field) throws NrrdFormatException {
        String v = fields.get(key);
        if (v == null || v.isBlank()) {
            throw NrrdFormatException.of(file, field, "is missing (a required NRRD field)");
        }
        return v;
    }

    private long integer(String field, String v, long min, long max) throws NrrdFormatException {
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) {
                throw NrrdFormatException.of(file, field, "is " + n + ", must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw NrrdFormatException.of(file, field, "is \"" + v + "\", not an integer");
        }
    }

    private long[] longs(String field, String v) throws NrrdFormatException {
        String[] w = v.trim().split("\\s+");
        long[] out = new long[w.length];
        for (int i = 0; i < w.length; i++) {
            try {
                out[i] = Long.parseLong(w[i]);
            } catch (NumberFormatException e) {
                throw NrrdFormatException.of(file, field, "value \"" + w[i] + "\" is not an integer");
            }
        }
        return out;
    }

    private String[] words(String v, int n, String field) throws NrrdFormatException {
        String[] w = v.trim().split("\\s+");
        if (w.length != n) {
            throw NrrdFormatException.of(file, field, "has " + w.length + " values, dimension is " + n);
        }
        return w;
    }

    private double[] doubles(String field, String v, int n) throws NrrdFormatException {
        String[] w = words(v, n, field);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = number(field, w[i]);
        }
        return out;
    }

    private double number(String field, String w) throws NrrdFormatException {
        String t = w.trim().toLowerCase(Locale.ROOT);
        if (t.equals("nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw NrrdFormatException.of(file, field, "value \"" + w + "\" is not a number");
        }
    }

    private double[][] directions(String v, int dimension, int spaceDim) throws NrrdFormatException {
        Matcher m = VECTOR.matcher(v);
        List<double[]> out = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            if (!v.substring(last, m.start()).isBlank()) {
                throw NrrdFormatException.of(file, "space directions", "has unexpected text \""
                        + v.substring(last, m.start()).trim() + "\"");
            }
            out.add(m.group(1) == null ? null : vector("space directions", m.group(), spaceDim));
            last = m.end();
        }
        if (!v.substring(last).isBlank() || out.size() != dimension) {
            throw NrrdFormatException.of(file, "space directions", "must hold " + dimension
                    + " vectors \"(x,y,z)\" or \"none\", was \"" + v + "\"");
        }
        return out.toArray(new double[0][]);
    }

    /** {@code (a,b,c)} with exactly {@code n} numbers. */
    private double[] vector(String field, String v, int n) throws NrrdFormatException {
        if (!v.startsWith("(") || !v.endsWith(")")) {
            throw NrrdFormatException.of(file, field, "vector \"" + v + "\" is not of the form (x,y,z)");
        }
        String[] parts = v.substring(1, v.length() - 1).split(",");
        if (parts.length != n) {
            throw NrrdFormatException.of(file, field, "vector \"" + v + "\" has " + parts.length
                    + " components, the space has " + n);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = number(field, parts[i]);
        }
        return out;
    }
}
