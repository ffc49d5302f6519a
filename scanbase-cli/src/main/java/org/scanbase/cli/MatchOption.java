// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.View;
import picocli.CommandLine.Option;

/**
 * {@code --match EXPR} of the analytics and video commands (a picocli mixin); {@code export} and
 * {@code query} declare their own, with the help text of their usage.
 */
final class MatchOption {
    @Option(names = "--match", paramLabel = "EXPR", description = "Only the samples for which EXPR is true.")
    String match;

    /** The dataset, or the samples matching the expression; a bad expression is an {@link IllegalArgumentException}. */
    View view(Dataset ds) {
        return DatasetViews.view(ds, match);
    }
}
