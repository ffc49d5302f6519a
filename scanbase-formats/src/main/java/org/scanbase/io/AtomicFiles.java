// SPDX-License-Identifier: Apache-2.0
package org.scanbase.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files written whole or not at all: every writer writes to a temporary file in the target's
 * folder and then {@link #replace}s the target with it, so a reader (or a crash) never sees
 * half a file.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Moves {@code tmp} over {@code target}: atomically where the file system can, else a plain
     * replacing move (some file systems cannot rename atomically).
     */
    public static void replace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
