// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nifti;

/**
 * One header extension (nifti1.h "extension" section): its {@code ecode} (6 comment, 4 AFNI,
 * 32 CIFTI...), the byte offset of its {@code esize} field in the header file and its content
 * ({@code esize - 8} bytes).
 *
 * @param code    ecode
 * @param offset  byte offset of the extension's esize field in the header file
 * @param content the bytes after esize and ecode
 */
public record NiftiExtension(int code, long offset, byte[] content) {
    public NiftiExtension {
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** esize: 8 bytes of esize and ecode plus the content. */
    public int size() {
        return content.length + 8;
    }
}
