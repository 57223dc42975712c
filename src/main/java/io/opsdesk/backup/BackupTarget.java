package io.opsdesk.backup;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * What a run backs up: a database (JDBC URL and credentials) or a directory, by the name it has in
 * the store and the API. The password stays in this object (from configuration) and reaches a tool
 * only through the child's environment; {@link #toString()} leaves it out so that no log or message
 * can carry it.
 */
public record BackupTarget(String name, String url, String username, String password, Path directory) {

  /** What is backed up: a database product, by the JDBC URL, or a directory. */
  public enum Kind { POSTGRESQL, H2, DIRECTORY }

  public static BackupTarget database(String name, String url, String username, String password) {
    return new BackupTarget(name, url, username, password, null);
  }

  public static BackupTarget directory(String name, Path directory) {
    return new BackupTarget(name, null, null, "", directory.toAbsolutePath().normalize());
  }

  public Kind kind() {
    if (directory != null) {
      return Kind.DIRECTORY;
    }
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
    return "BackupTarget[" + name + ", " + (directory != null ? "directory " + directory : url + ", user " + username) + "]";
  }
}
