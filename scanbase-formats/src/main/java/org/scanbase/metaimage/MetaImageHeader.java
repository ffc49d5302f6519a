// SPDX-License-Identifier: Apache-2.0
package org.scanbase.metaimage;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A parsed MetaImage header (MetaIO, as ITK reads and writes it). Axis arrays are in file order,
 * x first. Coordinates are ITK's: LPS mm.
 *
 * @param file           the header file
 * @param elementType    {@code ElementType}
 * @param dimSize        {@code DimSize}, one per NDims
 * @param channels       {@code ElementNumberOfChannels} (1 when absent)
 * @param spacing        {@code ElementSpacing}, else {@code ElementSize}, else 1s
 * @param origin         {@code Offset} / {@code Position} / {@code Origin}, else 0s
 * @param transform      {@code TransformMatrix} / {@code Rotation} / {@code Orientation} as written
 *                       (NDims x NDims; values {@code [a * NDims + r]} are component r of axis a's
 *                       direction, as ITK writes it), else identity
 * @param byteOrder      from {@code BinaryDataByteOrderMSB} / {@code ElementByteOrderMSB}
 * @param compressed     {@code CompressedData}: the data are one zlib stream
 * @param compressedSize {@code CompressedDataSize}, -1 when absent
 * @param headerSize     {@code HeaderSize}: bytes to skip in the data file; -1 = data at its end
 * @param dataFiles      detached data files resolved against the header's folder; empty for LOCAL
 * @param dataOffset     byte offset of LOCAL data (after the ElementDataFile line), -1 for detached
 * @param fields         every {@code Key = Value} line as written, in order
 */
public record MetaImageHeader(Path file, MetaElementType elementType, long[] dimSize, int channels, double[] spacing,
                              double[] origin, double[] transform, ByteOrder byteOrder, boolean compressed,
                              long compressedSize, long headerSize, List<Path> dataFiles, long dataOffset,
                              Map<String, String> fields) {

    public MetaImageHeader {
        dataFiles = List.copyOf(dataFiles);
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    public int ndims() {
        return dimSize.length;
    }

    public boolean local() {
        return dataFiles.isEmpty();
    }

    /** The LPS direction of axis {@code a} (a < 3) from the transform. */
    public double[] axis(int a) {
        int n = ndims();
        double[] v = new double[3];
        for (int r = 0; r < Math.min(3, n); r++) {
            v[r] = transform[a * n + r];
        }
        return v;
    }
}
