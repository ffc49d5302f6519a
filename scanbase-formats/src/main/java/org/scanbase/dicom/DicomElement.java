// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.util.List;
import java.util.Objects;

/**
 * One data element as read from a file: tag, VR and its value in one of four forms.
 * <ul>
 *   <li>bytes: the raw value, in the byte order of the data set that holds it;</li>
 *   <li>items: the items of a sequence (SQ);</li>
 *   <li>fragments: encapsulated pixel data (PS3.5 A.4), offset table first;</li>
 *   <li>bulk: a reference to a value left in the file (offset and length), for bulk data read
 *       with {@link BulkDataPolicy#REFERENCE} or skipped.</li>
 * </ul>
 * Elements are immutable; typed values are decoded by {@link Attributes}, which knows the
 * byte order and the character set.
 */
public final class DicomElement {
    /** Value length read from the file when it was undefined (0xFFFFFFFF). */
    public static final long UNDEFINED_LENGTH = 0xFFFFFFFFL;

    private final int tag;
    private final VR vr;
    private final byte[] bytes;
    private final List<Attributes> items;
    private final Fragments fragments;
    private final BulkData bulk;
    private final long offset;

    private DicomElement(int tag, VR vr, byte[] bytes, List<Attributes> items, Fragments fragments,
                         BulkData bulk, long offset) {
        this.tag = tag;
        this.vr = Objects.requireNonNull(vr, "vr");
        this.bytes = bytes;
        this.items = items;
        this.fragments = fragments;
        this.bulk = bulk;
        this.offset = offset;
    }

    /** An element holding its raw value bytes (not copied: the caller gives up the array). */
    public static DicomElement ofBytes(int tag, VR vr, byte[] value, long offset) {
        return new DicomElement(tag, vr, Objects.requireNonNull(value), null, null, null, offset);
    }

    /** A sequence element holding its items. */
    public static DicomElement ofItems(int tag, List<Attributes> items, long offset) {
        return new DicomElement(tag, VR.SQ, null, List.copyOf(items), null, null, offset);
    }

    /** Encapsulated pixel data. */
    public static DicomElement ofFragments(int tag, VR vr, Fragments fragments, long offset) {
        return new DicomElement(tag, vr, null, null, Objects.requireNonNull(fragments), null, offset);
    }

    /** A value left in the file. */
    public static DicomElement ofBulk(int tag, VR vr, BulkData bulk, long offset) {
        return new DicomElement(tag, vr, null, null, null, Objects.requireNonNull(bulk), offset);
    }

    public int tag() {
        return tag;
    }

    public VR vr() {
        return vr;
    }

    /** Byte offset of the element's header in its file (in the inflated stream when deflated), or -1. */
    public long offset() {
        return offset;
    }

    public boolean hasBytes() {
        return bytes != null;
    }

    public boolean isSequence() {
        return items != null;
    }

    public boolean isFragments() {
        return fragments != null;
    }

    public boolean isBulk() {
        return bulk != null;
    }

    /** The raw value bytes; an empty array for sequences, fragments and bulk references. */
    public byte[] bytes() {
        return bytes != null ? bytes : new byte[0];
    }

    /** Sequence items; an empty list for any other element. */
    public List<Attributes> items() {
        return items != null ? items : List.of();
    }

    /** Encapsulated fragments, or null when the value is not encapsulated. */
    public Fragments fragments() {
        return fragments;
    }

    /** The bulk data reference, or null when the value was read. */
    public BulkData bulk() {
        return bulk;
    }

    /** Value length in bytes: raw length, bulk length, or for sequences and fragments -1. */
    public long length() {
        if (bytes != null) {
            return bytes.length;
        }
        if (bulk != null) {
            return bulk.length();
        }
        return -1;
    }

    @Override
    public String toString() {
        return Tag.toString(tag) + " " + vr + " " + (isSequence() ? items.size() + " items"
                : isFragments() ? fragments.size() + " fragments" : length() + " bytes");
    }
}
