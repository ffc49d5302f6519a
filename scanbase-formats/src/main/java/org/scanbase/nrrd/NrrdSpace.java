// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nrrd;

import java.util.Locale;
import java.util.Map;

/**
 * The named spaces of the NRRD {@code space} field (teem NRRD0004+), their vector length and the
 * sign flips that take their first three coordinates to LPS (DICOM's patient system).
 */
final class NrrdSpace {
    static final String LPS = "left-posterior-superior";

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("ras", "right-anterior-superior"), Map.entry("las", "left-anterior-superior"),
            Map.entry("lps", LPS), Map.entry("rast", "right-anterior-superior-time"),
            Map.entry("last", "left-anterior-superior-time"), Map.entry("lpst", "left-posterior-superior-time"));
    private static final java.util.Set<String> NAMES = java.util.Set.of("right-anterior-superior",
            "left-anterior-superior", LPS, "right-anterior-superior-time", "left-anterior-superior-time",
            "left-posterior-superior-time", "scanner-xyz", "scanner-xyz-time", "3d-right-handed", "3d-left-handed",
            "3d-right-handed-time", "3d-left-handed-time");

    private NrrdSpace() {
    }

    /** The long lower-case name of a {@code space} value ("RAS" -> "right-anterior-superior"), or null. */
    static String canonical(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        v = ALIASES.getOrDefault(v, v);
        return NAMES.contains(v) ? v : null;
    }

    /** Number of coordinates of the space: 4 for the "-time" spaces, else 3. */
    static int dimension(String space) {
        return space.endsWith("-time") ? 4 : 3;
    }

    /** True for spaces whose axes are anatomical (RAS, LAS, LPS and their time forms). */
    static boolean anatomical(String space) {
        return space != null && (space.startsWith("right-") || space.startsWith("left-"));
    }

    /** Signs that take (x, y, z) of {@code space} to LPS. Non-anatomical spaces are taken as they are. */
    static double[] toLps(String space) {
        if (space == null) {
            return new double[] {1, 1, 1};
        }
        return new double[] {space.startsWith("right-") ? -1 : 1, space.contains("-anterior-") ? -1 : 1, 1};
    }
}
