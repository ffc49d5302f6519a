// SPDX-License-Identifier: Apache-2.0
package org.scanbase.download;

import java.util.regex.Pattern;

/**
 * A Kaggle dataset named by its owner and slug, as in {@code kaggle:andrewmvd/covid19-ct-scans}.
 *
 * @param owner   the user or organisation that owns the dataset
 * @param dataset the dataset's slug
 */
public record KaggleDataset(String owner, String dataset) {
  /** The scheme of the command-line form. */
  public static final String SCHEME = "kaggle:";

  /** Kaggle's user names and dataset slugs: letters, digits, '-', '_' and '.'. */
  private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  /** Checks both names, so they are safe as URL path segments and as folder names. */
  public KaggleDataset {
    check("owner", owner);
    check("dataset", dataset);
  }

  /**
   * Parses {@code kaggle:OWNER/DATASET}.
   *
   * @throws IllegalArgumentException when the text is not of that form
   */
  public static KaggleDataset parse(String text) {
    if (text == null || !text.startsWith(SCHEME)) {
      throw new IllegalArgumentException("expected kaggle:OWNER/DATASET, was '" + text + "'");
    }
    String rest = text.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    if (slash < 0 || rest.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("expected kaggle:OWNER/DATASET, was '" + text + "'");
    }
    return new KaggleDataset(rest.substring(0, slash), rest.substring(slash + 1));
  }

  private static void check(String what, String value) {
    if (value == null || !SLUG.matcher(value).matches()) {
      throw new IllegalArgumentException("a Kaggle " + what
          + " name is letters, digits, '-', '_' and '.' (not starting with '-', '_' or '.'), was '" + value + "'");
    }
  }

  /** {@code kaggle:OWNER/DATASET}. */
  @Override
  public String toString() {
    return SCHEME + owner + "/" + dataset;
  }
}
