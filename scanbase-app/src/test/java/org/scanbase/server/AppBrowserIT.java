// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.Sample;

/**
 * The web UI in Debian's headless Chromium against a real App on the two quickstart datasets
 * (small sizes). Expected values come from the Java API (what {@code scanbase query --count}
 * runs), from the mask PNGs the importer wrote, and from nibabel at test time.
 */
class AppBrowserIT extends BrowserTestBase {
  @Test
  void gridShowsEverySampleOfTheDataset() {
    Dataset mri = app.dataset(AppFixture.MRI);
    browser.open(url("ds=" + AppFixture.MRI + "&tf=SliceLocation,Manufacturer"));
    browser.shot("grid");
    assertThat(browser.gridCount()).isEqualTo(mri.count());
    assertThat(page.locator(".tile").count()).as("every tile fits on the page").isEqualTo((int) mri.count());
    assertThat(page.locator("#count").textContent()).contains(String.valueOf(mri.count()));

    page.selectOption("#dataset", AppFixture.CT);
    browser.waitForGrid();
    browser.shot("picker-ct");
    assertThat(browser.gridCount()).isEqualTo(app.dataset(AppFixture.CT).count());
    assertThat(page.url()).contains("ds=" + AppFixture.CT);
  }

  @Test
  void sidebarFiltersGiveTheCountsOfQueryCount() {
    Dataset mri = app.dataset(AppFixture.MRI);
    browser.open(url("ds=" + AppFixture.MRI));
    page.locator("details[data-field=Manufacturer] summary").click();
    Locator first = page.locator("details[data-field=Manufacturer] .value-row input").first();
    String manufacturer = (String) page.evaluate("v => JSON.parse(v)", first.getAttribute("data-value"));
    first.check();
    page.waitForFunction("() => location.search.includes('Manufacturer') && window.__scanbase.gridReady");
    String byManufacturer = "Manufacturer == \"" + manufacturer + "\"";
    assertThat(browser.gridCount()).isEqualTo(mri.match(byManufacturer).count()).isPositive();
    browser.shot("manufacturer");

    page.locator("details[data-field=SliceLocation] summary").click();
    page.locator("details[data-field=SliceLocation] .range-min").fill("-20");
    page.locator("details[data-field=SliceLocation] .range-max").fill("15.5");
    page.waitForFunction("() => location.search.includes('SliceLocation') && window.__scanbase.gridReady");
    long expected = mri.match(byManufacturer + " and SliceLocation >= -20 and SliceLocation <= 15.5").count();
    assertThat(expected).isPositive().isLessThan(mri.match(byManufacturer).count());
    assertThat(browser.gridCount()).isEqualTo(expected);
    assertThat(page.locator(".chips .chip").count()).isEqualTo(2);
    browser.shot("manufacturer-and-slice-location");

    page.reload();
    browser.waitForGrid();
    assertThat(browser.gridCount()).as("the view is in the URL").isEqualTo(expected);

    page.locator(".chips .chip", new Page.LocatorOptions().setHasText("SliceLocation")).locator("button").click();
    page.waitForFunction("() => !location.search.includes('SliceLocation') && window.__scanbase.gridReady");
    assertThat(browser.gridCount()).isEqualTo(mri.match(byManufacturer).count());

    page.locator("#expr").fill("SliceLocation > 0 and Manufacturer != \"nobody\"");
    page.locator("#expr").press("Enter");
    page.waitForFunction("() => location.search.includes('q=') && window.__scanbase.gridReady");
    assertThat(browser.gridCount()).isEqualTo(mri.match(byManufacturer + " and SliceLocation > 0").count());
    browser.shot("expression");
  }

  @Test
  void groupByPatientOrderedBySliceLocationPlaysEachPatientInOrder() {
    Dataset mri = app.dataset(AppFixture.MRI);
    browser.open(url("ds=" + AppFixture.MRI));
    page.selectOption("#group-by", "PatientID");
    browser.waitForGrid();
    page.selectOption("#order-by", "SliceLocation");
    page.waitForFunction("() => location.search.includes('order=SliceLocation') && window.__scanbase.gridReady");
    List<Object> patients = mri.distinct("PatientID");
    assertThat(browser.gridCount()).isEqualTo(patients.size());
    assertThat(page.locator(".group-tile").count()).isEqualTo(patients.size());
    browser.shot("groups");

    Locator tile = page.locator(".group-tile").first();
    tile.hover();
    page.waitForFunction("t => t.dataset.frame && Number(t.dataset.frame) > 1", tile.elementHandle());
    browser.shot("group-tile-playing-on-hover");

    String key = (String) page.evaluate("v => JSON.parse(v)", tile.getAttribute("data-key"));
    List<String> expected = mri.match("PatientID == \"" + key + "\"").sortBy("SliceLocation").ids();
    tile.click();
    page.waitForFunction("() => document.querySelector('canvas.slice')?.dataset.frame === '0'");
    page.waitForFunction("n => window.__scanbase.app.modal.sliceViewer.frameCount === n", expected.size());
    browser.shot("group-modal");
    page.keyboard().press("Space");
    page.waitForFunction("n => window.__scanbase.app.modal.sliceViewer.stats.shown >= n", expected.size() + 3);
    page.keyboard().press("Space");
    browser.shot("group-modal-paused");
    @SuppressWarnings("unchecked")
    List<String> shown = (List<String>) page.evaluate("() => window.__scanbase.app.modal.sliceViewer.stats.order");
    for (int i = 0; i < expected.size() + 3; i++) {
      assertThat(shown.get(i)).as("frame %d of the playback", i)
          .isEqualTo(expected.get((i + 1) % expected.size()) + "#1");
    }
    int before = frameIndex();
    page.keyboard().press("ArrowRight");
    page.waitForFunction("i => window.__scanbase.app.modal.sliceViewer.frameIndex === i", (before + 1) % expected.size());
    page.keyboard().press("ArrowLeft");
    page.waitForFunction("i => window.__scanbase.app.modal.sliceViewer.frameIndex === i", before);
  }

  @Test
  void theModalTagsASampleAndStepsThroughTheGridWithTheKeyboard() {
    List<String> ids = app.dataset(AppFixture.MRI).sortBy("SliceLocation").ids();
    browser.open(url("ds=" + AppFixture.MRI + "&sort=SliceLocation"));
    page.locator(".tile").first().click();
    page.waitForFunction("id => document.querySelector('canvas.slice')?.dataset.sample === id", ids.get(0));
    page.locator(".tag-input").fill("review");
    page.locator(".tag-input").press("Enter");
    page.waitForFunction("() => [...document.querySelectorAll('.modal-side .chip')].some(c => c.textContent.includes('review'))");
    assertThat(app.dataset(AppFixture.MRI).sample(ids.get(0)).orElseThrow().tags()).containsExactly("review");
    browser.shot("tagged");

    page.locator("canvas.slice").click();
    page.keyboard().press("ArrowDown");
    page.waitForFunction("id => document.querySelector('canvas.slice')?.dataset.sample === id", ids.get(1));
    assertThat(page.url()).contains("sample=" + ids.get(1));
    page.keyboard().press("ArrowRight");
    page.waitForFunction("id => document.querySelector('canvas.slice')?.dataset.sample === id", ids.get(2));
    page.keyboard().press("k");
    page.waitForFunction("id => document.querySelector('canvas.slice')?.dataset.sample === id", ids.get(1));
    browser.shot("next-sample");
    page.keyboard().press("Escape");
    page.waitForFunction("() => !location.search.includes('sample=') && !document.querySelector('.modal')");

    page.locator("details[data-field=tags] .value-row input").first().check();
    page.waitForFunction("() => location.search.includes('tags') && window.__scanbase.gridReady");
    assertThat(browser.gridCount()).isEqualTo(1);
  }

  private int frameIndex() {
    return ((Number) page.evaluate("() => window.__scanbase.app.modal.sliceViewer.frameIndex")).intValue();
  }

  @Test
  void masksAreDrawnOverTheHippocampusInTheirRoiColour() throws IOException {
    Dataset mri = app.dataset(AppFixture.MRI);
    Sample sample = mri.match("Hippocampus_L.pixels > 0").sortBy(
        org.scanbase.view.F.field("Hippocampus_L.pixels"), true).first().orElseThrow();
    Map<?, ?> label = (Map<?, ?>) sample.get("Hippocampus_L");
    BufferedImage mask = ImageIO.read(Path.of((String) label.get("mask_path")).toFile());
    int[] inside = deepInside(mask);
    int[] outside = {1, 1};
    assertThat(mask.getRaster().getSample(outside[0], outside[1], 0)).isZero();
    int[] colour = hex((String) ((Map<?, ?>) mri.appConfig().get("colors")).get("Hippocampus_L"));

    browser.open(url("ds=" + AppFixture.MRI + "&sample=" + enc(sample.id())));
    page.waitForFunction("id => document.querySelector('canvas.slice')?.dataset.sample === id", sample.id());
    Locator canvas = page.locator("canvas.slice");
    BufferedImage on = browser.shotOf(canvas, "mask-on");
    page.locator(".mask-toggle input[data-field=Hippocampus_L]").uncheck();
    BufferedImage off = browser.shotOf(canvas, "mask-off");
    browser.shot("modal");

    double scale = on.getWidth() / (double) mask.getWidth();
    int[] grey = rgb(off, inside, scale);
    assertThat(grey[0]).as("without the overlay the pixel is grey").isEqualTo(grey[1]).isEqualTo(grey[2]);
    int[] tinted = rgb(on, inside, scale);
    for (int c = 0; c < 3; c++) {
      assertThat(tinted[c]).as("channel %d: half grey, half ROI colour", c)
          .isCloseTo((int) Math.round(grey[c] * 0.5 + colour[c] * 0.5), within(2));
    }
    int[] background = rgb(on, outside, scale);
    assertThat(background[0]).as("outside the mask stays grey").isEqualTo(background[1]).isEqualTo(background[2]);

    page.locator(".mask-toggle input[data-field=Hippocampus_L]").check();
    page.locator("canvas.slice").hover(new Locator.HoverOptions().setPosition(
        (inside[0] + 0.5) * scale, (inside[1] + 0.5) * scale));
    assertThat(page.locator(".pixel-info").getAttribute("data-masks")).isEqualTo(
        mri.maskTargets().get("Hippocampus_L").get("1"));
  }

  /** A pixel whose 3x3 neighbourhood is all inside the mask. */
  private static int[] deepInside(BufferedImage mask) {
    for (int y = 1; y < mask.getHeight() - 1; y++) {
      for (int x = 1; x < mask.getWidth() - 1; x++) {
        boolean all = true;
        for (int dy = -1; dy <= 1 && all; dy++) {
          for (int dx = -1; dx <= 1 && all; dx++) {
            all = mask.getRaster().getSample(x + dx, y + dy, 0) != 0;
          }
        }
        if (all) {
          return new int[] {x, y};
        }
      }
    }
    throw new AssertionError("the demo mask has no pixel 1 pixel deep inside");
  }

  private static int[] rgb(BufferedImage shot, int[] pixel, double scale) {
    int v = shot.getRGB((int) ((pixel[0] + 0.5) * scale), (int) ((pixel[1] + 0.5) * scale));
    return new int[] {(v >> 16) & 255, (v >> 8) & 255, v & 255};
  }

  private static int[] hex(String text) {
    return new int[] {Integer.parseInt(text.substring(1, 3), 16), Integer.parseInt(text.substring(3, 5), 16),
        Integer.parseInt(text.substring(5, 7), 16)};
  }

  /** DICOM PS3.3 C.11.2.1.2.1, the linear VOI function, to 8 bits. */
  private static int window(double x, double center, double width) {
    double c = center - 0.5;
    double half = (width - 1) / 2;
    if (x <= c - half) {
      return 0;
    } else if (x > c + half) {
      return 255;
    }
    return (int) Math.round(((x - c) / (width - 1) + 0.5) * 255);
  }

  @Test
  void ctWindowPresetsGiveTheGreyLevelsOfTheLinearVoiFunction() throws Exception {
    Dataset ct = app.dataset(AppFixture.CT);
    Sample sample = ct.sortBy("filepath").first().orElseThrow();
    String hidden = String.join(",", app.dataset(AppFixture.CT).maskTargets().keySet());
    browser.open(url("ds=" + AppFixture.CT + "&sample=" + enc(sample.id()) + "&hide=" + enc(hidden)));
    page.waitForFunction("id => document.querySelector('canvas.slice')?.dataset.sample === id", sample.id());
    int k = Integer.parseInt(page.locator("canvas.slice").getAttribute("data-frame"));
    int width = ((Number) page.evaluate("() => document.querySelector('canvas.slice').width")).intValue();
    int height = ((Number) page.evaluate("() => document.querySelector('canvas.slice').height")).intValue();
    List<int[]> points = new ArrayList<>();
    for (int y = 3; y < height; y += height / 7) {
      for (int x = 3; x < width; x += width / 7) {
        points.add(new int[] {x, y});
      }
    }
    StringBuilder xy = new StringBuilder();
    points.forEach(p -> xy.append(p[0]).append(',').append(p[1]).append(' '));
    String out = Python.run("""
        import sys, nibabel as nib
        d = nib.load(sys.argv[1]).get_fdata()
        k = int(sys.argv[2])
        print(d.shape[0], d.shape[1], ' '.join(repr(float(d[int(x), int(y), k])) for x, y in (p.split(',') for p in sys.argv[3:])))
        """, buildArgs(sample.filepath(), k, xy.toString().trim().split(" ")));
    String[] parts = out.split(" ");
    assertThat(Integer.parseInt(parts[0])).as("columns = i").isEqualTo(width);
    assertThat(Integer.parseInt(parts[1])).as("rows = j").isEqualTo(height);
    double[] hu = new double[points.size()];
    for (int i = 0; i < hu.length; i++) {
      hu[i] = Double.parseDouble(parts[i + 2]);
    }
    assertThat(java.util.Arrays.stream(hu).distinct().count()).as("the points sample several tissues").isGreaterThan(3);

    Map<String, double[]> presets = Map.of("soft", new double[] {40, 400}, "lung", new double[] {-600, 1500},
        "bone", new double[] {480, 2500}, "brain", new double[] {40, 80}, "liver", new double[] {90, 150});
    List<List<Integer>> seen = new ArrayList<>();
    for (var preset : presets.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      page.selectOption("select.presets", preset.getKey());
      page.waitForFunction("w => document.querySelector('canvas.slice').dataset.ww === w",
          String.valueOf((int) preset.getValue()[1]));
      BufferedImage shot = browser.shotOf(page.locator("canvas.slice"), "ct-" + preset.getKey());
      double scale = shot.getWidth() / (double) width;
      List<Integer> greys = new ArrayList<>();
      for (int i = 0; i < hu.length; i++) {
        int grey = rgb(shot, points.get(i), scale)[0];
        greys.add(grey);
        assertThat(grey).as("%s at (%d, %d), %s HU", preset.getKey(), points.get(i)[0], points.get(i)[1], hu[i])
            .isCloseTo(window(hu[i], preset.getValue()[0], preset.getValue()[1]), within(1));
      }
      seen.add(greys);
    }
    assertThat(seen.stream().distinct().count()).as("each preset gives other grey levels").isEqualTo(presets.size());

    int[] p = points.get(points.size() / 2);
    double scale = page.locator("canvas.slice").boundingBox().width / width;
    page.locator("canvas.slice").hover(new Locator.HoverOptions().setPosition((p[0] + 0.5) * scale, (p[1] + 0.5) * scale));
    assertThat(Double.parseDouble(page.locator(".pixel-info").getAttribute("data-value")))
        .as("HU under the cursor").isCloseTo(hu[points.size() / 2], within(1e-3));
    assertThat(page.locator(".pixel-info").textContent()).contains("HU");
  }

  private static String[] buildArgs(String file, int k, String[] points) {
    List<String> args = new ArrayList<>(List.of(file, String.valueOf(k)));
    args.addAll(List.of(points));
    return args.toArray(String[]::new);
  }

  @Test
  void aVolumeOpensInThreePlanesWithItsLabelsAsOverlays() throws Exception {
    Dataset ct = app.dataset(AppFixture.CT);
    Sample sample = ct.sortBy("filepath").first().orElseThrow();
    browser.open(url("ds=" + AppFixture.CT + "&sample=" + enc(sample.id())));
    page.locator("button.open-3d").click();
    page.waitForFunction("() => { const v = window.__scanbase.app.modal.volumeViewer;"
        + " return v && (v.state.loaded || v.state.error); }");
    Map<?, ?> state = (Map<?, ?>) page.evaluate("() => window.__scanbase.app.modal.volumeViewer.state");
    assertThat(state.get("error")).isNull();
    assertThat(((Number) state.get("sliceType")).intValue()).as("axial + coronal + sagittal (+3D)").isEqualTo(3);
    assertThat(state.get("radiological")).as("radiological convention, like the slice viewer and the MP4s").isEqualTo(true);
    page.waitForTimeout(500);
    BufferedImage shot = browser.shotOf(page.locator("canvas.niivue"), "volume-three-planes");
    browser.shot("volume-modal");

    String lung = (String) ((Map<?, ?>) sample.get("Lung Mask")).get("mask_path");
    String counts = Python.run("""
        import sys, nibabel as nib, numpy as np
        m = nib.load(sys.argv[1]); d = np.asarray(m.dataobj)
        ml = abs(np.linalg.det(m.affine[:3, :3])) / 1000
        print(' '.join('%d:%d:%.6f' % (v, (d == v).sum(), (d == v).sum() * ml) for v in np.unique(d) if v != 0))
        """, lung);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> labels = (List<Map<String, Object>>) state.get("labels");
    for (String entry : counts.split(" ")) {
      String[] f = entry.split(":");
      Map<String, Object> row = labels.stream().filter(l -> "Lung Mask".equals(l.get("field"))
          && ((Number) l.get("value")).intValue() == Integer.parseInt(f[0])).findFirst().orElseThrow();
      assertThat(((Number) row.get("voxels")).longValue()).isEqualTo(Long.parseLong(f[1]));
      assertThat(((Number) row.get("ml")).doubleValue()).isCloseTo(Double.parseDouble(f[2]), within(1e-3));
    }
    assertThat(page.locator(".label-volumes").textContent()).contains("Lung Mask");

    long tinted = 0;
    for (int y = 0; y < shot.getHeight(); y++) {
      for (int x = 0; x < shot.getWidth(); x++) {
        int v = shot.getRGB(x, y);
        int r = (v >> 16) & 255;
        int g = (v >> 8) & 255;
        int b = v & 255;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
          tinted++;
        }
      }
    }
    assertThat(tinted).as("coloured label pixels in the three planes").isGreaterThan(200);
  }
}
