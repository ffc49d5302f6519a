// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Debian's headless Chromium driven by Playwright (no browser download: the executable is
 * {@value #CHROMIUM}; a missing one fails the test with a message). Records every request that
 * leaves the App's origin, so tests can assert that nothing is fetched from the internet, and
 * saves a screenshot of each step under {@code target/screenshots/<test>/}.
 */
final class BrowserSession implements AutoCloseable {
  static final String CHROMIUM = "/usr/bin/chromium";
  private static final List<String> ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
      "--enable-unsafe-swiftshader");

  final Playwright playwright;
  final Browser browser;
  final BrowserContext context;
  final Page page;
  final List<String> foreignRequests = Collections.synchronizedList(new ArrayList<>());
  final List<String> consoleErrors = Collections.synchronizedList(new ArrayList<>());
  private final Path screenshots;
  private int step;

  BrowserSession(String origin, String testName) {
    assertThat(Path.of(CHROMIUM)).as("the browser tests need Debian's chromium at %s: apt-get install chromium",
        CHROMIUM).isExecutable();
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Path.of(CHROMIUM)).setHeadless(true).setArgs(ARGS));
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900));
    page = context.newPage();
    page.setDefaultTimeout(30_000);
    page.onRequest(r -> {
      if (!r.url().startsWith(origin) && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) {
        foreignRequests.add(r.url());
      }
    });
    page.onConsoleMessage(m -> {
      if ("error".equals(m.type())) {
        consoleErrors.add(m.text());
      }
    });
    page.onPageError(e -> consoleErrors.add(e));
    screenshots = Path.of(System.getProperty("scanbase.screenshots", "target/screenshots")).resolve(testName);
  }

  /** Opens an App URL and waits until the grid has its count. */
  void open(String url) {
    page.navigate(url);
    waitForGrid();
  }

  void waitForGrid() {
    page.waitForFunction("() => window.__scanbase && window.__scanbase.gridReady === true");
  }

  int gridCount() {
    return ((Number) page.evaluate("() => window.__scanbase.gridCount")).intValue();
  }

  /** Saves a screenshot of the whole page as the next numbered step. */
  void shot(String name) {
    try {
      Files.createDirectories(screenshots);
      page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve(String.format("%02d-%s.png", ++step, name))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A screenshot of one element, decoded (and saved as the next step). */
  BufferedImage shotOf(Locator locator, String name) {
    try {
      Files.createDirectories(screenshots);
      byte[] png = locator.screenshot(new Locator.ScreenshotOptions()
          .setPath(screenshots.resolve(String.format("%02d-%s.png", ++step, name))));
      return ImageIO.read(new ByteArrayInputStream(png));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    context.close();
    browser.close();
    playwright.close();
  }
}
