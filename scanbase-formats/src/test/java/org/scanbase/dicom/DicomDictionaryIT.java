// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares the whole generated dictionary (from DCMTK 3.6.7, PS3.6-2022b) with pydicom 2.3's,
 * dumped at test time by {@code src/test/python/dictionary_reference.py} run with
 * {@code /usr/bin/python3}: every tag, keyword, VR, VM and retired flag, and the keyword of
 * sample tags in every repeating group and range and of private and group-length tags.
 */
class DicomDictionaryIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/python/dictionary_reference.py");

    /**
     * Where the two editions of PS3.6 differ, each checked by hand. Anything not listed fails the
     * test, and so does a listed difference that has gone away.
     */
    private static final Map<String, String> KNOWN_DIFFERENCES = new LinkedHashMap<>();

    static {
        // DCMTK's edition (PS3.6-2022b) is newer than pydicom 2.3.1's: these elements were added
        // in 2022 (Sup 222 whole-slide pyramids, current frame functional groups); later pydicom
        // releases list them too.
        for (String line : List.of(
                "(0006,0001) CurrentFrameFunctionalGroupsSequence: only in dcmtk",
                "(0008,0017) AcquisitionUID: only in dcmtk",
                "(0008,0019) PyramidUID: only in dcmtk",
                "(0008,1088) PyramidDescription: only in dcmtk",
                "(0020,0027) PyramidLabel: only in dcmtk")) {
            KNOWN_DIFFERENCES.put(line, "newer in dcmtk (PS3.6-2022b)");
        }
        // PS3.6 keeps some retired tags with no name and no keyword ("Retired-blank"). pydicom
        // lists them with an empty keyword; DCMTK cannot (an entry needs a name). Both sides
        // give these tags the keyword "", so only the implicit VR differs (UN here).
        for (String line : List.of(
                "(0008,0202) : only in pydicom",
                "(0018,0061) : only in pydicom",
                "(0018,9445) : only in pydicom",
                "(0028,0020) : only in pydicom",
                "(0400,0315) : only in pydicom",
                "(300A,0782) : only in pydicom")) {
            KNOWN_DIFFERENCES.put(line, "keyword-less retired entries, absent from dcmtk");
        }
        // pydicom 2.3.1 marks these Film Session sequences retired; PS3.6-2022b (DCMTK) lists them
        // as current, and later pydicom releases agree with DCMTK: dcmtk is right.
        KNOWN_DIFFERENCES.put("(2130,00A0) ProposedStudySequence: retired dcmtk=false pydicom=true",
                "un-retired in PS3.6 since pydicom 2.3's edition");
        KNOWN_DIFFERENCES.put("(2130,00C0) OriginalImageSequence: retired dcmtk=false pydicom=true",
                "un-retired in PS3.6 since pydicom 2.3's edition");
    }

    /** Tags whose keyword() must equal pydicom's keyword_for_tag(), beyond the pattern samples. */
    private static final List<Integer> SPECIAL_PROBES = List.of(
            0x00000000, 0x00020000, 0x00080000, 0x00100000, 0x60000000, 0x10000000, 0x10100000,
            0x00090010, 0x000900FF, 0x00091010, 0x00290000, 0x00030010, 0x60013000, 0x60FE3000,
            0x00203200, 0x7FE00010, 0xFFFEE000, 0xFFFEE00D, 0x00081234, 0x00280020);

    private static final DicomDictionary DICT = DicomDictionary.standard();
    private static JsonNode reference;

    @BeforeAll
    static void runPydicom() throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            fail(PYTHON + " is missing: this test needs Debian's python3 with python3-pydicom");
        }
        if (!Files.isRegularFile(SCRIPT)) {
            fail(SCRIPT.toAbsolutePath() + " is missing (the test must run from the module directory)");
        }
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString()));
        for (int tag : probes()) {
            command.add(Tag.hex(tag));
        }
        Path stderr = Files.createTempFile("dictionary-reference", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("dictionary_reference.py did not finish within 120 s");
            }
            if (p.exitValue() != 0) {
                fail("dictionary_reference.py failed (exit " + p.exitValue() + "); is python3-pydicom installed? "
                        + Files.readString(stderr).strip());
            }
            reference = new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    @Test
    void agreesWithPydicomOnEveryEntryExceptTheKnownEditionDifferences() {
        assertThat(reference.get("pydicom").asText()).startsWith("2.3");
        Map<String, DicomDictionary.Entry> ours = new TreeMap<>();
        for (DicomDictionary.Entry e : DICT.entries()) {
            ours.put(pattern(e), e);
        }
        Map<String, JsonNode> theirs = new TreeMap<>();
        for (JsonNode n : reference.get("entries")) {
            theirs.put(n.get("tag").asText(), n);
        }
        TreeSet<String> all = new TreeSet<>(ours.keySet());
        all.addAll(theirs.keySet());
        List<String> differences = new ArrayList<>();
        for (String tag : all) {
            DicomDictionary.Entry o = ours.get(tag);
            JsonNode t = theirs.get(tag);
            String where = "(" + tag.substring(0, 4) + "," + tag.substring(4) + ") ";
            if (t == null) {
                differences.add(where + o.keyword() + ": only in dcmtk");
            } else if (o == null) {
                differences.add(where + t.get("keyword").asText() + ": only in pydicom");
            } else {
                String name = where + o.keyword() + ": ";
                compare(differences, name + "keyword", o.keyword(), t.get("keyword").asText());
                compare(differences, name + "VR", vrText(o), t.get("vr").asText());
                compare(differences, name + "VM", o.vm(), t.get("vm").asText());
                compare(differences, name + "retired", String.valueOf(o.retired()), t.get("retired").asText());
            }
        }
        List<String> unexpected = differences.stream()
                .filter(d -> !KNOWN_DIFFERENCES.containsKey(d)).collect(Collectors.toList());
        List<String> stale = KNOWN_DIFFERENCES.keySet().stream()
                .filter(d -> !differences.contains(d)).collect(Collectors.toList());
        assertThat(unexpected).as("differences from pydicom %s not in KNOWN_DIFFERENCES",
                reference.get("pydicom").asText()).isEmpty();
        assertThat(stale).as("KNOWN_DIFFERENCES that no longer occur (remove them)").isEmpty();
        assertThat(ours).hasSizeGreaterThan(4900);
    }

    @Test
    void namesTheSameKeywordAsPydicomForPatternsPrivateTagsAndGroupLengths() {
        JsonNode probes = reference.get("probes");
        List<String> mismatches = new ArrayList<>();
        for (int tag : probes()) {
            JsonNode p = probes.get(Tag.hex(tag));
            String theirs = p.get("keyword").asText();
            if (!DICT.keyword(tag).equals(theirs)) {
                mismatches.add(Tag.toString(tag) + " keyword: ours '" + DICT.keyword(tag) + "', pydicom '" + theirs + "'");
            }
            String ourVr = DICT.entry(tag).map(DicomDictionaryIT::vrText).orElse(null);
            String theirVr = p.get("vr").isNull() ? null : p.get("vr").asText();
            if (ourVr != null && !ourVr.equals(theirVr)) {
                mismatches.add(Tag.toString(tag) + " VR: ours " + ourVr + ", pydicom " + theirVr);
            }
        }
        assertThat(mismatches).as("keyword_for_tag / dictionary_VR mismatches").isEmpty();
    }

    /** One sample tag inside every repeating entry (each x read as 2), plus the special cases. */
    private static List<Integer> probes() {
        List<Integer> tags = new ArrayList<>(SPECIAL_PROBES);
        for (DicomDictionary.Entry e : DICT.entries()) {
            if (e.mask() != 0xFFFFFFFF) {
                tags.add(Integer.parseUnsignedInt(pattern(e).replace('x', '2'), 16));
            }
        }
        return tags;
    }

    private static void compare(List<String> out, String what, String ours, String theirs) {
        if (!ours.equals(theirs)) {
            out.add(what + " dcmtk=" + ours + " pydicom=" + theirs);
        }
    }

    /** The tag in PS3.6 notation, with x for every nibble the mask leaves (even partly) open. */
    private static String pattern(DicomDictionary.Entry e) {
        String hex = Tag.hex(e.tag());
        StringBuilder sb = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            int nibble = (e.mask() >>> (28 - 4 * i)) & 0xF;
            sb.append(nibble == 0xF ? hex.charAt(i) : 'x');
        }
        return sb.toString();
    }

    private static String vrText(DicomDictionary.Entry e) {
        return e.vrs().isEmpty() ? "NONE" : e.vrs().stream().map(Enum::name).collect(Collectors.joining(" or "));
    }
}
