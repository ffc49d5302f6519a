// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scanbase.core.Progress;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.dataset.MediaType;
import org.scanbase.dataset.Sample;
import org.scanbase.importer.NiftiImporter;

/**
 * The second round of the web UI in Debian's headless Chromium: saved views, tag badges that
 * follow the modal, 16-bit masks, groups of volume samples, and the radiological convention
 * of the 3D viewer checked on screen. Expected values come from the Java API and from
 * nibabel/numpy at test time.
 */
class AppBrowserViewsIT extends BrowserTestBase {
  @Test
  void aViewIsSavedListedLoadedIntoTheUrlAndDeleted() throws Exception {
    Dataset mri = app.dataset(AppFixture.MRI);
    browser.open(url("ds=" + AppFixture.MRI + "&f=" + enc("{\"SliceLocation\":{\"kind\":\"range\",\"min\":-20,\"max\":15.5}}")
        + "&sort=SliceLocation&rev=1"));
    List<String> expected = mri.match("SliceLocation >= -20 and SliceLocation <= 15.5")
        .sortBy(org.scanbase.view.F.field("SliceLocation"), true).ids();
    assertThat(expected).isNotEmpty().hasSizeLessThan((int) mri.count());
    assertThat(browser.gridCount()).isEqualTo(expected.size());

    page.locator("#view-name").fill("middle slices");
    page.locator("#save-view").click();
    page.waitForFunction("() => location.search.includes('view=middle') && !location.search.includes('f=')"
        + " && window.__scanbase.gridReady");
    browser.shot("saved");
    List<String> saved = mri.savedView("middle slices").orElseThrow().ids();
    assertThat(saved).as("the stored view, run by the Java API").isEqualTo(expected);
    assertThat(browser.gridCount()).isEqualTo(expected.size());
    assertThat(tileIds()).isEqualTo(expected.subList(0, Math.min(expected.size(), tileIds().size())));
    assertThat(page.locator(".chips .view-chip").textContent()).contains("middle slices");

    page.locator(".chips .view-chip button").click();
    page.waitForFunction("() => !location.search.includes('view=') && window.__scanbase.gridReady");
    assertThat(browser.gridCount()).isEqualTo(mri.count());
    assertThat(page.locator("#saved-view option").allTextContents()).contains("middle slices");

    page.selectOption("#saved-view", "middle slices");
    page.waitForFunction("() => location.search.includes('view=middle') && window.__scanbase.gridReady");
    assertThat(browser.gridCount()).isEqualTo(expected.size());
    page.reload();
    browser.waitForGrid();
    assertThat(browser.gridCount()).as("the loaded view is in the URL").isEqualTo(expected.size());
    assertThat(page.locator("#saved-view").inputValue()).isEqualTo("middle slices");

    page.locator("details[data-field=Manufacturer] summary").click();
    Locator first = page.locator("details[data-field=Manufacturer] .value-row input").first();
    String manufacturer = (String) page.evaluate("v => JSON.parse(v)", first.getAttribute("data-value"));
    first.check();
    page.waitForFunction("() => location.search.includes('Manufacturer') && window.__scanbase.gridReady");
    assertThat(browser.gridCount()).as("a filter narrows the saved view").isEqualTo(
        mri.match("SliceLocation >= -20 and SliceLocation <= 15.5 and Manufacturer == \"" + manufacturer + "\"").count());

    page.locator("#delete-view").click();
    page.waitForFunction("() => !location.search.includes('view=') && window.__scanbase.gridReady");
    browser.shot("deleted");
    assertThat(mri.savedViewNames()).doesNotContain("middle slices");
    assertThat(app.get("/api/datasets/" + AppFixture.MRI + "/views/" + enc("middle slices").replace("+", "%20"))
        .statusCode()).isEqualTo(404);
    assertThat(page.locator("#saved-view option").allTextContents()).doesNotContain("middle slices");
  }

  @SuppressWarnings("unchecked")
  private List<String> tileIds() {
    return (List<String>) page.evaluate("() => [...document.querySelectorAll('.tile')]"
        + ".sort((a, b) => a.dataset.index - b.dataset.index).map(t => t.dataset.id)");
  }

  @Test
  void taggingInTheModalUpdatesTheTagBadgesOfTheGridAtOnce() {
    List<String> ids = app.dataset(AppFixture.MRI).sortBy("SliceLocation").ids();
    browser.open(url("ds=" + AppFixture.MRI + "&sort=SliceLocation"));
    String badge = ".tile[data-id='" + ids.get(3) + "'] .badge.tags";
    assertThat(page.locator(badge).count()).isZero();
    page.locator(".tile[data-id='" + ids.get(3) + "']").click();
    page.waitForFunction("id => document.querySelector('canvas.slice')?.dataset.sample === id", ids.get(3));
    page.locator(".tag-input").fill("second-look");
    page.locator(".tag-input").press("Enter");
    page.waitForFunction("s => document.querySelector(s)?.textContent.includes('second-look')", badge);
    assertThat(app.dataset(AppFixture.MRI).sample(ids.get(3)).orElseThrow().tags()).contains("second-look");
    browser.shot("badge-while-modal-open");

    page.locator(".modal-side .chip button[title='remove tag second-look']").click();
    page.waitForFunction("s => !document.querySelector(s)", badge);
    page.keyboard().press("Escape");
    page.waitForFunction("() => !document.querySelector('.modal')");
    assertThat(page.locator(badge).count()).as("no badge after the tag was removed").isZero();
    assertThat(app.dataset(AppFixture.MRI).sample(ids.get(3)).orElseThrow().tags()).doesNotContain("second-look");
  }

  @Test
  void masksWithLabelsAbove255KeepTheirFullValues() throws Exception {
    Path dir = Files.createDirectories(app.dir.resolve("labels-16bit"));
    // labels 1, 300 and 700 in three boxes: an 8-bit read would make 300 and 700 into 1 and 2 (high byte)
    Python.run("""
        import sys, numpy as np, nibabel as nib
        d = sys.argv[1]
        affine = np.diag([0.8, 0.8, 2.5, 1.0])
        img = (np.arange(40 * 30 * 5).reshape(40, 30, 5) % 200 - 100).astype(np.int16)
        lab = np.zeros((40, 30, 5), np.uint16)
        lab[5:15, 5:12, :] = 300
        lab[20:30, 15:25, :] = 700
        lab[31:38, 2:8, :] = 1
        nib.save(nib.Nifti1Image(img, affine), d + '/scan.nii.gz')
        nib.save(nib.Nifti1Image(lab, affine), d + '/labels.nii.gz')
        open(d + '/manifest.csv', 'w').write('image,field,mask\\nscan.nii.gz,Big,labels.nii.gz\\n')
        """, dir.toString());
    String name = "labels-16bit";
    Dataset ds = app.catalog.create(name, MediaType.VOLUME);
    NiftiImporter.importManifest(dir.resolve("manifest.csv"), ds, Progress.NONE, MediaFiles.of(app.catalog.store(), name));
    ds.setMaskTargets("Big", Map.of(1, "one", 300, "three hundred", 700, "seven hundred"));
    Sample sample = ds.first().orElseThrow();

    browser.open(url("ds=" + name + "&sample=" + enc(sample.id())));
    page.waitForFunction("id => document.querySelector('canvas.slice')?.dataset.sample === id", sample.id());
    int k = Integer.parseInt(page.locator("canvas.slice").getAttribute("data-frame"));
    int width = ((Number) page.evaluate("() => document.querySelector('canvas.slice').width")).intValue();
    double scale = page.locator("canvas.slice").boundingBox().width / width;
    browser.shot("16-bit-mask");
    int[][] points = {{7, 8}, {25, 20}, {34, 5}, {2, 27}};
    List<String> args = new ArrayList<>(List.of(dir.resolve("labels.nii.gz").toString(), String.valueOf(k)));
    for (int[] p : points) {
      args.add(p[0] + "," + p[1]);
    }
    String[] labels = Python.run("""
        import sys, nibabel as nib, numpy as np
        d = np.asarray(nib.load(sys.argv[1]).dataobj); k = int(sys.argv[2])
        print(' '.join(str(int(d[int(x), int(y), k])) for x, y in (p.split(',') for p in sys.argv[3:])))
        """, args.toArray(String[]::new)).split(" ");
    assertThat(labels).containsExactly("300", "700", "1", "0");
    Map<String, String> names = Map.of("300", "three hundred", "700", "seven hundred", "1", "one", "0", "");
    for (int i = 0; i < points.length; i++) {
      page.locator("canvas.slice").hover(new Locator.HoverOptions().setPosition(
          (points[i][0] + 0.5) * scale, (points[i][1] + 0.5) * scale));
      assertThat(page.locator(".pixel-info").getAttribute("data-masks")).as("label under (%d, %d)", points[i][0],
          points[i][1]).isEqualTo(names.get(labels[i]));
    }

    String counts = Python.run("""
        import sys, nibabel as nib, numpy as np
        d = np.asarray(nib.load(sys.argv[1]).dataobj)
        print(' '.join('%d:%d' % (v, (d == v).sum()) for v in np.unique(d) if v != 0))
        """, dir.resolve("labels.nii.gz").toString());
    page.locator("button.open-3d").click();
    page.waitForFunction("() => { const v = window.__scanbase.app.modal.volumeViewer;"
        + " return v && (v.state.loaded || v.state.error); }");
    browser.shot("16-bit-volume");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) page.evaluate(
        "() => window.__scanbase.app.modal.volumeViewer.state.labels");
    assertThat(rows.stream().map(r -> ((Number) r.get("value")).intValue() + ":" + ((Number) r.get("voxels")).longValue())
        .toList()).as("label values and voxels in the 3D viewer, by numpy").containsExactly(counts.split(" "));
    assertThat(page.locator(".label-volumes").textContent()).contains("seven hundred");
    page.selectOption("select.planes", "0");
    page.waitForTimeout(500);
    long[] colours = labelPixels(browser.shotOf(page.locator("canvas.niivue"), "16-bit-axial"));
    // palette colours: label 1 red (255, 64, 64); 300 and 700 both (120, 120, 255)
    assertThat(colours[0]).as("label 1 is coloured next to labels 300 and 700").isGreaterThan(50);
    assertThat(colours[1]).as("labels 300 and 700 are coloured").isGreaterThan(50);
  }

  /** Pixels tinted red, and tinted blue-violet (b well above r and g), at 50 % over grey. */
  private static long[] labelPixels(BufferedImage shot) {
    long[] n = new long[2];
    for (int y = 0; y < shot.getHeight(); y++) {
      for (int x = 0; x < shot.getWidth(); x++) {
        int v = shot.getRGB(x, y);
        int r = (v >> 16) & 255;
        int g = (v >> 8) & 255;
        int b = v & 255;
        if (r - g > 60 && r - b > 60 && Math.abs(g - b) < 25 && g >= 25) {
          n[0]++;
        } else if (b - r > 50 && b - g > 50 && Math.abs(r - g) < 25) {
          n[1]++;
        }
      }
    }
    return n;
  }

  @Test
  void aGroupOfVolumeSamplesPlaysEachMemberThroughAllItsSlicesInOrder() {
    Dataset ct = app.dataset(AppFixture.CT);
    List<Sample> members = new ArrayList<>();
    ct.sortBy("filepath").forEach(members::add);
    assertThat(members).hasSizeGreaterThan(1);
    int depth = ((Number) members.get(0).metadata().get("depth")).intValue();
    List<String> expected = new ArrayList<>();
    for (Sample m : members) {
      int frames = (int) m.frames().count();
      for (int f = 1; f <= frames; f++) {
        expected.add(m.id() + "#" + f);
      }
    }
    browser.open(url("ds=" + AppFixture.CT + "&group=metadata.depth&order=filepath&gkey=" + depth
        + "&hide=" + enc(String.join(",", ct.maskTargets().keySet()))));
    page.waitForFunction("n => window.__scanbase.app.modal?.sliceViewer?.frameCount === n", expected.size());
    assertThat(page.locator(".modal-title").textContent()).contains(members.size() + " samples")
        .contains(expected.size() + " frames");
    page.keyboard().press("Space");
    page.waitForFunction("n => window.__scanbase.app.modal.sliceViewer.stats.shown >= n", expected.size() + 2);
    page.keyboard().press("Space");
    browser.shot("volume-group-played");
    @SuppressWarnings("unchecked")
    List<String> shown = (List<String>) page.evaluate("() => window.__scanbase.app.modal.sliceViewer.stats.order");
    for (int i = 0; i < expected.size() + 2; i++) {
      assertThat(shown.get(i)).as("frame %d of the playback", i).isEqualTo(expected.get((i + 1) % expected.size()));
    }
  }

  @Test
  void theAxialPaneShowsTheLeftLungOnTheRightOfTheScreen() throws Exception {
    Dataset ct = app.dataset(AppFixture.CT);
    Sample sample = ct.sortBy("filepath").first().orElseThrow();
    String lung = (String) ((Map<?, ?>) sample.get("Lung Mask")).get("mask_path");
    // NIfTI world coordinates are RAS (+x towards the patient's right): where are labels 1 and 2?
    String[] x = Python.run("""
        import sys, nibabel as nib, numpy as np
        m = nib.load(sys.argv[1]); d = np.asarray(m.dataobj)
        for v in (1, 2):
            ijk = np.argwhere(d == v).mean(0)
            print(float((m.affine @ np.append(ijk, 1))[0]))
        """, lung).split("\\s+");
    assertThat(Double.parseDouble(x[0])).as("label 1 (left lung) is on the patient's left: smaller RAS x than label 2")
        .isLessThan(Double.parseDouble(x[1]));

    browser.open(url("ds=" + AppFixture.CT + "&sample=" + enc(sample.id())));
    page.locator("button.open-3d").click();
    page.waitForFunction("() => window.__scanbase.app.modal.volumeViewer?.state.loaded");
    page.selectOption("select.planes", "0");
    for (String field : ct.maskTargets().keySet()) {
      if (!field.equals("Lung Mask")) {
        page.locator(".volume-toggle input[data-field='" + field + "']").uncheck();
      }
    }
    page.waitForTimeout(500);
    BufferedImage shot = browser.shotOf(page.locator("canvas.niivue"), "axial-lung-mask");
    // label 1 is palette red (255, 64, 64), label 2 blue (64, 160, 255), both at 50 % over grey, so
    // green and blue stay at 32 or more: the pure red (255, 0, 0) crosshair is not counted
    long[] red = new long[2];
    long[] blue = new long[2];
    for (int y = 0; y < shot.getHeight(); y++) {
      for (int px = 0; px < shot.getWidth(); px++) {
        int v = shot.getRGB(px, y);
        int r = (v >> 16) & 255;
        int g = (v >> 8) & 255;
        int b = v & 255;
        int half = px < shot.getWidth() / 2 ? 0 : 1;
        if (r - g > 60 && r - b > 60 && Math.abs(g - b) < 25 && g >= 25) {
          red[half]++;
        } else if (b - r > 60 && g - r > 20) {
          blue[half]++;
        }
      }
    }
    assertThat(red[1]).as("left lung (label 1) pixels on the screen's right half").isGreaterThan(50)
        .isGreaterThan(10 * red[0]);
    assertThat(blue[0]).as("right lung (label 2) pixels on the screen's left half").isGreaterThan(50)
        .isGreaterThan(10 * blue[1]);
  }
}
