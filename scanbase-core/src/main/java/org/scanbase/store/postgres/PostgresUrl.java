// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.scanbase.store.StoreException;

/**
 * Where a PostgreSQL store is: {@code postgresql://user[:password]@host[:port]/database[?schema=name]}
 * ({@code postgres://} too). The password comes from the URL, else {@code PGPASSWORD}, else the
 * driver reads {@code ~/.pgpass} (or {@code PGPASSFILE}). {@code schema} puts the store's tables
 * in that PostgreSQL schema (default {@code public}), so several stores can share a database;
 * other query parameters are passed to the JDBC driver ({@code sslmode=require}).
 *
 * @param jdbcUrl    {@code jdbc:postgresql://host:port/database} with the driver parameters
 * @param user       the role to log in as, null for the driver's default
 * @param password   null when none was given
 * @param schema     the schema holding the tables
 * @param display    the URL without its password, for messages
 */
public record PostgresUrl(String jdbcUrl, String user, String password, String schema, String display) {
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** True for the URLs this class reads. */
  public static boolean matches(String url) {
    return url.startsWith("postgresql://") || url.startsWith("postgres://");
  }

  /**
   * Reads a URL.
   *
   * @param env the environment ({@code System.getenv()}), for {@code PGPASSWORD}
   * @throws StoreException when it is not a usable PostgreSQL URL
   */
  public static PostgresUrl parse(String url, Map<String, String> env) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new StoreException("not a PostgreSQL URL: " + redact(url) + " (" + e.getReason() + ")");
    }
    if (uri.getHost() == null || uri.getRawPath() == null || uri.getRawPath().length() < 2) {
      throw new StoreException("a PostgreSQL URL needs a host and a database: postgresql://user@host:5432/db, got "
          + redact(url));
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    if (password == null && env.get("PGPASSWORD") != null && !env.get("PGPASSWORD").isEmpty()) {
      password = env.get("PGPASSWORD");
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        params.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
      }
    }
    String schema = params.remove("schema");
    if (schema == null) {
      schema = "public";
    } else if (!SCHEMA.matcher(schema).matches()) {
      throw new StoreException("schema '" + schema + "' in " + redact(url)
          + ": use lower-case letters, digits and _ (at most 63)");
    }
    StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
    if (uri.getPort() > 0) {
      jdbc.append(':').append(uri.getPort());
    }
    jdbc.append(uri.getRawPath());
    String sep = "?";
    for (Map.Entry<String, String> p : params.entrySet()) {
      jdbc.append(sep).append(p.getKey()).append('=').append(p.getValue());
      sep = "&";
    }
    return new PostgresUrl(jdbc.toString(), user, password, schema, redact(url));
  }

  /** The URL without a password, for messages. */
  public static String redact(String url) {
    return url.replaceAll("://([^:@/]+):[^@/]*@", "://$1:***@");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return display;
  }
}
