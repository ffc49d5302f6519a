// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A DICOMDIR (PS3.10 section 8, PS3.3 F.3): the Directory Record Sequence (0004,1220) as
 * records linked by byte offsets — next record at the same level (0004,1400) and first record
 * of the level below (0004,1420) — with Referenced File IDs (0004,1500) resolved against the
 * DICOMDIR's folder.
 *
 * @param file    the DICOMDIR as read
 * @param records every record in file order
 * @param roots   the records of the root directory entity in link order, children attached;
 *                empty when the root offset (0004,1200) is missing or points nowhere
 */
public record DicomDir(DicomFile file, List<Record> records, List<Record> roots) {

    /**
     * One directory record.
     *
     * @param type           (0004,1430) Directory Record Type, e.g. PATIENT, STUDY, SERIES, IMAGE
     * @param offset         byte offset of the record's item in the file (how records link)
     * @param attributes     the record's elements
     * @param referencedFile (0004,1500) resolved to a path, or null when the record names none
     * @param children       records of the level below, in link order
     */
    public record Record(String type, long offset, Attributes attributes, Path referencedFile,
                         List<Record> children) {
    }

    /** Reads a DICOMDIR and links its records. */
    public static DicomDir read(Path path) throws IOException {
        DicomFile f = DicomReader.read(path);
        Path base = path.toAbsolutePath().getParent();
        List<Record> records = new ArrayList<>();
        Map<Long, Record> byOffset = new HashMap<>();
        Map<Record, List<Record>> children = new IdentityHashMap<>();
        for (Attributes item : f.dataset().getSequence(Tags.DirectoryRecordSequence)) {
            List<Record> kids = new ArrayList<>();
            Record r = new Record(item.getString(Tags.DirectoryRecordType).orElse(""), itemOffset(item), item,
                    referencedFile(base, item), Collections.unmodifiableList(kids));
            records.add(r);
            children.put(r, kids);
            if (r.offset() >= 0) {
                byOffset.put(r.offset(), r);
            }
        }
        Set<Record> linked = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Record r : records) {
            children.get(r).addAll(chain(byOffset, offset(r.attributes(), Tags.OffsetOfReferencedLowerLevelDirectoryEntity),
                    linked));
        }
        long root = offset(f.dataset(), Tags.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity);
        return new DicomDir(f, List.copyOf(records), chain(byOffset, root, Collections.newSetFromMap(new IdentityHashMap<>())));
    }

    /** Follows next-record links from {@code first}, stopping at 0, unknown offsets and cycles. */
    private static List<Record> chain(Map<Long, Record> byOffset, long first, Set<Record> seen) {
        List<Record> out = new ArrayList<>();
        long next = first;
        while (next > 0) {
            Record r = byOffset.get(next);
            if (r == null || !seen.add(r)) {
                break;
            }
            out.add(r);
            next = offset(r.attributes(), Tags.OffsetOfTheNextDirectoryRecord);
        }
        return List.copyOf(out);
    }

    private static long offset(Attributes a, int tag) {
        DicomElement e = a.getOrNull(tag);
        if (e == null || !e.hasBytes() || e.bytes().length < 4) {
            return 0;
        }
        return (long) a.getDouble(tag).orElse(0);
    }

    /** The item header precedes its first element by 8 bytes (PS3.5 7.5). */
    private static long itemOffset(Attributes item) {
        List<DicomElement> els = item.elements();
        return els.isEmpty() || els.get(0).offset() < 0 ? -1 : els.get(0).offset() - 8;
    }

    private static Path referencedFile(Path base, Attributes item) {
        List<String> parts = item.getStrings(Tags.ReferencedFileID);
        if (parts.isEmpty()) {
            return null;
        }
        Path p = base;
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }
}
