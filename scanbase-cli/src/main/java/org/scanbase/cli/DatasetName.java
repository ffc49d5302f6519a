// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import picocli.CommandLine.Parameters;

/** The {@code NAME} parameter of the commands that work on one dataset (a picocli mixin). */
final class DatasetName {
    @Parameters(index = "0", paramLabel = "NAME", description = "The dataset.")
    String name;
}
