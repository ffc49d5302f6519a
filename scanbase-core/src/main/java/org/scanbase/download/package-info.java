// SPDX-License-Identifier: Apache-2.0
/**
 * Downloading the real Kaggle datasets of the tutorials: the kagglehub step of the seed.
 *
 * <p>{@link org.scanbase.download.KaggleDownloader} fetches a dataset's zip from Kaggle's public API
 * with the user's API credentials ({@link org.scanbase.download.KaggleCredentials}), streams it to a
 * temporary file, unzips it with {@link org.scanbase.download.SafeUnzip} (no path escape, no
 * symbolic links, no zip bombs) into a staging folder and renames that into place, so a dataset
 * folder is either complete — with a {@value org.scanbase.download.DownloadMarker#FILE_NAME} marker —
 * or absent. A folder with the marker is reused without touching the network.
 */
package org.scanbase.download;
