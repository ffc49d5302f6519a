// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import org.sqlite.Function;

/**
 * The SQL functions that {@link ViewSql}'s SQLite queries need beyond SQLite's own, registered
 * per connection: {@code md5(text)}, the lower-case hex MD5 of the text's UTF-8 bytes (as
 * PostgreSQL's {@code md5}), which orders {@code take}.
 */
public final class SqliteFunctions {
  private SqliteFunctions() {}

  /**
   * Adds the functions to {@code connection}, a sqlite-jdbc connection.
   *
   * @throws SQLException when the connection is not SQLite's
   */
  public static void register(Connection connection) throws SQLException {
    Function.create(connection, "md5", new Md5(), 1, Function.FLAG_DETERMINISTIC);
  }

  /** {@code md5(x)}: NULL for NULL, else the digest of {@code x} as text. */
  private static final class Md5 extends Function {
    @Override
    protected void xFunc() throws SQLException {
      String text = value_text(0);
      if (text == null) {
        result();
        return;
      }
      result(hex(text));
    }
  }

  /** The lower-case hex MD5 of the UTF-8 bytes of {@code text}. */
  static String hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is a required JDK algorithm", e);
    }
  }
}
