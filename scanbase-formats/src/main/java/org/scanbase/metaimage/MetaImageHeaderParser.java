// SPDX-License-Identifier: Apache-2.0
package org.scanbase.metaimage;

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

/**
 * Parses the {@code Key = Value} lines of a MetaImage header up to {@code ElementDataFile}, which
 * MetaIO requires to be the last field (LOCAL data follow its line directly).
 */
final class MetaImageHeaderParser {
    private static final int MAX_HEADER = 16 << 20;
    private static final int FIRST_READ = 1 << 16;

    private final Path file;
    /** Keys in lower case -> values; original keys kept in {@link #asWritten}. */
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final Map<String, String> asWritten = new LinkedHashMap<>();

    private MetaImageHeaderParser(Path file) {
        this.file = file;
    }

    static MetaImageHeader parse(Path file) throws IOException {
        return new MetaImageHeaderParser(file).run();
    }

    private MetaImageHeader run() throws IOException {
        MetaImageHeader h = run(FIRST_READ);
        return h != null ? h : run(MAX_HEADER);
    }

    /** Parses the first {@code limit} bytes; null when they end before the header does. */
    private MetaImageHeader run(int limit) throws IOException {
        byte[] b;
        try (InputStream in = Files.newInputStream(file)) {
            b = in.readNBytes(limit);
        }
        boolean cut = b.length == limit && limit < MAX_HEADER;
        fields.clear();
        asWritten.clear();
        int start = 0;
        int dataOffset = -1;
        List<String> rest = new ArrayList<>();
        int lineNo = 0;
        while (start < b.length) {
            int nl = start;
            while (nl < b.length && b[nl] != '\n') {
                nl++;
            }
            String line = new String(b, start, nl - start, StandardCharsets.ISO_8859_1).strip();
            lineNo++;
            start = nl + 1;
            if (dataOffset >= 0) {
                if (!fields.get("elementdatafile").toUpperCase(Locale.ROOT).startsWith("LIST")) {
                    break;
                }
                rest.add(line);
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new MetaImageFormatException(file + ": header line " + lineNo + " is not \"Key = Value\": "
                        + (line.length() > 80 ? line.substring(0, 80) + "..." : line));
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            fields.put(key.toLowerCase(Locale.ROOT), value);
            asWritten.put(key, value);
            if (key.equalsIgnoreCase("ElementDataFile")) {
                dataOffset = Math.min(start, b.length);
            }
        }
        boolean list = dataOffset >= 0 && fields.get("elementdatafile").toUpperCase(Locale.ROOT).startsWith("LIST");
        if (cut && (dataOffset < 0 || list)) {
            return null;
        }
        if (dataOffset < 0) {
            throw MetaImageFormatException.of(file, "ElementDataFile", "is missing (it must be the last header field)");
        }
        return build(dataOffset, rest);
    }

    private MetaImageHeader build(int dataOffset, List<String> rest) throws MetaImageFormatException {
        String objectType = fields.get("objecttype");
        if (objectType != null && !objectType.equalsIgnoreCase("Image")) {
            throw MetaImageFormatException.of(file, "ObjectType", "is " + objectType + ", scanbase reads Image");
        }
        int ndims = (int) integer("NDims", required("NDims"), 1, 16);
        long[] dims = longs("DimSize", required("DimSize"), ndims);
        for (int i = 0; i < ndims; i++) {
            if (dims[i] < 1) {
                throw MetaImageFormatException.of(file, "DimSize", "[" + i + "] is " + dims[i] + ", must be at least 1");
            }
        }
        String typeText = required("ElementType");
        MetaElementType type = MetaElementType.fromName(typeText);
        if (type == null) {
            throw MetaImageFormatException.of(file, "ElementType", "is " + typeText + ", not a MetaIO type scanbase reads");
        }
        int channels = fields.containsKey("elementnumberofchannels")
                ? (int) integer("ElementNumberOfChannels", fields.get("elementnumberofchannels"), 1, 1 << 16) : 1;
        double[] spacing = doubles(ndims, 1, "ElementSpacing", "ElementSize");
        double[] origin = doubles(ndims, 0, "Offset", "Position", "Origin");
        double[] transform = new double[ndims * ndims];
        for (int i = 0; i < ndims; i++) {
            transform[i * ndims + i] = 1;
        }
        for (String k : new String[] {"TransformMatrix", "Rotation", "Orientation"}) {
            if (fields.containsKey(k.toLowerCase(Locale.ROOT))) {
                transform = numbers(k, fields.get(k.toLowerCase(Locale.ROOT)), ndims * ndims);
                break;
            }
        }
        boolean msb = bool("BinaryDataByteOrderMSB", false) || bool("ElementByteOrderMSB", false);
        if (!bool("BinaryData", true)) {
            throw MetaImageFormatException.of(file, "BinaryData", "is False: ASCII MetaImage data are not supported");
        }
        boolean compressed = bool("CompressedData", false);
        long compressedSize = fields.containsKey("compresseddatasize")
                ? integer("CompressedDataSize", fields.get("compresseddatasize"), 0, Long.MAX_VALUE / 4) : -1;
        long headerSize = fields.containsKey("headersize")
                ? integer("HeaderSize", fields.get("headersize"), -1, Long.MAX_VALUE / 4) : 0;
        if (headerSize == -1 && compressed) {
            throw MetaImageFormatException.of(file, "HeaderSize", "is -1 (data at the end of the file), which cannot"
                    + " be used with CompressedData = True");
        }
        List<Path> dataFiles = dataFiles(fields.get("elementdatafile"), rest);
        return new MetaImageHeader(file, type, dims, channels, spacing, origin, transform,
                msb ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, compressed, compressedSize, headerSize,
                dataFiles, dataFiles.isEmpty() ? dataOffset : -1, asWritten);
    }

    private List<Path> dataFiles(String v, List<String> rest) throws MetaImageFormatException {
        if (v.equalsIgnoreCase("LOCAL")) {
            return List.of();
        }
        try {
            return DetachedDataFiles.resolve(file, v, rest);
        } catch (IllegalArgumentException e) {
            throw MetaImageFormatException.of(file, "ElementDataFile", e.getMessage());
        }
    }

    private String required(String key) throws MetaImageFormatException {
        String v = fields.get(key.toLowerCase(Locale.ROOT));
        if (v == null || v.isBlank()) {
            throw MetaImageFormatException.of(file, key, "is missing (a required MetaImage field)");
        }
        return v;
    }

    private boolean bool(String key, boolean dflt) throws MetaImageFormatException {
        String v = fields.get(key.toLowerCase(Locale.ROOT));
        if (v == null) {
            return dflt;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw MetaImageFormatException.of(file, key, "is \"" + v + "\", must be True or False");
        };
    }

    private long integer(String field, String v, long min, long max) throws MetaImageFormatException {
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) {
                throw MetaImageFormatException.of(file, field, "is " + n + ", must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw MetaImageFormatException.of(file, field, "is \"" + v + "\", not an integer");
        }
    }

    private long[] longs(String field, String v, int n) throws MetaImageFormatException {
        String[] w = v.trim().split("\\s+");
        if (w.length != n) {
            throw MetaImageFormatException.of(file, field, "has " + w.length + " values, NDims is " + n);
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = integer(field, w[i], Long.MIN_VALUE, Long.MAX_VALUE);
        }
        return out;
    }

    /** The first of {@code keys} present, as {@code n} numbers; {@code dflt} everywhere when none is. */
    private double[] doubles(int n, double dflt, String... keys) throws MetaImageFormatException {
        for (String k : keys) {
            String v = fields.get(k.toLowerCase(Locale.ROOT));
            if (v != null) {
                return numbers(k, v, n);
            }
        }
        double[] out = new double[n];
        java.util.Arrays.fill(out, dflt);
        return out;
    }

    private double[] numbers(String field, String v, int n) throws MetaImageFormatException {
        String[] w = v.trim().split("\\s+");
        if (w.length != n) {
            throw MetaImageFormatException.of(file, field, "has " + w.length + " values, needs " + n);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            try {
                out[i] = Double.parseDouble(w[i]);
            } catch (NumberFormatException e) {
                throw MetaImageFormatException.of(file, field, "value \"" + w[i] + "\" is not a number");
            }
        }
        return out;
    }
}
