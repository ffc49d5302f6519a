// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.scanbase.importer.ImportProgress;

/**
 * Progress bars on stderr (rate and ETA) when stderr is a terminal; nothing otherwise, so that
 * logs and {@code --json} runs stay clean.
 */
final class ProgressBars implements ImportProgress {
    private ProgressBar bar;

    /** Bars on a terminal, {@link ImportProgress#NONE} otherwise. */
    static ImportProgress forTerminal() {
        return System.console() != null ? new ProgressBars() : ImportProgress.NONE;
    }

    @Override
    public void start(String phase, long total) {
        finish();
        bar = new ProgressBarBuilder().setTaskName(phase).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .showSpeed().build();
    }

    @Override
    public void advance(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    @Override
    public void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
