// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.util.List;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.View;
import org.scanbase.view.ExprParser;
import org.scanbase.view.ExprSyntaxException;

/** What the dataset commands share: the view of {@code --match}, its error message, checked field names. */
final class DatasetViews {
    private DatasetViews() {
    }

    /** The dataset, or the samples matching {@code match}; a bad expression names the column. */
    static View view(Dataset ds, String match) {
        if (match == null) {
            return ds;
        }
        try {
            return ds.match(ExprParser.parse(match));
        } catch (ExprSyntaxException e) {
            throw badExpression(e);
        }
    }

    /** The one-line user error of an expression that does not parse: column, reason and excerpt. */
    static IllegalArgumentException badExpression(ExprSyntaxException e) {
        return new IllegalArgumentException("bad expression at column " + e.column() + ": " + e.reason() + ": "
                + e.excerpt(), e);
    }

    /** Each name must be a Segmentation field of the dataset. */
    static void requireSegmentations(Dataset ds, List<String> fields) {
        for (String f : fields) {
            if (!"Segmentation".equals(ds.schema().get(f))) {
                throw new IllegalArgumentException("dataset '" + ds.name() + "' has no Segmentation field '" + f + "'");
            }
        }
    }

    static String fmt(Double x) {
        return x == null ? "-" : String.format(java.util.Locale.ROOT, "%.4f", x);
    }
}
