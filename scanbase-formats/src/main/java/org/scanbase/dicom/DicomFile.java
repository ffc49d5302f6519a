// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.nio.file.Path;
import java.util.List;

/**
 * A DICOM file as read by {@link DicomReader} (PS3.10 section 7).
 *
 * @param path           where it was read from
 * @param fileMeta       the File Meta Information group (0002,xxxx); empty when the file has none
 * @param dataset        the data set, values in the byte order of {@code transferSyntax}
 * @param transferSyntax from (0002,0010), or guessed from the first element when absent
 * @param hasPreamble    whether the file starts with the 128-byte preamble and "DICM"
 * @param warnings       problems lenient reading let pass, each naming the tag and byte offset
 */
public record DicomFile(Path path, Attributes fileMeta, Attributes dataset, TransferSyntax transferSyntax,
                        boolean hasPreamble, List<String> warnings) {
    public DicomFile {
        warnings = List.copyOf(warnings);
    }
}
