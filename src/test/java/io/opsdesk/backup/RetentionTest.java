package io.opsdesk.backup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.opsdesk.backup.BackupRecords.Backup;
import io.opsdesk.backup.BackupRecords.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention choice as a table. Backups are written "yyyy-MM-ddTHH:mm" (Asia/Shanghai) with a state:
 * ok = verified, bad = failed verification, fail = failed dump without archive, new = not yet verified,
 * gone = already pruned. The current run is the last one listed.
 */
class RetentionTest {

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("nightly for 10 days keeps the last 7 days", policy(7, 0, 0),
            nightly("2026-11-01", 10, "ok"), List.of("11-04", "11-05", "11-06", "11-07", "11-08", "11-09", "11-10")),
        Arguments.of("two a day: the newest of each day counts", policy(2, 0, 0),
            List.of("2026-11-01T01:00 ok", "2026-11-01T13:00 ok", "2026-11-02T01:00 ok", "2026-11-02T13:00 ok"),
            List.of("11-01T13", "11-02T13")),
        Arguments.of("days without a verified backup do not count", policy(3, 0, 0),
            List.of("2026-11-01T01:00 ok", "2026-11-02T01:00 ok", "2026-11-05T01:00 bad", "2026-11-06T01:00 ok",
                "2026-11-07T01:00 ok"),
            List.of("11-02", "11-06", "11-07")),
        Arguments.of("weeks are ISO weeks (Monday to Sunday)", policy(1, 3, 0),
            // 2026-11-01 is a Sunday, 11-02 a Monday.
            List.of("2026-10-31T01:00 ok", "2026-11-01T01:00 ok", "2026-11-02T01:00 ok", "2026-11-08T01:00 ok",
                "2026-11-09T01:00 ok", "2026-11-10T01:00 ok"),
            List.of("11-01", "11-08", "11-10")),
        Arguments.of("months keep the newest of each month, days/weeks/months overlap", policy(2, 1, 3),
            List.of("2026-08-30T01:00 ok", "2026-09-15T01:00 ok", "2026-09-29T01:00 ok", "2026-10-10T01:00 ok",
                "2026-10-31T01:00 ok", "2026-11-01T01:00 ok"),
            List.of("09-29", "10-31", "11-01")),
        Arguments.of("days are the server zone's: 07:30 in Shanghai is still the day before in UTC", policy(2, 0, 0),
            List.of("2026-11-01T20:00 ok", "2026-11-02T07:30 ok"), List.of("11-01T2000", "11-02T0730")),
        Arguments.of("all zero still keeps the newest verified backup", policy(0, 0, 0),
            nightly("2026-11-01", 3, "ok"), List.of("11-03")),
        Arguments.of("the newest verified backup stays when newer ones failed", policy(1, 0, 0),
            List.of("2026-11-01T01:00 ok", "2026-11-02T01:00 bad", "2026-11-03T01:00 bad", "2026-11-04T01:00 bad"),
            List.of("11-01", "11-04")),
        Arguments.of("everything of the current run stays, even unverified", policy(1, 0, 0),
            List.of("2026-11-01T01:00 ok", "2026-11-02T01:00 ok", "2026-11-03T01:00 new"), List.of("11-02", "11-03")),
        Arguments.of("failed and unverified archives of older runs go", policy(7, 0, 0),
            List.of("2026-11-01T01:00 new", "2026-11-02T01:00 bad", "2026-11-03T01:00 ok", "2026-11-04T01:00 ok"),
            List.of("11-03", "11-04")),
        Arguments.of("pruned and archive-less rows are not candidates", policy(7, 0, 0),
            List.of("2026-11-01T01:00 gone", "2026-11-02T01:00 fail", "2026-11-03T01:00 ok"), List.of("11-03")),
        Arguments.of("nothing verified ever: only the current run stays", policy(7, 4, 6),
            List.of("2026-11-01T01:00 bad", "2026-11-02T01:00 new", "2026-11-03T01:00 bad"), List.of("11-03")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void keepsExactlyTheExpectedBackups(String title, BackupPolicy policy, List<String> backups, List<String> kept) {
    List<Backup> rows = backups.stream().map(RetentionTest::backup).toList();
    Backup current = rows.get(rows.size() - 1);
    Set<String> keep = Retention.keep(rows, policy, current.runId(), current.startedAt(), ZONE);
    assertThat(keep).containsExactlyInAnyOrderElementsOf(kept.stream().map(RetentionTest::runIdOf).toList());
  }

  @Test
  void anUnverifiedBackupOfARunStartedAfterTheCurrentOneStays() {
    Backup older = backup("2026-11-01T01:00 ok");
    Backup current = backup("2026-11-02T01:00 ok");
    Backup alongside = backup("2026-11-02T01:05 new");
    assertThat(Retention.keep(List.of(older, current, alongside), policy(1, 0, 0), current.runId(), current.startedAt(), ZONE))
        .containsExactlyInAnyOrder(current.runId(), alongside.runId());
  }

  private static BackupPolicy policy(int daily, int weekly, int monthly) {
    return new BackupPolicy(Duration.ofDays(1), Duration.ofHours(26), daily, weekly, monthly);
  }

  private static List<String> nightly(String firstDay, int days, String state) {
    List<String> backups = new ArrayList<>();
    for (int day = 0; day < days; day++) {
      backups.add(LocalDate.parse(firstDay).plusDays(day) + "T01:00 " + state);
    }
    return backups;
  }

  /** "11-04" names the run of 2026-11-04 at 01:00, "11-02T13" the one at 13:00, "11-02T0730" at 07:30. */
  private static String runIdOf(String shortName) {
    String[] parts = shortName.split("T");
    String time = parts.length > 1 ? parts[1] : "01";
    return "BAK-2026" + parts[0].replace("-", "") + "-" + (time.length() == 2 ? time + "00" : time);
  }

  private static Backup backup(String spec) {
    String[] parts = spec.split(" ");
    LocalDateTime at = LocalDateTime.parse(parts[0]);
    Instant started = at.atZone(ZONE).toInstant();
    String runId = "BAK-" + at.toLocalDate().toString().replace("-", "") + "-" + String.format("%02d%02d", at.getHour(), at.getMinute());
    String state = parts[1];
    Status status = switch (state) {
      case "ok", "new", "gone" -> Status.SUCCEEDED;
      default -> Status.FAILED;
    };
    boolean verified = state.equals("ok") || state.equals("gone");
    String path = state.equals("fail") ? null : "/store/t/" + runId + ".dump";
    return new Backup(runId, "t", "pi", status, started, null, started.plusSeconds(60), path, 1L, "ab", verified,
        state.equals("new") || state.equals("fail") ? null : started.plusSeconds(120), null,
        state.equals("gone") ? started.plusSeconds(3600) : null);
  }
}
