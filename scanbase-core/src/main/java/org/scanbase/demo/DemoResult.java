// SPDX-License-Identifier: Apache-2.0
package org.scanbase.demo;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a demo generator made (or found).
 *
 * @param manifest     the description of the data: files, geometry, what was drawn
 * @param manifestFile where the manifest lies ({@code OUT/<kind>-demo.json})
 * @param reused       true when complete data for the same options was already there and
 *                     nothing was written
 * @param <M>          {@link HippocampusManifest} or {@link CovidCtManifest}
 */
public record DemoResult<M extends DemoManifest>(M manifest, Path manifestFile, boolean reused) {
  public DemoResult {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(manifestFile, "manifestFile");
  }
}
