// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.scanbase.dicom.pixel.VoiLut;
import org.scanbase.dicom.pixel.VoiWindow;
import org.scanbase.volume.DicomSeries;
import org.scanbase.volume.SeriesAssembler;
import org.scanbase.volume.SeriesException;
import org.scanbase.volume.SeriesScanner;
import org.scanbase.volume.SeriesStack;
import org.scanbase.volume.Volume;
import org.scanbase.volume.VolumeFiles;

/** Loads what {@link VolumeVideo} encodes: volume files, DICOM series, ordered groups of slices. */
public final class VideoSources {

    private VideoSources() {
    }

    /**
     * A DICOM series assembled into a volume, with the file of each slice.
     *
     * @param source the volume with the first slice's window and the series' modality
     * @param files  the file of slice k (voxel index k, ascending along the slice normal) at index k
     */
    public record DicomVolume(VideoSource source, List<Path> files) {
        public DicomVolume {
            files = List.copyOf(files);
        }
    }

    /**
     * A volume file (NIfTI, NRRD, MetaImage), or a DICOM file or folder holding one series.
     *
     * @throws IOException naming the file when it is neither, or the series does not make one volume
     */
    public static VideoSource read(Path path) throws IOException {
        if (!Files.isDirectory(path) && VolumeFiles.formatOf(path) != null) {
            return VideoSource.of(path.getFileName().toString(), VolumeFiles.read(path));
        }
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
        } else {
            files = List.of(path);
        }
        return dicom(files, path).source();
    }

    /**
     * Assembles DICOM slices of one series (in any order) into a volume: ordered along the slice
     * normal by position, geometry from the headers, the window from the first slice's
     * (0028,1050) / (0028,1051).
     *
     * @param where how to name the group in messages (a folder, a file, a volume id)
     * @throws SeriesException when the files hold no image series, several, or several stacks
     */
    public static DicomVolume dicom(List<Path> files, Object where) throws IOException {
        Path at = Path.of(String.valueOf(where));
        DicomSeries series = SeriesScanner.scan(files).pick(null, at);
        SeriesStack stack = SeriesStack.of(series, SeriesAssembler.onlyStack(series, at));
        Volume volume = SeriesAssembler.assemble(stack.toSliceStack(), SeriesAssembler.Options.LENIENT);
        Optional<VoiWindow> window;
        try {
            window = VoiLut.windows(stack.slices().get(0).dataset(), stack.frames().get(0)).stream().findFirst();
        } catch (IllegalArgumentException e) {
            window = Optional.empty(); // an unusable window in the file: the automatic choice falls back
        }
        String name = files.size() == 1 ? files.get(0).getFileName().toString() : String.valueOf(where);
        return new DicomVolume(new VideoSource(name, volume, window, series.modality()), stack.files());
    }
}
