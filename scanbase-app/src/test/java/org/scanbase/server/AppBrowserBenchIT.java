// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scanbase.core.Progress;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.dataset.MediaType;
import org.scanbase.dataset.Sample;
import org.scanbase.demo.HippocampusDemo;
import org.scanbase.importer.DicomImporter;

/**
 * The App's two browser figures, measured in Debian's headless Chromium with
 * {@code performance.now()} and {@code requestAnimationFrame}: the time from navigation start to
 * the first painted grid of a 100,000-sample dataset (target under 1.5 s), and the frames per
 * second while playing a 300-slice group with two masks (target at least 30). It prints the
 * figures (a benchmark, not a timed test); it asserts only that the work was done.
 */
class AppBrowserBenchIT {
  /** Waits until {@code n} frames were shown; returns {startedAt, lastAt, stalls, shown} (ms, ms, counts). */
  private static double[] passStats(Page page, int n) {
    page.waitForFunction("n => window.__scanbase.app.modal.sliceViewer.stats.shown >= n", n,
        new Page.WaitForFunctionOptions().setTimeout(180_000).setPollingInterval(5));
    Map<?, ?> stats = (Map<?, ?>) page.evaluate("() => window.__scanbase.app.modal.sliceViewer.stats");
    return new double[] {((Number) stats.get("startedAt")).doubleValue(), ((Number) stats.get("lastAt")).doubleValue(),
        ((Number) stats.get("stalls")).doubleValue(), ((Number) stats.get("shown")).doubleValue()};
  }

  /** The machine's load (the benchmark shares two cores with whatever else runs). */
  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static final int SAMPLES = 100_000;
  private static final int SLICES = 300;
  private static AppFixture app;

  @BeforeAll
  static void startApp() throws IOException {
    app = AppFixture.start();
  }

  @AfterAll
  static void stopApp() throws IOException {
    app.close();
  }

  @Test
  void firstGridPaintOfAHundredThousandSamples() {
    Dataset big = app.catalog.create("bench-100k", MediaType.IMAGE);
    String file = app.dataset(AppFixture.MRI).first().orElseThrow().filepath();
    String[] makers = {"SIEMENS", "GE MEDICAL SYSTEMS", "Philips", "TOSHIBA"};
    for (int start = 0; start < SAMPLES; start += 5000) {
      List<Sample> batch = new ArrayList<>();
      for (int i = start; i < start + 5000; i++) {
        batch.add(Sample.of(Path.of(file)).set("PatientID", String.format("P%05d", i / 100))
            .set("SliceLocation", (i % 100) * 2.5 - 120).set("Manufacturer", makers[i % makers.length])
            .set("slice_index", i % 100));
      }
      big.addSamples(batch);
    }
    assertThat(big.count()).isEqualTo(SAMPLES);
    big.createIndex("SliceLocation"); // the grid is sorted by it, as bench/dataset.sh indexes the sidebar's fields
    List<Double> paints = new ArrayList<>();
    try (BrowserSession browser = new BrowserSession(app.base(), "bench-first-grid-paint")) {
      for (int run = 0; run < 4; run++) {
        browser.page.navigate(app.base() + "/?ds=bench-100k&tf=SliceLocation,PatientID&sort=SliceLocation");
        browser.page.waitForFunction("() => window.__scanbase.firstGridPaint !== undefined");
        browser.waitForGrid();
        paints.add(((Number) browser.page.evaluate("() => window.__scanbase.firstGridPaint")).doubleValue());
        assertThat(browser.gridCount()).isEqualTo(SAMPLES);
        // the next load starts on an idle server (this one's thumbnails rendered)
        browser.page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
      }
      browser.shot("grid-100k");
      double scrollStart = System.nanoTime();
      browser.page.evaluate("() => document.querySelector('.grid-scroll').scrollTop = 1e7");
      browser.page.waitForFunction("() => [...document.querySelectorAll('.tile')].some(t => Number(t.dataset.index) > 99000)");
      double scrollMs = (System.nanoTime() - scrollStart) / 1e6;
      browser.shot("grid-100k-end");
      System.out.printf(Locale.ROOT, "BENCH first grid paint, %,d samples: first load %.0f ms, then %s ms after navigation"
          + " start (target < 1500); jump to the end of the grid %.0f ms; load average %s%n", SAMPLES, paints.get(0),
          paints.subList(1, paints.size()).stream().map(p -> String.format(Locale.ROOT, "%.0f", p)).toList(), scrollMs,
          loadAverage());
    }
  }

  @Test
  void playbackOfAThreeHundredSliceGroupWithTwoMasks() throws IOException {
    Path demo = app.dir.resolve("bench-hippocampus");
    HippocampusDemo.write(demo, new HippocampusDemo.Options(1, SLICES, 128, 7));
    Dataset slices = app.catalog.create("bench-300", MediaType.IMAGE);
    DicomImporter.run(demo.resolve(HippocampusDemo.ROOT), slices,
        new DicomImporter.Options("MR*.dcm", "RS*.dcm", DicomImporter.Mode.SLICES), Progress.NONE,
        MediaFiles.of(app.catalog.store(), "bench-300"));
    assertThat(slices.count()).isEqualTo(SLICES);
    String patient = (String) slices.distinct("PatientID").get(0);
    String url = app.base() + "/?ds=bench-300&group=PatientID&order=SliceLocation&gkey="
        + URLEncoder.encode("\"" + patient + "\"", StandardCharsets.UTF_8);
    try (BrowserSession browser = new BrowserSession(app.base(), "bench-playback")) {
      Page page = browser.page;
      double raf = ((Number) page.evaluate("() => new Promise(done => { let n = 0; const t0 = performance.now();"
          + " const f = () => { if (++n === 120) done(120000 / (performance.now() - t0)); else requestAnimationFrame(f); };"
          + " requestAnimationFrame(f); })")).doubleValue();
      for (int fps : new int[] {30, 60}) {
        page.navigate(url + "&fps=" + fps);
        page.waitForFunction("n => window.__scanbase.app?.modal?.sliceViewer?.frameCount === n"
            + " && document.querySelector('canvas.slice')?.dataset.frame === '0'", SLICES);
        long masks = (long) ((Number) page.evaluate("() => document.querySelectorAll('.mask-toggle').length")).intValue();
        assertThat(masks).isEqualTo(2);
        page.keyboard().press("Space");
        double[] first = passStats(page, SLICES);
        double[] second = passStats(page, 2 * SLICES);
        page.keyboard().press("Space");
        browser.shot("playing-" + fps);
        System.out.printf(Locale.ROOT, "BENCH playback of %d slices with 2 masks at %d fps asked: first pass %.1f fps"
            + " (frames fetched while playing; %d waits for data), second pass %.1f fps (decoded frames);"
            + " target >= 30; requestAnimationFrame %.0f Hz; load average %s%n", SLICES, fps,
            first[3] / ((first[1] - first[0]) / 1000), (int) first[2], (second[3] - first[3]) / ((second[1] - first[1]) / 1000),
            raf, loadAverage());
      }
    }
  }
}
