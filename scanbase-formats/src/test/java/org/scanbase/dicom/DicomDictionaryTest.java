// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Unit checks of the dictionary's lookup rules. Every entry is compared with pydicom's
 * dictionary in {@link DicomDictionaryIT}; the rows here pin the rules (patterns, private
 * tags, implicit VR choice) against PS3.5 and PS3.6 as quoted in each row.
 */
class DicomDictionaryTest {
    private final DicomDictionary dict = DicomDictionary.standard();

    @ParameterizedTest(name = "({0}) is {1}")
    @CsvSource({
        // PS3.6 table 6-1
        "00100010, PatientName, PN, 1, false",
        "00080005, SpecificCharacterSet, CS, 1-n, false",
        "00280010, Rows, US, 1, false",
        "00200032, ImagePositionPatient, DS, 3, false",
        "7FE00010, PixelData, OB|OW, 1, false",
        "00280106, SmallestImagePixelValue, US|SS, 1, false",
        "00281200, GrayLookupTableData, US|SS|OW, 1-n, true",
        "00283006, LUTData, US|OW, 1-n, false",
        "00200030, ImagePosition, DS, 3, true",
        // PS3.10 7.1 file meta information
        "00020010, TransferSyntaxUID, UI, 1, false",
        "00020000, FileMetaInformationGroupLength, UL, 1, false",
        // PS3.7 annex E command elements, current and retired
        "00000000, CommandGroupLength, UL, 1, false",
        "00000001, CommandLengthToEnd, UL, 1, true",
        // PS3.5 7.5 items: no VR
        "FFFEE000, Item, '', 1, false",
    })
    void knowsFixedTags(String hex, String keyword, String vrs, String vm, boolean retired) {
        int tag = Tag.parse(hex);
        DicomDictionary.Entry e = dict.entry(tag).orElseThrow();
        assertThat(e.tag()).isEqualTo(tag);
        assertThat(e.mask()).isEqualTo(0xFFFFFFFF);
        assertThat(e.keyword()).isEqualTo(keyword);
        assertThat(e.vrs()).isEqualTo(vrList(vrs));
        assertThat(e.vm()).isEqualTo(vm);
        assertThat(e.retired()).isEqualTo(retired);
        assertThat(dict.keyword(tag)).isEqualTo(keyword);
        assertThat(dict.tag(keyword)).isEqualTo(OptionalInt.of(tag));
    }

    @Test
    void generatedConstantsAgreeWithTheDictionary() {
        assertThat(dict.tag("PatientName")).hasValue(Tags.PatientName);
        assertThat(dict.keyword(Tags.SpecificCharacterSet)).isEqualTo("SpecificCharacterSet");
        assertThat(dict.keyword(Tags.PixelData)).isEqualTo("PixelData");
        assertThat(dict.keyword(Tags.SOPInstanceUID)).isEqualTo("SOPInstanceUID");
    }

    @ParameterizedTest(name = "({0}) matches {1}")
    @CsvSource({
        // PS3.6 repeating groups (60xx): overlays in every even group 6000-60FE
        "60003000, OverlayData, 60003000, FF01FFFF",
        "60023000, OverlayData, 60003000, FF01FFFF",
        "601E0010, OverlayRows, 60000010, FF01FFFF",
        "60FE0011, OverlayColumns, 60000011, FF01FFFF",
        "50020005, CurveDimensions, 50000005, FF01FFFF",
        "7F100010, VariablePixelData, 7F000010, FF01FFFF",
        // PS3.6 element ranges: (0020,31xx), (0028,04x0), (0028,08x8), (1000,xxx0), (1010,xxxx)
        "00203100, SourceImageIDs, 00203100, FFFFFF00",
        "002031FF, SourceImageIDs, 00203100, FFFFFF00",
        "00280420, RowsForNthOrderCoefficients, 00280400, FFFFFF0F",
        "00280898, ImageDataLocation, 00280808, FFFFFF0F",
        "10000120, EscapeTriplet, 10000000, FFFF000F",
        "10000125, ShiftTableTriplet, 10000005, FFFF000F",
        "10101234, ZonalMap, 10100000, FFFF0000",
    })
    void matchesRepeatingGroupsAndElementRanges(String hex, String keyword, String base, String mask) {
        int tag = Tag.parse(hex);
        DicomDictionary.Entry e = dict.entry(tag).orElseThrow();
        assertThat(e.keyword()).isEqualTo(keyword);
        assertThat(e.tag()).isEqualTo(Tag.parse(base));
        assertThat(e.mask()).isEqualTo((int) Long.parseLong(mask, 16));
        assertThat(e.matches(tag)).isTrue();
        assertThat(dict.keyword(tag)).isEqualTo(keyword);
    }

    @Test
    void fixedTagsWinOverPatternsThatAlsoMatch() {
        // (7FE0,0010) lies in the (7Fxx,0010) range of the retired Variable Pixel Data
        assertThat(dict.keyword(0x7FE00010)).isEqualTo("PixelData");
        assertThat(dict.tag("OverlayData")).hasValue(0x60003000);
    }

    @ParameterizedTest(name = "({0}) has no keyword")
    @CsvSource({
        "00090010", // private creator (PS3.5 7.8.1)
        "000900FF", // private creator, last block
        "00091010", // private element
        "00290000", // private group length
        "00080000", // group length of a standard group: pydicom has no keyword either
        "00100000",
        "60013000", // odd group: private, not an overlay (PS3.5 7.6)
        "60000000", // overlay group length
        "00030010", // odd groups 0001-0007 are illegal, not standard
        "00081234", // unassigned standard tag
        "00203200", // just past (0020,31xx)
        "FFFFFFFF",
    })
    void answersEmptyForPrivateAndUnknownTags(String hex) {
        int tag = Tag.parse(hex);
        assertThat(dict.keyword(tag)).isEmpty();
        assertThat(dict.entry(tag)).isEmpty();
    }

    @ParameterizedTest(name = "({0}) read as {1} without explicit VR")
    @CsvSource({
        "00100010, PN", // single VR
        "7FE00010, OW", // OB or OW -> OW (PS3.5 A.1: implicit VR pixel data is OW)
        "60023000, OW", // overlay data, same rule
        "00280106, US", // US or SS -> US
        "00281200, US", // US or SS or OW -> US
        "00283006, US", // US or OW -> US (first listed)
        "00080000, UL", // group length (PS3.5 7.2)
        "00290000, UL", // private group length
        "00090010, LO", // private creator (PS3.5 7.8.1)
        "000900FF, LO",
        "00091010, UN", // private element without its dictionary
        "00090100, UN", // odd group, element past the creator block
        "00081234, UN", // unknown standard tag
        "FFFEE000, UN", // items have no VR
    })
    void resolvesTheVrForImplicitVrFiles(String hex, VR expected) {
        assertThat(dict.vr(Tag.parse(hex))).isEqualTo(expected);
    }

    @Test
    void flagsEntriesThatListSeveralVrs() {
        assertThat(dict.entry(Tags.PixelData).orElseThrow().ambiguousVr()).isTrue();
        assertThat(dict.entry(Tags.LUTDescriptor).orElseThrow().ambiguousVr()).isTrue();
        assertThat(dict.entry(Tags.Rows).orElseThrow().ambiguousVr()).isFalse();
        assertThat(dict.entry(Tags.Item).orElseThrow().ambiguousVr()).isFalse();
    }

    @Test
    void unknownKeywordsHaveNoTag() {
        assertThat(dict.tag("NoSuchKeyword")).isEmpty();
        assertThat(dict.tag("")).isEmpty();
        assertThat(dict.tag("RETIRED_ImagePosition")).isEmpty();
    }

    @Test
    void keepsEveryKeywordAValidJavaIdentifierWithoutDcmtkPrefixes() {
        assertThat(dict.entries()).hasSizeGreaterThan(4900);
        assertThat(dict.entries()).allSatisfy(e -> {
            assertThat(e.keyword()).matches("[A-Za-z][A-Za-z0-9]*");
            assertThat(e.keyword()).doesNotStartWith("RETIRED_").doesNotStartWith("ACR_NEMA");
            assertThat(e.matches(e.tag())).isTrue();
        });
    }

    @Test
    void answersTheSameObjectFromEveryCall() {
        assertThat(DicomDictionary.standard()).isSameAs(dict);
        assertThat(dict.keyword(Tags.Rows)).isSameAs(dict.keyword(Tags.Rows));
    }

    private static List<VR> vrList(String text) {
        return text.isEmpty() ? List.of() : java.util.Arrays.stream(text.split("\\|")).map(VR::valueOf).toList();
    }
}
