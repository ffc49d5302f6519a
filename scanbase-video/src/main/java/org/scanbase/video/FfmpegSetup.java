// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * Quiets FFmpeg and JavaCV before their first use: FFmpeg logs only errors (no stream dumps on
 * stderr), and JavaCPP's logger goes through SLF4J with {@code org.bytedeco} at WARN unless the
 * user set those properties.
 */
final class FfmpegSetup {
    private static boolean done;

    private FfmpegSetup() {
    }

    static synchronized void init() {
        if (done) {
            return;
        }
        if (System.getProperty("org.bytedeco.javacpp.logger") == null) {
            System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        }
        if (System.getProperty("org.slf4j.simpleLogger.log.org.bytedeco") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.bytedeco", "warn");
        }
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        done = true;
    }
}
