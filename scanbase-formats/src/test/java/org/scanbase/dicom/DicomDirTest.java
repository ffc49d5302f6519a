// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DicomDirTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DICOMDIR", "DICOMDIR-bigEnd", "DICOMDIR-implicit", "DICOMDIR-reordered"})
    void linksPatientsStudiesSeriesAndImagesByOffset(String name) throws Exception {
        DicomDir dir = DicomDir.read(PydicomFiles.testFile("dicomdirtests/" + name));
        assertThat(dir.records()).hasSize(dir.file().dataset().getSequence(Tags.DirectoryRecordSequence).size());
        long patients = dir.records().stream().filter(r -> r.type().equals("PATIENT")).count();
        assertThat(patients).isPositive();
        assertThat(dir.roots()).hasSize((int) patients).allSatisfy(r -> assertThat(r.type()).isEqualTo("PATIENT"));
        DicomDir.Record patient = dir.roots().get(0);
        DicomDir.Record study = patient.children().get(0);
        DicomDir.Record series = study.children().get(0);
        DicomDir.Record image = series.children().get(0);
        assertThat(study.type()).isEqualTo("STUDY");
        assertThat(series.type()).isEqualTo("SERIES");
        assertThat(image.type()).isEqualTo("IMAGE");
        assertThat(image.referencedFile()).isNotNull();
        assertThat(Files.isRegularFile(image.referencedFile())).as(image.referencedFile().toString()).isTrue();
        long images = dir.records().stream().filter(r -> r.type().equals("IMAGE")).count();
        assertThat(images).isPositive();
    }
}
