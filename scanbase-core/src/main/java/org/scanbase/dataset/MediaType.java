// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dataset;

import java.nio.file.Path;
import java.util.Locale;

/** What a sample's file is: a 2D image, a 3D/4D volume, or a video. */
public enum MediaType {
  IMAGE("image"), VOLUME("volume"), VIDEO("video");

  private final String code;

  MediaType(String code) {
    this.code = code;
  }

  /** The name stored in documents: {@code image}, {@code volume}, {@code video}. */
  public String code() {
    return code;
  }

  /** @throws IllegalArgumentException for an unknown code */
  public static MediaType fromCode(String code) {
    for (MediaType t : values()) {
      if (t.code.equals(code)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown media type '" + code + "' (image, volume or video)");
  }

  /**
   * The media type a file name suggests: NIfTI, NRRD and MetaImage are volumes, common video
   * containers are videos, everything else (DICOM slices, PNG, JPEG) is an image.
   */
  public static MediaType of(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".nii") || name.endsWith(".nii.gz") || name.endsWith(".nrrd")
        || name.endsWith(".nhdr") || name.endsWith(".mha") || name.endsWith(".mhd")
        || name.endsWith(".hdr")) {
      return VOLUME;
    }
    if (name.endsWith(".mp4") || name.endsWith(".webm") || name.endsWith(".mov")
        || name.endsWith(".avi") || name.endsWith(".mkv")) {
      return VIDEO;
    }
    return IMAGE;
  }
}
