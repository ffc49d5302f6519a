// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.scanbase.core.Progress;

/**
 * Progress bars on stderr (rate and ETA) when stderr is a terminal; nothing otherwise, so that
 * logs and {@code --json} runs stay clean.
 */
final class ProgressBars implements Progress {
    private final String unit;
    private final long unitSize;
    private ProgressBar bar;

    private ProgressBars(String unit, long unitSize) {
        this.unit = unit;
        this.unitSize = unitSize;
    }

    /** Bars counting items on a terminal, {@link Progress#NONE} otherwise. */
    static Progress forTerminal() {
        return System.console() != null ? new ProgressBars("", 1) : Progress.NONE;
    }

    /** Bars counting bytes in MiB on a terminal, {@link Progress#NONE} otherwise. */
    static Progress forBytes() {
        return System.console() != null ? new ProgressBars(" MiB", 1 << 20) : Progress.NONE;
    }

    @Override
    public void start(String phase, long total) {
        finish();
        bar = new ProgressBarBuilder().setTaskName(phase).setInitialMax(total).setUnit(unit, unitSize)
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
