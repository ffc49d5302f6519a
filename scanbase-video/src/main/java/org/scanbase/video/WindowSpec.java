// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import java.util.Locale;
import java.util.Optional;
import org.scanbase.dicom.pixel.VoiWindow;

/**
 * How real voxel values (HU for CT, arbitrary units for MR) become grey levels in a video: a
 * fixed window (a CT preset or W/L), the window the file itself carries (DICOM (0028,1050) /
 * (0028,1051)), robust percentiles of the volume, or {@link Auto} which picks among those as the
 * design asks: the file's window, else soft tissue W400/L40 for CT, else percentiles.
 */
public sealed interface WindowSpec {

    /** Soft tissue, W400/L40 HU. */
    VoiWindow SOFT = VoiWindow.linear(40, 400);
    /** Lung, W1500/L-600 HU. */
    VoiWindow LUNG = VoiWindow.linear(-600, 1500);
    /** Bone, W1800/L400 HU. */
    VoiWindow BONE = VoiWindow.linear(400, 1800);
    /** Brain, W80/L40 HU. */
    VoiWindow BRAIN = VoiWindow.linear(40, 80);

    /** A fixed window in real units. */
    record Fixed(VoiWindow window) implements WindowSpec {
    }

    /** The window stored in the source file; an error when it has none. */
    record FromFile() implements WindowSpec {
    }

    /**
     * A linear window from the {@code low}-th to the {@code high}-th percentile (0..100) of the
     * volume's real values, for modalities without a calibrated scale such as MR.
     */
    record Percentiles(double low, double high) implements WindowSpec {
        public Percentiles {
            if (!(low >= 0 && low < high && high <= 100)) {
                throw new IllegalArgumentException("percentiles must satisfy 0 <= low < high <= 100, got " + low
                        + " and " + high);
            }
        }
    }

    /** The file's window, else {@link #SOFT} for CT, else percentiles 0.5 to 99.5. */
    record Auto() implements WindowSpec {
    }

    /** The default percentiles for MR and other uncalibrated modalities. */
    Percentiles MR_PERCENTILES = new Percentiles(0.5, 99.5);

    /**
     * Parses the command-line form: {@code lung}, {@code soft}, {@code bone}, {@code brain},
     * {@code W/L} (e.g. {@code 400/40}, width first as radiologists say it), {@code file},
     * {@code auto}, or {@code pLOW-pHIGH} percentiles (e.g. {@code p1-p99}).
     *
     * @throws IllegalArgumentException naming the text when it is none of those
     */
    static WindowSpec parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "lung": return new Fixed(LUNG);
            case "soft": return new Fixed(SOFT);
            case "bone": return new Fixed(BONE);
            case "brain": return new Fixed(BRAIN);
            case "file": return new FromFile();
            case "auto": return new Auto();
            default: break;
        }
        try {
            if (t.startsWith("p") && t.contains("-p")) {
                String[] p = t.substring(1).split("-p");
                return new Percentiles(Double.parseDouble(p[0]), Double.parseDouble(p[1]));
            }
            String[] wl = t.split("/");
            if (wl.length == 2) {
                return new Fixed(VoiWindow.linear(Double.parseDouble(wl[1]), Double.parseDouble(wl[0])));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("window must be lung, soft, bone, brain, file, auto, W/L (e.g. 400/40)"
                + " or pLOW-pHIGH (e.g. p1-p99), was '" + text + "'");
    }

    /**
     * The window to apply to one volume.
     *
     * @param source what is known of the volume: its real values, file window and modality
     * @throws IllegalArgumentException when {@link FromFile} is asked of a file without a window
     */
    default VoiWindow resolve(VideoSource source) {
        if (this instanceof Fixed f) {
            return f.window();
        }
        if (this instanceof FromFile) {
            return source.fileWindow().orElseThrow(() -> new IllegalArgumentException(
                    source.name() + " has no (0028,1050) WindowCenter / (0028,1051) WindowWidth"));
        }
        if (this instanceof Percentiles p) {
            return Percentile.window(source.volume(), p.low(), p.high());
        }
        Optional<VoiWindow> own = source.fileWindow();
        if (own.isPresent()) {
            return own.get();
        }
        return source.isCt() ? SOFT : Percentile.window(source.volume(), MR_PERCENTILES.low(), MR_PERCENTILES.high());
    }
}
