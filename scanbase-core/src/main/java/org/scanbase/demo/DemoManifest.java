// SPDX-License-Identifier: Apache-2.0
package org.scanbase.demo;

import java.util.List;

/** What both demo manifests tell: the kind, the options they were made with and their files. */
public interface DemoManifest {
  /** {@code "hippocampus"} or {@code "covid-ct"}. */
  String kind();

  /** The generator's options, compared to decide whether existing data can be reused. */
  Object options();

  /** Every file of the data set, relative to OUT, with forward slashes. */
  List<String> files();
}
