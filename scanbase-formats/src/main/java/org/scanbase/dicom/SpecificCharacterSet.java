// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Specific Character Set (0008,0005) of PS3.3 C.12.1.1.2 and the decoding rules of PS3.5 6.1.
 *
 * <p>A value without code extensions is decoded with the first term's character set. With ISO
 * 2022 code extensions (PS3.5 6.1.2.5) each run of bytes that starts with an escape sequence is
 * decoded with the set it designates; the first set comes back after each value delimiter
 * ({@code \}), after each person-name component and group delimiter ({@code ^ =}) and after
 * CR, LF, TAB and FF in text (PS3.5 6.1.2.5.3). The default repertoire is decoded as Latin-1
 * so that stray 8-bit bytes survive, as pydicom does.
 *
 * <p>Unknown terms are replaced by the default repertoire; the replacement is listed in
 * {@link #warnings()}. Common misspellings ({@code ISO IR 100}, {@code ISO_2022_IR_87}) are
 * corrected. Stand-alone sets (ISO_IR 192, GB18030, GBK) take no code extensions: terms after
 * them are ignored, with a warning.
 */
public final class SpecificCharacterSet {
    private static final byte ESC = 0x1B;

    /** One character set a term or escape sequence stands for. */
    private record Coding(String term, Charset charset, byte[] escape, boolean keepEscape) {
    }

    private static final Charset LATIN1 = StandardCharsets.ISO_8859_1;
    private static final Coding DEFAULT = new Coding("ISO_IR 6", LATIN1, esc("(B"), false);
    private static final Map<String, Coding> BY_TERM = new ConcurrentHashMap<>();
    private static final List<Coding> ESCAPES = new ArrayList<>();
    private static final Map<List<String>, SpecificCharacterSet> CACHE = new ConcurrentHashMap<>();

    static {
        single("ISO_IR 6", LATIN1);
        single("ISO_IR 100", LATIN1);
        single("ISO_IR 101", Charset.forName("ISO-8859-2"));
        single("ISO_IR 109", Charset.forName("ISO-8859-3"));
        single("ISO_IR 110", Charset.forName("ISO-8859-4"));
        single("ISO_IR 144", Charset.forName("ISO-8859-5"));
        single("ISO_IR 127", Charset.forName("ISO-8859-6"));
        single("ISO_IR 126", Charset.forName("ISO-8859-7"));
        single("ISO_IR 138", Charset.forName("ISO-8859-8"));
        single("ISO_IR 148", Charset.forName("ISO-8859-9"));
        single("ISO_IR 203", Charset.forName("ISO-8859-15"));
        single("ISO_IR 13", Charset.forName("Shift_JIS"));
        single("ISO_IR 166", Charset.forName("TIS-620"));
        single("ISO_IR 192", StandardCharsets.UTF_8);
        single("GB18030", Charset.forName("GB18030"));
        single("GBK", Charset.forName("GBK"));
        // ISO 2022 forms, PS3.3 tables C.12-3 and C.12-4: term, charset, escape sequence
        extension("ISO 2022 IR 6", LATIN1, "(B", false);
        extension("ISO 2022 IR 100", LATIN1, "-A", false);
        extension("ISO 2022 IR 101", Charset.forName("ISO-8859-2"), "-B", false);
        extension("ISO 2022 IR 109", Charset.forName("ISO-8859-3"), "-C", false);
        extension("ISO 2022 IR 110", Charset.forName("ISO-8859-4"), "-D", false);
        extension("ISO 2022 IR 126", Charset.forName("ISO-8859-7"), "-F", false);
        extension("ISO 2022 IR 127", Charset.forName("ISO-8859-6"), "-G", false);
        extension("ISO 2022 IR 138", Charset.forName("ISO-8859-8"), "-H", false);
        extension("ISO 2022 IR 144", Charset.forName("ISO-8859-5"), "-L", false);
        extension("ISO 2022 IR 148", Charset.forName("ISO-8859-9"), "-M", false);
        extension("ISO 2022 IR 203", Charset.forName("ISO-8859-15"), "-b", false);
        extension("ISO 2022 IR 166", Charset.forName("TIS-620"), "-T", false);
        extension("ISO 2022 IR 13", Charset.forName("Shift_JIS"), ")I", false);
        // JIS X 0208 and 0212 are 7-bit double-byte sets: the JDK's ISO-2022-JP decoders read the
        // escape sequence themselves, so it stays in the bytes handed to them
        extension("ISO 2022 IR 87", Charset.forName("ISO-2022-JP"), "$B", true);
        extension("ISO 2022 IR 159", Charset.forName("ISO-2022-JP-2"), "$(D", true);
        extension("ISO 2022 IR 149", Charset.forName("EUC-KR"), "$)C", false);
        extension("ISO 2022 IR 58", Charset.forName("GB2312"), "$)A", false);
        // ISO 646 Roman (IR 14) designated to G0, as Japanese files switch back to it
        ESCAPES.add(new Coding("ISO 2022 IR 14", Charset.forName("Shift_JIS"), esc("(J"), false));
    }

    private static byte[] esc(String s) {
        byte[] b = new byte[s.length() + 1];
        b[0] = ESC;
        for (int i = 0; i < s.length(); i++) {
            b[i + 1] = (byte) s.charAt(i);
        }
        return b;
    }

    private static void single(String term, Charset cs) {
        BY_TERM.put(term, new Coding(term, cs, null, false));
    }

    private static void extension(String term, Charset cs, String escape, boolean keep) {
        Coding c = new Coding(term, cs, esc(escape), keep);
        BY_TERM.put(term, c);
        ESCAPES.add(c);
    }

    /** The default repertoire (ISO_IR 6) used when a data set has no (0008,0005). */
    public static final SpecificCharacterSet ASCII = new SpecificCharacterSet(List.of());

    private final List<String> terms;
    private final Coding[] codings;
    private final List<String> warnings;

    private SpecificCharacterSet(List<String> terms) {
        this.terms = terms;
        List<String> warn = new ArrayList<>();
        List<Coding> list = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            String t = terms.get(i).trim();
            Coding c = lookup(t, warn);
            boolean standAlone = isStandAlone(c);
            if (i > 0 && standAlone) {
                warn.add("Specific Character Set '" + t + "' cannot be used as a code extension, ignored");
                continue;
            }
            list.add(c);
            if (i == 0 && standAlone && terms.size() > 1) {
                warn.add("Specific Character Set '" + t + "' allows no code extensions, ignoring "
                        + String.join(", ", terms.subList(1, terms.size())));
                break;
            }
        }
        if (list.isEmpty()) {
            list.add(DEFAULT);
        }
        this.codings = list.toArray(new Coding[0]);
        this.warnings = List.copyOf(warn);
    }

    private static boolean isStandAlone(Coding c) {
        return c.term().equals("ISO_IR 192") || c.term().equals("GB18030") || c.term().equals("GBK");
    }

    private static Coding lookup(String term, List<String> warn) {
        if (term.isEmpty()) {
            return DEFAULT;
        }
        Coding c = BY_TERM.get(term);
        if (c != null) {
            return c;
        }
        String patched = null;
        if (term.length() > 6 && term.startsWith("ISO") && term.startsWith("IR", 4) && term.charAt(3) != '_') {
            patched = "ISO_IR" + term.substring(6);
        } else if (term.length() > 12 && term.startsWith("ISO") && term.startsWith("2022", 4)
                && term.startsWith("IR", 9) && !term.startsWith("ISO 2022 IR ")) {
            patched = "ISO 2022 IR " + term.substring(12);
        }
        if (patched != null && BY_TERM.containsKey(patched)) {
            warn.add("Specific Character Set '" + term + "' corrected to '" + patched + "'");
            return BY_TERM.get(patched);
        }
        warn.add("unknown Specific Character Set '" + term + "', decoding as ISO_IR 6");
        return DEFAULT;
    }

    /** The character set for the values of (0008,0005); cached, so cheap to call per element. */
    public static SpecificCharacterSet of(List<String> terms) {
        if (terms.isEmpty() || terms.size() == 1 && terms.get(0).isBlank()) {
            return ASCII;
        }
        return CACHE.computeIfAbsent(List.copyOf(terms), SpecificCharacterSet::new);
    }

    public List<String> terms() {
        return terms;
    }

    /** Problems with the terms (unknown, misspelt, misplaced stand-alone sets); empty when none. */
    public List<String> warnings() {
        return warnings;
    }

    /** True when the set has ISO 2022 code extensions (more than one term). */
    public boolean hasCodeExtensions() {
        return codings.length > 1;
    }

    /**
     * Decodes a string value of the given VR. Backslashes between values stay in the result;
     * person names keep their {@code ^} and {@code =} delimiters.
     */
    public String decode(byte[] bytes, VR vr) {
        Charset first = codings[0].charset();
        if (indexOf(bytes, 0, bytes.length, ESC) < 0) {
            return new String(bytes, first);
        }
        StringBuilder sb = new StringBuilder(bytes.length);
        boolean pn = vr == VR.PN;
        boolean multi = vr.kind() == VR.Kind.STRING;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            boolean sep = i < bytes.length && (multi && bytes[i] == '\\' || pn && bytes[i] == '=');
            if (i == bytes.length || sep) {
                decodeValue(bytes, start, i, pn, sb);
                if (sep) {
                    sb.append((char) bytes[i]);
                }
                start = i + 1;
            }
        }
        return sb.toString();
    }

    /** Decodes one value (or person-name component group): runs that start with ESC. */
    private void decodeValue(byte[] b, int from, int to, boolean pn, StringBuilder sb) {
        int i = from;
        while (i < to) {
            int next = indexOf(b, i + 1, to, ESC);
            int end = next < 0 ? to : next;
            if (b[i] == ESC) {
                decodeEscaped(b, i, end, pn, sb);
            } else {
                sb.append(new String(b, i, end - i, codings[0].charset()));
            }
            i = end;
        }
    }

    private void decodeEscaped(byte[] b, int from, int to, boolean pn, StringBuilder sb) {
        Coding c = byEscape(b, from, to);
        if (c == null) {
            // unknown or undeclared escape: decode the run, escape and all, with the first set
            sb.append(new String(b, from, to - from, codings[0].charset()));
            return;
        }
        if (c.keepEscape()) {
            sb.append(new String(b, from, to - from, c.charset()));
            return;
        }
        int s = from + c.escape().length;
        int delim = s;
        while (delim < to && !isDelimiter(b[delim], pn)) {
            delim++;
        }
        sb.append(new String(b, s, delim - s, c.charset()));
        if (delim < to) {
            sb.append(new String(b, delim, to - delim, codings[0].charset()));
        }
    }

    private static boolean isDelimiter(byte x, boolean pn) {
        return pn ? x == '^' : x == 0x0D || x == 0x0A || x == 0x09 || x == 0x0C;
    }

    private Coding byEscape(byte[] b, int from, int to) {
        for (Coding c : ESCAPES) {
            byte[] e = c.escape();
            if (to - from >= e.length && regionMatches(b, from, e)) {
                if (c == BY_TERM.get("ISO 2022 IR 6") || c.term().equals("ISO 2022 IR 14") || declared(c)) {
                    return c;
                }
                return null;
            }
        }
        return null;
    }

    private boolean declared(Coding c) {
        for (Coding d : codings) {
            if (d.charset().equals(c.charset())) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionMatches(byte[] b, int from, byte[] e) {
        for (int k = 0; k < e.length; k++) {
            if (b[from + k] != e[k]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, int from, int to, byte x) {
        for (int i = from; i < to; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return terms.isEmpty() ? "ISO_IR 6" : String.join("\\", terms);
    }
}
