package io.opsdesk.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sanity check of a backup: every ordinary table ("schema.table") with its row count, as the
 * connection's transaction sees them. Dumped and restored databases must give equal maps.
 */
final class RowCounts {

  private RowCounts() {
  }

  static Map<String, Long> of(Connection connection) throws SQLException {
    List<String[]> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT table_schema, table_name FROM information_schema.tables "
            + "WHERE table_type = 'BASE TABLE' AND LOWER(table_schema) NOT IN ('information_schema', 'pg_catalog')")) {
      while (rs.next()) {
        tables.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    Map<String, Long> counts = new TreeMap<>();
    try (Statement statement = connection.createStatement()) {
      for (String[] table : tables) {
        try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + quoted(table[0]) + "." + quoted(table[1]))) {
          rs.next();
          counts.put(table[0] + "." + table[1], rs.getLong(1));
        }
      }
    }
    return counts;
  }

  /** The tables whose presence or count differs, for the failure message; empty when equal. */
  static String differences(Map<String, Long> expected, Map<String, Long> actual) {
    StringBuilder out = new StringBuilder();
    for (var e : expected.entrySet()) {
      Long found = actual.get(e.getKey());
      if (!e.getValue().equals(found)) {
        out.append(out.isEmpty() ? "" : "; ").append(e.getKey()).append(": ").append(e.getValue()).append(" rows dumped, ")
            .append(found == null ? "table missing" : found + " restored");
      }
    }
    for (String extra : actual.keySet()) {
      if (!expected.containsKey(extra)) {
        out.append(out.isEmpty() ? "" : "; ").append(extra).append(": not in the dump");
      }
    }
    return out.toString();
  }

  private static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
