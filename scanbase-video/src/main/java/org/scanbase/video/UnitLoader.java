// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.volume.Volume;
import org.scanbase.volume.VolumeFiles;

/**
 * Reads what a {@link VideoUnit} needs: its volume (a volume file, a DICOM series, or the DICOM
 * slices of a group assembled in space order) and its overlay masks on the volume's grid.
 */
final class UnitLoader {

    /** A loaded unit: the volume and one mask layer per overlay field that has masks. */
    record Loaded(VideoSource source, List<MaskLayer> masks) {
    }

    private UnitLoader() {
    }

    static Loaded load(VideoUnit unit, List<String> overlayFields) throws IOException {
        if (!unit.isSliceGroup()) {
            VideoUnit.Member m = unit.slices().get(0);
            Path file = Path.of(m.filepath());
            VideoSource source;
            if (VolumeFiles.formatOf(file) != null) {
                source = VideoSource.of(file.getFileName().toString(), VolumeFiles.read(file));
            } else {
                List<Path> files = m.files().isEmpty() ? List.of(file) : m.files().stream().map(Path::of).toList();
                source = VideoSources.dicom(files, file).source();
            }
            List<MaskLayer> layers = new ArrayList<>();
            for (int f = 0; f < overlayFields.size(); f++) {
                String path = m.masks().get(overlayFields.get(f));
                if (path != null) {
                    layers.add(MaskLayer.of(overlayFields.get(f), volumeMask(Path.of(path), source.volume()), f));
                }
            }
            return new Loaded(source, layers);
        }
        List<Path> files = unit.slices().stream().map(s -> Path.of(s.filepath())).toList();
        VideoSources.DicomVolume dv = VideoSources.dicom(files, unit.volumeId());
        Map<Path, Integer> sliceOf = new HashMap<>();
        for (int k = 0; k < dv.files().size(); k++) {
            sliceOf.putIfAbsent(dv.files().get(k).toAbsolutePath().normalize(), k);
        }
        List<MaskLayer> layers = new ArrayList<>();
        for (int f = 0; f < overlayFields.size(); f++) {
            String field = overlayFields.get(f);
            NdArray labels = null;
            for (VideoUnit.Member s : unit.slices()) {
                String png = s.masks().get(field);
                if (png == null) {
                    continue;
                }
                Integer k = sliceOf.get(Path.of(s.filepath()).toAbsolutePath().normalize());
                if (k == null) {
                    continue; // a multi-frame file: its frames are not single slices
                }
                Volume v = dv.source().volume();
                if (labels == null) {
                    labels = NdArray.allocate(DType.UINT16, new int[] {v.nz(), v.ny(), v.nx()});
                }
                pasteSlice(Path.of(png), labels, k, v.nx(), v.ny());
            }
            if (labels != null) {
                layers.add(MaskLayer.of(field, labels, f));
            }
        }
        return new Loaded(dv.source(), layers);
    }

    private static NdArray volumeMask(Path file, Volume image) throws IOException {
        Volume mask = VolumeFiles.read(file);
        if (!java.util.Arrays.equals(mask.geometry().size(), image.geometry().size())) {
            throw new IOException("mask " + file + " has shape " + java.util.Arrays.toString(mask.geometry().size())
                    + ", its image " + java.util.Arrays.toString(image.geometry().size()));
        }
        return mask.voxels();
    }

    private static void pasteSlice(Path png, NdArray labels, int k, int nx, int ny) throws IOException {
        if (!Files.exists(png)) {
            throw new IOException("mask " + png + ": no such file");
        }
        BufferedImage img = ImageIO.read(png.toFile());
        if (img == null) {
            throw new IOException("mask " + png + ": not a PNG image");
        }
        if (img.getWidth() != nx || img.getHeight() != ny) {
            throw new IOException("mask " + png + " is " + img.getWidth() + "x" + img.getHeight() + ", its slice "
                    + nx + "x" + ny);
        }
        Raster r = img.getRaster();
        short[] out = (short[]) labels.data();
        int base = k * nx * ny;
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                out[base + y * nx + x] = (short) r.getSample(x, y, 0);
            }
        }
    }
}
