// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The detached data files a NRRD ({@code data file:}) or MetaImage ({@code ElementDataFile})
 * header names, in the three forms both formats share: one name, {@code LIST} followed by one
 * name per line, or a printf pattern with min, max and step. Names are relative to the header.
 */
public final class DetachedDataFiles {
    private static final Pattern PRINTF = Pattern.compile("(\\S*%\\d*d\\S*)\\s+(-?\\d+)\\s+(-?\\d+)\\s+(-?\\d+)(\\s+\\d+)?");
    /** More files than any real volume has: a guard against a hostile min/max/step. */
    private static final long MAX_FILES = 1_000_000;

    private DetachedDataFiles() {
    }

    /**
     * @param header the header file (names resolve against its folder)
     * @param value  the field's value
     * @param listed the names that follow a {@code LIST} value
     * @throws IllegalArgumentException with the reason, when a LIST names nothing or the
     *                                  printf range is impossible (callers name the file and field)
     */
    public static List<Path> resolve(Path header, String value, List<String> listed) {
        Path dir = header.toAbsolutePath().getParent();
        List<Path> out = new ArrayList<>();
        if (value.toUpperCase(Locale.ROOT).startsWith("LIST")) {
            for (String name : listed) {
                if (!name.isEmpty()) {
                    out.add(dir.resolve(name));
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("is LIST but no file names follow it");
            }
            return out;
        }
        Matcher m = PRINTF.matcher(value);
        if (m.matches()) {
            long min = Long.parseLong(m.group(2));
            long max = Long.parseLong(m.group(3));
            long step = Long.parseLong(m.group(4));
            if (step == 0 || (max - min) / step < 0 || (max - min) / step > MAX_FILES) {
                throw new IllegalArgumentException("\"" + value + "\" has an impossible min/max/step");
            }
            for (long i = min; step > 0 ? i <= max : i >= max; i += step) {
                out.add(dir.resolve(String.format(Locale.ROOT, m.group(1), i)));
            }
            return out;
        }
        return List.of(dir.resolve(value));
    }
}
