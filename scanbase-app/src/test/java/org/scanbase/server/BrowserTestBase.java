// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * What every browser test of the App shares: one App on the quickstart datasets per class, a
 * fresh Chromium page per test (screenshots named after the test), and after each test the
 * checks that nothing left the App and the console stayed free of errors.
 */
abstract class BrowserTestBase {
  static AppFixture app;
  BrowserSession browser;
  Page page;

  @BeforeAll
  static void startApp() throws IOException {
    app = AppFixture.start();
  }

  @AfterAll
  static void stopApp() throws IOException {
    app.close();
  }

  @BeforeEach
  void openBrowser(TestInfo test) {
    browser = new BrowserSession(app.base(), test.getTestMethod().orElseThrow().getName());
    page = browser.page;
  }

  @AfterEach
  void closeBrowser() {
    try {
      assertThat(browser.foreignRequests).as("requests that left the App").isEmpty();
      assertThat(browser.consoleErrors).as("errors in the browser console").isEmpty();
    } finally {
      browser.close();
    }
  }

  /** The App's page with this query string. */
  static String url(String query) {
    return app.base() + "/?" + query;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
