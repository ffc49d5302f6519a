// SPDX-License-Identifier: Apache-2.0
/**
 * The App server: {@link org.scanbase.server.AppServer} serves the JSON API described in
 * {@code scanbase-app/API.md} (datasets, views, aggregations, dynamic groups, tags, saved views)
 * and the media of samples (windowed PNG slices, raw slices, masks, NIfTI volumes, thumbnails)
 * beside the web UI, over scanbase-core's public Java API only. It binds loopback by default and
 * checks a token on every request otherwise.
 */
package org.scanbase.server;
