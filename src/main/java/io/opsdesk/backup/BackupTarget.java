package io.opsdesk.backup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A database to back up: its name in the store and the API, its JDBC URL and credentials. The
 * password stays in this object (from configuration) and reaches a tool only through the child's
 * environment; {@link #toString()} leaves it out so that no log or message can carry it.
 */
public record BackupTarget(String name, String url, String username, String password) {

  /** The database product, by the JDBC URL. */
  public enum Kind { POSTGRESQL, H2 }

  public Kind kind() {
    if (url.startsWith("jdbc:postgresql:")) {
      return Kind.POSTGRESQL;
    }
    if (url.startsWith("jdbc:h2:")) {
      return Kind.H2;
    }
    throw new IllegalStateException("Target " + name + ": only PostgreSQL and H2 databases can be backed up");
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, username, password);
  }

  @Override
  public String toString() {
    return "BackupTarget[" + name + ", " + url + ", user " + username + "]";
  }
}
