// SPDX-License-Identifier: Apache-2.0
package org.scanbase.demo;

import java.util.List;

/**
 * The scanner and protocol of one demo MR series: what varies between sites in a real
 * multi-centre data set (vendor, field strength, sequence timing, signal scale).
 *
 * @param manufacturer      (0008,0070) Manufacturer
 * @param model             (0008,1090) ManufacturerModelName
 * @param fieldStrength     (0018,0087) MagneticFieldStrength, tesla
 * @param seriesDescription (0008,103E) SeriesDescription
 * @param scanningSequence  (0018,0020) ScanningSequence values
 * @param sequenceVariant   (0018,0021) SequenceVariant values
 * @param scanOptions       (0018,0022) ScanOptions values (may be empty)
 * @param repetitionTime    (0018,0080) RepetitionTime, ms
 * @param echoTime          (0018,0081) EchoTime, ms
 * @param inversionTime     (0018,0082) InversionTime, ms
 * @param flipAngle         (0018,1314) FlipAngle, degrees
 * @param software          (0018,1020) SoftwareVersions
 * @param gain              signal scale of this scanner relative to the nominal tissue values
 */
record MrScanner(String manufacturer, String model, double fieldStrength, String seriesDescription,
                 List<String> scanningSequence, List<String> sequenceVariant, List<String> scanOptions,
                 double repetitionTime, double echoTime, double inversionTime, double flipAngle, String software,
                 double gain) {

  /** The scanners patients are assigned to in turn. */
  static final List<MrScanner> ALL = List.of(
      new MrScanner("SIEMENS", "Skyra", 3.0, "t1_mprage_tra", List.of("GR", "IR"), List.of("SP", "MP"),
          List.of("IR"), 2300, 2.98, 900, 9, "syngo MR E11", 1.0),
      new MrScanner("GE MEDICAL SYSTEMS", "SIGNA Premier", 3.0, "AX T1 BRAVO", List.of("GR", "IR"),
          List.of("SS", "SP", "SK"), List.of("FAST_GEMS", "EDR_GEMS"), 8.2, 3.2, 450, 12, "27\\LX\\MR", 1.6),
      new MrScanner("Philips Medical Systems", "Ingenia", 1.5, "T1W_3D_TFE", List.of("GR"), List.of("SP", "MP"),
          List.of("OTHER"), 8.1, 3.7, 0, 8, "5.4.1", 2.3),
      new MrScanner("SIEMENS", "Avanto", 1.5, "t1_mprage_tra", List.of("GR", "IR"), List.of("SP", "MP"),
          List.of("IR"), 1900, 3.4, 1100, 15, "syngo MR B17", 0.8),
      new MrScanner("TOSHIBA", "Vantage Titan", 1.5, "T1 3D FFE AX", List.of("GR"), List.of("SP"), List.of(),
          9.0, 4.0, 0, 10, "V4.0", 1.2));

  /** 1H resonance frequency at this field strength, MHz (42.577478 MHz/T). */
  double imagingFrequency() {
    return Math.round(42.577478 * fieldStrength * 1e6) / 1e6;
  }
}
