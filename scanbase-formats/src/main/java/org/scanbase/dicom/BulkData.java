// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.nio.file.Path;

/**
 * A value left in its file: where it starts and how long it is, checked against the file size
 * when the reference was made. {@code length == -1} marks an undefined-length (encapsulated)
 * value whose end was not looked for.
 */
public record BulkData(Path file, long offset, long length) {
}
