// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomElement;
import org.scanbase.dicom.VR;

/** Data sets with an Image Pixel module built in memory, for tests. */
final class TestImages {
    private TestImages() {
    }

    /** Image Pixel module attributes, all in the data set's byte order. */
    static Attributes module(boolean bigEndian, int rows, int columns, int spp, int bitsAllocated, int bitsStored,
                             int pixelRepresentation, String photometric, int planar, int frames) {
        Attributes ds = new Attributes(bigEndian);
        us(ds, 0x00280002, spp);
        str(ds, 0x00280004, VR.CS, photometric);
        if (spp > 1) {
            us(ds, 0x00280006, planar);
        }
        if (frames > 1) {
            str(ds, 0x00280008, VR.IS, Integer.toString(frames));
        }
        us(ds, 0x00280010, rows);
        us(ds, 0x00280011, columns);
        us(ds, 0x00280100, bitsAllocated);
        us(ds, 0x00280101, bitsStored);
        us(ds, 0x00280102, bitsStored - 1);
        us(ds, 0x00280103, pixelRepresentation);
        return ds;
    }

    static void us(Attributes ds, int tag, int value) {
        ByteBuffer b = ByteBuffer.allocate(2).order(ds.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) value);
        ds.put(DicomElement.ofBytes(tag, VR.US, b.array(), -1));
    }

    static void str(Attributes ds, int tag, VR vr, String value) {
        String v = value.length() % 2 == 1 ? value + " " : value;
        ds.put(DicomElement.ofBytes(tag, vr, v.getBytes(java.nio.charset.StandardCharsets.US_ASCII), -1));
    }

    static void pixels(Attributes ds, int tag, VR vr, byte[] value) {
        ds.put(DicomElement.ofBytes(tag, vr, value, -1));
    }

    /** 16-bit values in the given byte order. */
    static byte[] shorts(boolean bigEndian, int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2)
                .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
