// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scanbase.dataset.Sample;

/**
 * Media are found by dataset + sample id + field, never by a path from the client: traversal
 * with {@code ..}, {@code %2e%2e}, encoded slashes, absolute paths, symbolic links out of the
 * media folder and ids of other datasets all fail without leaking a byte of the target.
 */
class PathTraversalTest {
  static final String SECRET = "TOP-SECRET-CONTENT-4711";
  static AppFixture fx;
  static Path secret;

  @BeforeAll
  static void start() throws Exception {
    fx = AppFixture.start();
    secret = fx.dir.resolve("secret.txt");
    Files.writeString(secret, SECRET);
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  private static void refused(String target) throws Exception {
    RawHttp.Response r = RawHttp.get(fx.app.port(), target, "127.0.0.1");
    assertThat(r.status()).as(target + " -> " + r.head()).isIn(400, 403, 404);
    assertThat(r.body()).as(target).doesNotContain(SECRET).doesNotContain("root:x:0:0");
  }

  /** A UI path: refused, or answered with the UI's own index page (SPA routing), never the file. */
  private static void notLeaked(String target) throws Exception {
    RawHttp.Response r = RawHttp.get(fx.app.port(), target, "127.0.0.1");
    assertThat(r.body()).as(target).doesNotContain(SECRET).doesNotContain("root:x:0:0");
    if (r.status() == 200) {
      assertThat(r.head()).containsIgnoringCase("text/html");
      assertThat(r.body()).contains("scanbase");
    } else {
      assertThat(r.status()).isIn(400, 404);
    }
  }

  @Test
  void refusesDotDotInEveryPartOfAMediaPath() throws Exception {
    String id = fx.dataset(AppFixture.MRI).first().orElseThrow().id();
    String s = "/api/datasets/" + AppFixture.MRI + "/samples/";
    String rel = "../../../../../../.." + secret;
    for (String target : List.of(
        s + "../../../../etc/passwd/image",
        s + id + "/mask/../../../../../../etc/passwd",
        s + id + "/mask/" + rel,
        "/api/datasets/../../../../etc/passwd",
        "/api/datasets/" + AppFixture.MRI + "/../../../etc/passwd",
        "/../../../../../etc/passwd",
        "/web/../../../../etc/passwd")) {
      refused(target);
    }
  }

  @Test
  void refusesPercentEncodedDotsAndSlashes() throws Exception {
    String id = fx.dataset(AppFixture.MRI).first().orElseThrow().id();
    String s = "/api/datasets/" + AppFixture.MRI + "/samples/";
    String encodedSecret = secret.toString().replace("/", "%2F");
    for (String target : List.of(
        s + "%2e%2e%2f%2e%2e%2fetc%2fpasswd/image",
        s + id + "/mask/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        s + id + "/mask/..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        s + id + "/volume/%2e%2e%2F%2e%2e%2Fsecret.txt",
        s + "%2E%2E/image",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/%2e%2e%2f%2e%2e%2f%2e%2e%2f" + encodedSecret.substring(3),
        "/api/datasets/%2e%2e%2f%2e%2e/samples/" + id + "/image")) {
      refused(target);
    }
  }

  @Test
  void refusesAbsolutePathsWhereAFieldOrIdBelongs() throws Exception {
    String id = fx.dataset(AppFixture.MRI).first().orElseThrow().id();
    String s = "/api/datasets/" + AppFixture.MRI + "/samples/";
    for (String target : List.of(
        s + id + "/mask/%2Fetc%2Fpasswd",
        s + id + "/mask/" + secret.toString().replace("/", "%2F"),
        s + secret.toString().replace("/", "%2F") + "/image",
        "/api/" + secret)) {
      refused(target);
    }
    for (String target : List.of("//etc/passwd", "/" + secret, "///" + secret)) {
      notLeaked(target);
    }
    RawHttp.Response ignored = RawHttp.get(fx.app.port(), s + id + "/image?path=" + secret + "&file=" + secret, "127.0.0.1");
    assertThat(ignored.head()).contains("image/png");
    assertThat(ignored.body()).doesNotContain(SECRET);
  }

  @Test
  void refusesTheIdOfASampleOfAnotherDataset() throws Exception {
    String ct = fx.dataset(AppFixture.CT).first().orElseThrow().id();
    refused("/api/datasets/" + AppFixture.MRI + "/samples/" + ct + "/image");
    refused("/api/datasets/" + AppFixture.MRI + "/samples/" + ct + "/volume");
    refused("/api/datasets/" + AppFixture.MRI + "/samples/" + ct + "/mask/Lung%20Mask");
    assertThat(RawHttp.get(fx.app.port(), "/api/datasets/" + AppFixture.CT + "/samples/" + ct + "/mask/Lung%20Mask?frame=8",
        "127.0.0.1").status()).isEqualTo(200);
  }

  @Test
  void refusesAMaskFileThatASymbolicLinkSendsOutOfTheMediaFolder() throws Exception {
    Sample s = fx.dataset(AppFixture.MRI).match("Hippocampus_L.pixels > 0").first().orElseThrow();
    Path mask = Path.of((String) ((Map<?, ?>) s.get("Hippocampus_L")).get("mask_path"));
    assertThat(mask.startsWith(fx.catalog.store().mediaRoot())).isTrue();
    String target = "/api/datasets/" + AppFixture.MRI + "/samples/" + s.id() + "/mask/Hippocampus_L";
    assertThat(RawHttp.get(fx.app.port(), target, "127.0.0.1").status()).isEqualTo(200);
    Path saved = mask.resolveSibling("saved.png");
    Files.move(mask, saved);
    try {
      Files.createSymbolicLink(mask, secret);
      refused(target);
      refused("/api/datasets/" + AppFixture.MRI + "/samples/" + s.id() + "/thumbnail?masks=Hippocampus_L");
    } finally {
      Files.deleteIfExists(mask);
      Files.move(saved, mask);
    }
  }

  @Test
  void servesOnlyClasspathWebFilesAsStaticContent() throws Exception {
    RawHttp.Response r = RawHttp.get(fx.app.port(), "/org/scanbase/server/AppServer.class", "127.0.0.1");
    assertThat(r.body()).doesNotContain("CAFEBABE").doesNotContain("\u00ca\u00fe\u00ba\u00be");
    assertThat(r.head()).containsIgnoringCase("text/html");
  }
}
