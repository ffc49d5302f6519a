// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import java.util.Objects;
import java.util.Optional;
import org.scanbase.array.DType;
import org.scanbase.dicom.pixel.VoiWindow;
import org.scanbase.volume.Volume;

/**
 * A volume to encode and what the window choice needs to know about it.
 *
 * @param name       how to name it in messages (a file name; never patient data)
 * @param volume     the voxels, geometry and rescale (real = stored * slope + intercept)
 * @param fileWindow the first window the source file carries (DICOM), empty when none
 * @param modality   (0008,0060) Modality, or "" when unknown (NIfTI, NRRD, MetaImage)
 */
public record VideoSource(String name, Volume volume, Optional<VoiWindow> fileWindow, String modality) {

    public VideoSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(fileWindow, "fileWindow");
        Objects.requireNonNull(modality, "modality");
    }

    /** A volume file without a window or modality (NIfTI, NRRD, MetaImage). */
    public static VideoSource of(String name, Volume volume) {
        return new VideoSource(name, volume, Optional.empty(), "");
    }

    /**
     * True when the volume holds Hounsfield units: modality CT, or, when the modality is unknown,
     * a signed integer volume whose real values reach -900 or below (air in HU; MR magnitudes are
     * never negative).
     */
    public boolean isCt() {
        if (!modality.isEmpty()) {
            return modality.equalsIgnoreCase("CT");
        }
        DType t = volume.voxels().dtype();
        if (!(t.signed()) && volume.intercept() >= 0) {
            return false;
        }
        double min = Double.POSITIVE_INFINITY;
        var v = volume.voxels();
        int step = Math.max(1, v.size() / 1_000_000);
        for (int i = 0; i < v.size(); i += step) {
            min = Math.min(min, v.getDouble(i) * volume.slope() + volume.intercept());
        }
        return min <= -900;
    }
}
