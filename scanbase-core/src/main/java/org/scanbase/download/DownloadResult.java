// SPDX-License-Identifier: Apache-2.0
package org.scanbase.download;

import java.nio.file.Path;

/**
 * The outcome of {@link KaggleDownloader#download}.
 *
 * @param dataset the dataset
 * @param folder  the folder holding the unpacked dataset (absolute)
 * @param reused  true when the folder was complete already and nothing was downloaded
 * @param marker  the folder's marker: checksum and sizes
 */
public record DownloadResult(KaggleDataset dataset, Path folder, boolean reused, DownloadMarker marker) {}
