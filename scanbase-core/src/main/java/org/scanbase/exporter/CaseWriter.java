// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import java.io.IOException;

/** One output format: writes case after case, then what covers them all (manifests). */
interface CaseWriter {
  /**
   * Writes one case under its name.
   *
   * @return the number of files written
   */
  long write(ExportCase c, String name) throws IOException;

  /**
   * Writes the manifests once every case is written.
   *
   * @return the number of files written
   */
  long finish() throws IOException;
}
