// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomFile;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.pixel.ModalityLut;

/**
 * One 2-D image of a series as its header describes it: a single-frame file, or one frame of an
 * enhanced multi-frame file (PS3.3 C.7.6.16, per-frame and shared functional groups). Geometry
 * is in LPS mm (PS3.3 C.7.6.2).
 *
 * @param source        the file's header (Pixel Data left in the file), shared by every frame of it
 * @param frame         0-based frame in the file
 * @param rows          (0028,0010) Rows
 * @param columns       (0028,0011) Columns
 * @param position      (0020,0032) ImagePositionPatient of the first pixel, or null when absent
 * @param orientation   (0020,0037) ImageOrientationPatient: row cosine then column cosine, or null
 * @param pixelSpacing  (0028,0030) PixelSpacing: [row spacing (between rows, along j), column
 *                      spacing (between columns, along i)] mm, or null
 * @param acquisition   (0020,0012) AcquisitionNumber, "" when absent
 * @param echo          (0018,0086) EchoNumbers, or the enhanced MR effective echo time, "" when absent
 * @param temporal      (0020,0100) TemporalPositionIdentifier, or the enhanced TemporalPositionIndex
 *                      and StackID, "" when absent
 * @param order         (0020,0013) InstanceNumber (single-frame) or InStackPositionNumber / frame
 *                      number (multi-frame): the fall-back order when positions are missing
 * @param rescale       the modality rescale of this frame (1, 0 when absent)
 * @param sliceSpacing  (0018,0088) SpacingBetweenSlices, else (0018,0050) SliceThickness, NaN when
 *                      both are absent; used only for a single slice or when positions are missing
 */
public record SliceInfo(DicomFile source, int frame, int rows, int columns, double[] position,
                        double[] orientation, double[] pixelSpacing, String acquisition, String echo,
                        String temporal, int order, ModalityLut.Rescale rescale, double sliceSpacing) {

    static final int MR_ECHO_SEQUENCE = 0x00189114;
    static final int EFFECTIVE_ECHO_TIME = 0x00189082;

    public SliceInfo {
        Objects.requireNonNull(source, "source");
        position = position == null ? null : position.clone();
        orientation = orientation == null ? null : orientation.clone();
        pixelSpacing = pixelSpacing == null ? null : pixelSpacing.clone();
    }

    public Path path() {
        return source.path();
    }

    public Attributes dataset() {
        return source.dataset();
    }

    public String seriesUid() {
        return dataset().getString(Tags.SeriesInstanceUID).orElse("");
    }

    @Override
    public double[] position() {
        return position == null ? null : position.clone();
    }

    @Override
    public double[] orientation() {
        return orientation == null ? null : orientation.clone();
    }

    @Override
    public double[] pixelSpacing() {
        return pixelSpacing == null ? null : pixelSpacing.clone();
    }

    /** "file" or "file frame N" (1-based), for messages. */
    public String where() {
        int frames = source.dataset().getInt(Tags.NumberOfFrames, 1);
        return frames > 1 ? path() + " frame " + (frame + 1) : path().toString();
    }

    /**
     * The images of one file: one for a single-frame image, one per frame for a multi-frame one.
     * Functional groups are looked up per frame first, then shared (PS3.3 C.7.6.16).
     */
    public static List<SliceInfo> of(DicomFile file) {
        Attributes ds = file.dataset();
        int frames = Math.max(1, ds.getInt(Tags.NumberOfFrames, 1));
        List<Attributes> perFrame = ds.getSequence(Tags.PerFrameFunctionalGroupsSequence);
        Optional<Attributes> shared = ds.getItem(Tags.SharedFunctionalGroupsSequence);
        boolean enhanced = !perFrame.isEmpty() || shared.isPresent();
        int rows = ds.getInt(Tags.Rows, 0);
        int cols = ds.getInt(Tags.Columns, 0);
        double thickness = sliceSpacing(ds);
        String acquisition = ds.getString(Tags.AcquisitionNumber).orElse("");
        List<SliceInfo> out = new java.util.ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            ModalityLut.Rescale r = ModalityLut.rescale(ds, f).orElse(new ModalityLut.Rescale(1, 0));
            if (!enhanced) {
                double[] ipp = frames == 1 ? triple(ds.getDoubles(Tags.ImagePositionPatient)) : null;
                int order = frames == 1 ? ds.getInt(Tags.InstanceNumber, 0) : f + 1;
                out.add(new SliceInfo(file, f, rows, cols, ipp, six(ds.getDoubles(Tags.ImageOrientationPatient)),
                        pair(ds.getDoubles(Tags.PixelSpacing)), acquisition,
                        String.join("\\", ds.getStrings(Tags.EchoNumbers)),
                        ds.getString(Tags.TemporalPositionIdentifier).orElse(""), order, r, thickness));
                continue;
            }
            Attributes pf = f < perFrame.size() ? perFrame.get(f) : new Attributes();
            Attributes pos = group(pf, shared, Tags.PlanePositionSequence);
            Attributes ori = group(pf, shared, Tags.PlaneOrientationSequence);
            Attributes meas = group(pf, shared, Tags.PixelMeasuresSequence);
            Attributes content = group(pf, shared, Tags.FrameContentSequence);
            Attributes echo = group(pf, shared, MR_ECHO_SEQUENCE);
            double spacing = meas.getDouble(Tags.SpacingBetweenSlices).orElse(meas.getDouble(Tags.SliceThickness)
                    .orElse(thickness));
            String temporal = content.getString(Tags.TemporalPositionIndex).orElse("");
            String stack = content.getString(Tags.StackID).orElse("");
            if (!stack.isEmpty()) {
                temporal = temporal.isEmpty() ? "stack " + stack : temporal + " stack " + stack;
            }
            int order = content.getInt(Tags.InStackPositionNumber, f + 1);
            out.add(new SliceInfo(file, f, rows, cols, triple(pos.getDoubles(Tags.ImagePositionPatient)),
                    six(ori.getDoubles(Tags.ImageOrientationPatient)), pair(meas.getDoubles(Tags.PixelSpacing)),
                    acquisition, echo.getString(EFFECTIVE_ECHO_TIME).orElse(""), temporal, order, r, spacing));
        }
        return out;
    }

    private static double sliceSpacing(Attributes ds) {
        return ds.getDouble(Tags.SpacingBetweenSlices).orElse(ds.getDouble(Tags.SliceThickness).orElse(Double.NaN));
    }

    /** The first item of a functional group macro: per-frame, else shared, else an empty item. */
    private static Attributes group(Attributes perFrame, Optional<Attributes> shared, int tag) {
        Optional<Attributes> item = perFrame.getItem(tag);
        if (item.isEmpty() && shared.isPresent()) {
            item = shared.get().getItem(tag);
        }
        return item.orElseGet(Attributes::new);
    }

    private static double[] triple(double[] v) {
        return v.length >= 3 && finite(v, 3) ? new double[] {v[0], v[1], v[2]} : null;
    }

    private static double[] six(double[] v) {
        return v.length >= 6 && finite(v, 6) ? java.util.Arrays.copyOf(v, 6) : null;
    }

    private static double[] pair(double[] v) {
        return v.length >= 2 && finite(v, 2) && v[0] > 0 && v[1] > 0 ? new double[] {v[0], v[1]} : null;
    }

    private static boolean finite(double[] v, int n) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(v[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "SliceInfo[" + where() + "]";
    }
}
