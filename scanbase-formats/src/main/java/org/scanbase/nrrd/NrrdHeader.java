// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nrrd;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A parsed NRRD header (teem NRRD0005): the raw fields as written, plus typed values of the
 * fields scanbase interprets. Axis arrays are in file order, fastest axis first.
 *
 * @param file            the header file
 * @param magic           first line, e.g. {@code NRRD0004}
 * @param type            element type
 * @param sizes           {@code sizes}, fastest axis first
 * @param encoding        {@code raw}, {@code gzip}, {@code ascii}... (lower case, "gz" as "gzip")
 * @param endian          byte order of multi-byte raw data (little when the field is absent and
 *                        values are one byte)
 * @param space           {@code space} in its long lower-case form ("left-posterior-superior"), or
 *                        null when only {@code space dimension} (or nothing) was given
 * @param spaceDimension  vector length of {@code space directions} / {@code space origin}, 0 without space
 * @param spaceDirections one vector per axis, null for "none"; the whole array is null when absent
 * @param spaceOrigin     {@code space origin}, or null
 * @param spacings        {@code spacings} per axis (NaN for "nan"), or null
 * @param kinds           {@code kinds} per axis (as written), or empty
 * @param byteSkip        {@code byte skip}; -1 means the data are the last bytes of the (raw) file
 * @param lineSkip        {@code line skip}
 * @param dataFiles       detached data files in order, resolved against the header's folder;
 *                        empty for attached data
 * @param dataOffset      byte offset of attached data (after the blank line), -1 for detached
 * @param fields          every field as written ({@code key: value}), keys lower case without spaces
 * @param keyValues       {@code key:=value} pairs in order
 * @param comments        comment lines without the leading '#'
 */
public record NrrdHeader(Path file, String magic, NrrdType type, long[] sizes, String encoding, ByteOrder endian,
                         String space, int spaceDimension, double[][] spaceDirections, double[] spaceOrigin,
                         double[] spacings, List<String> kinds, long byteSkip, int lineSkip, List<Path> dataFiles,
                         long dataOffset, Map<String, String> fields, Map<String, String> keyValues,
                         List<String> comments) {

    public NrrdHeader {
        kinds = List.copyOf(kinds);
        dataFiles = List.copyOf(dataFiles);
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        keyValues = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keyValues));
        comments = List.copyOf(comments);
    }

    public int dimension() {
        return sizes.length;
    }

    /** True when the voxel data are in the header's own file. */
    public boolean attached() {
        return dataFiles.isEmpty();
    }

    /** The kind of axis {@code axis} in lower case, or "" when not given. */
    public String kind(int axis) {
        return axis < kinds.size() ? kinds.get(axis).toLowerCase(java.util.Locale.ROOT) : "";
    }
}
