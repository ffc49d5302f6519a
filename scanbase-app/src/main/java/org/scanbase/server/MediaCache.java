// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import io.javalin.http.Context;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.scanbase.dataset.Catalog;
import org.scanbase.dataset.MediaFiles;

/**
 * The App's generated media (rendered slices, mask slices, thumbnails, converted volumes)
 * under the dataset's media folder, {@code <media>/<dataset>/app/...}, written atomically.
 * Also the one place that decides whether a stored media path may be sent: a file inside a
 * dataset's media folder must still be inside it once symbolic links are followed.
 */
final class MediaCache {
  private final Catalog catalog;

  MediaCache(Catalog catalog) {
    this.catalog = catalog;
  }

  /** The cache file {@code app/<kind>/<sample id>/<name>} of a dataset. */
  Path file(String dataset, String kind, String sampleId, String name) {
    return MediaFiles.of(catalog.store(), dataset).path("app", kind, sampleId, name);
  }

  static void writePng(Path file, BufferedImage img) throws IOException {
    MediaFiles.atomically(file, tmp -> {
      if (!ImageIO.write(img, "png", tmp.toFile())) {
        throw new IOException("no PNG writer for image type " + img.getType());
      }
    });
  }

  /**
   * Checks that a path taken from a stored label may be read: a regular file, and when it
   * lies in the store's media root, its real path does too (no symbolic link out of it).
   */
  Path checked(Path file, String what) throws IOException {
    if (!file.isAbsolute() || !Files.isRegularFile(file)) {
      throw ApiException.notFound(what + " has no file");
    }
    Path mediaRoot = catalog.store().mediaRoot().toAbsolutePath().normalize();
    Path normal = file.toAbsolutePath().normalize();
    if (normal.startsWith(mediaRoot)) {
      Path realRoot = Files.exists(mediaRoot) ? mediaRoot.toRealPath() : mediaRoot;
      if (!file.toRealPath().startsWith(realRoot)) {
        throw ApiException.notFound(what + " links outside the media folder; not served");
      }
    }
    return file;
  }

  /** Sends a file with a content type, cached by the browser for an hour. */
  static void send(Context ctx, Path file, String contentType) throws IOException {
    ctx.contentType(contentType);
    ctx.header("Cache-Control", "private, max-age=3600");
    try (InputStream in = Files.newInputStream(file)) {
      ctx.result(in.readAllBytes());
    }
  }
}
