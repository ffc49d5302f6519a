// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * Who may talk to the App. Without a token (loopback binds only) everyone on this machine may,
 * but the {@code Host} header must name the loopback, so a web page elsewhere cannot reach the
 * App through DNS rebinding. With a token every request (API, media, static files) must carry
 * it: {@code Authorization: Bearer <token>}, the {@code scanbase_token} cookie, or
 * {@code ?token=} (which sets the cookie, for the first page load).
 */
final class AccessGuard {
  static final String COOKIE = "scanbase_token";
  private final byte[] token;

  private AccessGuard(String token) {
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  /** The guard for a bind address: the given token, a generated one off loopback, or none. */
  static AccessGuard forBind(String host, String token) {
    if (token == null && !isLoopback(host)) {
      token = generateToken();
    }
    return new AccessGuard(token);
  }

  /** The token requests must carry, or null when none is needed. */
  String token() {
    return token == null ? null : new String(token, StandardCharsets.UTF_8);
  }

  /** A random 192-bit token, URL-safe. */
  static String generateToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static boolean isLoopback(String host) {
    String h = host.trim();
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Lets the request through or throws a 401 / 403 {@link ApiException}. */
  void check(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    if (token == null) {
      checkLoopbackHost(ctx.header("Host"));
      return;
    }
    String auth = ctx.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && matches(auth.substring(7).trim())) {
      return;
    }
    if (matches(ctx.cookie(COOKIE))) {
      return;
    }
    if (matches(ctx.queryParam("token"))) {
      ctx.header("Set-Cookie", COOKIE + "=" + token() + "; Path=/; HttpOnly; SameSite=Strict");
      return;
    }
    throw new ApiException(401, "missing or wrong token: send Authorization: Bearer <token>, or open the App with ?token=<token>");
  }

  private boolean matches(String given) {
    return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
  }

  private static void checkLoopbackHost(String hostHeader) {
    if (hostHeader == null) {
      return;
    }
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      h = h.substring(1, Math.max(1, h.indexOf(']')));
    } else if (h.indexOf(':') == h.lastIndexOf(':') && h.contains(":")) {
      h = h.substring(0, h.indexOf(':'));
    }
    if (!(h.equals("localhost") || h.equals("127.0.0.1") || h.equals("::1") || h.startsWith("127."))) {
      throw new ApiException(403, "the App on loopback answers only requests for localhost, not for host '"
          + hostHeader + "'");
    }
  }
}
