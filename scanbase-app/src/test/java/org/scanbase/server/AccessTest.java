// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The token rules of DESIGN.md "App access": off loopback every request (API, media, static
 * files) needs the token, as a Bearer header, or ?token= once which sets an HttpOnly cookie.
 */
class AccessTest {
  static AppFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = AppFixture.start(new AppOptions("0.0.0.0", 0, null, null));
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.base() + path)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return fx.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void generatesATokenWhenBoundOffLoopbackAndPutsItInTheUrl() {
    assertThat(fx.app.token()).isNotNull().hasSizeGreaterThanOrEqualTo(32);
    assertThat(fx.app.url()).endsWith("?token=" + fx.app.token());
    try (AppServer other = AppServer.start(fx.catalog, new AppOptions("0.0.0.0", 0, null, null))) {
      assertThat(other.token()).isNotEqualTo(fx.app.token());
    }
  }

  @Test
  void refusesApiMediaAndStaticFilesWithoutTheToken() throws Exception {
    String id = fx.dataset(AppFixture.MRI).first().orElseThrow().id();
    for (String path : new String[] {"/api/datasets", "/api/config", "/", "/index.html", "/assets/app.js",
        "/api/datasets/" + AppFixture.MRI + "/samples/" + id + "/image"}) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(r.body()).as(path).doesNotContain(AppFixture.MRI).doesNotContain("<html");
    }
    assertThat(fx.send("POST", "/api/datasets/" + AppFixture.MRI + "/samples", "{}").statusCode()).isEqualTo(401);
  }

  @Test
  void refusesAWrongTokenInEveryPlace() throws Exception {
    String wrong = fx.app.token() + "x";
    assertThat(get("/api/datasets", "Authorization", "Bearer " + wrong).statusCode()).isEqualTo(401);
    assertThat(get("/api/datasets?token=" + wrong).statusCode()).isEqualTo(401);
    assertThat(get("/api/datasets", "Cookie", AccessGuard.COOKIE + "=" + wrong).statusCode()).isEqualTo(401);
    assertThat(get("/api/datasets", "Authorization", "Basic " + fx.app.token()).statusCode()).isEqualTo(401);
  }

  @Test
  void acceptsTheBearerToken() throws Exception {
    HttpResponse<String> r = get("/api/datasets", "Authorization", "Bearer " + fx.app.token());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains(AppFixture.MRI);
  }

  @Test
  void turnsTheQueryTokenOfTheFirstPageLoadIntoAnHttpOnlyCookieThatLaterRequestsUse() throws Exception {
    HttpResponse<String> page = get("/?token=" + fx.app.token());
    assertThat(page.statusCode()).isEqualTo(200);
    String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith(AccessGuard.COOKIE + "=" + fx.app.token() + ";").contains("HttpOnly")
        .contains("SameSite=Strict").contains("Path=/");
    assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    String value = cookie.substring(0, cookie.indexOf(';'));
    HttpResponse<String> api = get("/api/datasets", "Cookie", value);
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.body()).contains(AppFixture.CT);
    assertThat(get("/api/config", "Cookie", value).body()).contains("\"token_required\":true");
  }

  @Test
  void onLoopbackWithoutATokenAnswersOnlyRequestsAddressedToLocalhost() throws Exception {
    try (AppServer local = AppServer.start(fx.catalog, AppOptions.loopback())) {
      assertThat(local.token()).isNull();
      assertThat(RawHttp.get(local.port(), "/api/datasets", "127.0.0.1:" + local.port()).status()).isEqualTo(200);
      assertThat(RawHttp.get(local.port(), "/api/datasets", "localhost:" + local.port()).status()).isEqualTo(200);
      assertThat(RawHttp.get(local.port(), "/api/datasets", "[::1]:" + local.port()).status()).isEqualTo(200);
      RawHttp.Response rebound = RawHttp.get(local.port(), "/api/datasets", "attacker.example:" + local.port());
      assertThat(rebound.status()).isEqualTo(403);
      assertThat(rebound.body()).doesNotContain(AppFixture.MRI);
    }
  }

  @Test
  void enforcesAGivenTokenEvenOnLoopback() throws Exception {
    try (AppServer local = AppServer.start(fx.catalog, new AppOptions("127.0.0.1", 0, "s3cret-token", null))) {
      assertThat(RawHttp.get(local.port(), "/api/datasets", "127.0.0.1").status()).isEqualTo(401);
      assertThat(RawHttp.get(local.port(), "/api/datasets", "127.0.0.1", "Authorization: Bearer s3cret-token").status())
          .isEqualTo(200);
    }
  }
}
