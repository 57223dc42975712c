package io.opsdesk.report;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsdesk.testsupport.OpsDeskTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * GET /api/reports/service over a fixed set of tickets written straight into our tables, in a week of
 * 2024 no other test uses (days in Asia/Shanghai, the tests' server zone):
 * <pre>
 * ticket category  priority  group     opened       accepted  resolved     closed           score reopens notes
 * RPT-A  HARDWARE  URGENT    hardware  03-04 07:30  +10 min   +120 min     03-05 CONFIRMED  5     0       first contact
 * RPT-B  HARDWARE  IMPORTANT hardware  03-05 10:00  +40       03-07 10:00  03-08 CONFIRMED  3     1       response breached, 2nd round breached
 * RPT-C  SOFTWARE  GENERAL   software  03-06 14:00  +60       +120         03-09 AUTO       -     0       reclassified, paused 30 min
 * RPT-D  SOFTWARE  GENERAL   software  03-07 09:00  +20       -            -                -     0       resolution running past due, paused 60 min
 * RPT-E  NETWORK   -         -         03-10 23:30  -         -            -                -     0       clocks running, not yet due
 * RPT-F  HARDWARE  URGENT    hardware  03-08 08:00  +5        +35          03-08 CONFIRMED  4     0       consulted expert
 * RPT-G  opened 03-03 23:59 (before the period), closed 03-04 10:00; RPT-H opened 03-11 00:30 (after it)
 * </pre>
 * The report is computed at 2024-04-01 12:00.
 */
class ServiceReportApiTest extends OpsDeskTest {

  private static final String WEEK = "/api/reports/service?from=2024-03-04&to=2024-03-10";

  @BeforeEach
  void tickets() {
    removeTickets();
    clockAt(local("2024-04-01T12:00"));
    ticket("RPT-A", "HARDWARE", "URGENT", "hardware-support", "CLOSED", "2024-03-04T07:30", "2024-03-04T07:40",
        "2024-03-04T09:30", "2024-03-05T10:00", "CONFIRMED", 5, 0);
    clock("RPT-A", "RESPONSE", 0, "2024-03-04T07:30", "2024-03-04T08:00", "2024-03-04T07:40", null);
    clock("RPT-A", "RESOLUTION", 0, "2024-03-04T07:30", "2024-03-04T11:30", "2024-03-04T09:30", null);

    ticket("RPT-B", "HARDWARE", "IMPORTANT", "hardware-support", "CLOSED", "2024-03-05T10:00", "2024-03-05T10:40",
        "2024-03-07T10:00", "2024-03-08T09:00", "CONFIRMED", 3, 1);
    clock("RPT-B", "RESPONSE", 0, "2024-03-05T10:00", "2024-03-05T10:30", "2024-03-05T10:40", "2024-03-05T10:30");
    clock("RPT-B", "RESOLUTION", 0, "2024-03-05T10:00", "2024-03-06T12:00", "2024-03-06T10:00", null);
    clock("RPT-B", "RESOLUTION", 1, "2024-03-06T15:00", "2024-03-06T23:00", "2024-03-07T10:00", "2024-03-06T23:00");

    ticket("RPT-C", "SOFTWARE", "GENERAL", "software-support", "CLOSED", "2024-03-06T14:00", "2024-03-06T15:00",
        "2024-03-06T16:00", "2024-03-09T16:00", "AUTO_CLOSED", null, 0);
    clock("RPT-C", "RESPONSE", 0, "2024-03-06T14:00", "2024-03-06T16:00", "2024-03-06T15:00", null);
    clock("RPT-C", "RESOLUTION", 0, "2024-03-06T14:00", "2024-03-07T14:00", "2024-03-06T16:00", null);
    journalEntry("RPT-C", "RECLASSIFIED");
    pause("RPT-C", "2024-03-06T15:10", "2024-03-06T15:40");

    ticket("RPT-D", "SOFTWARE", "GENERAL", "software-support", "IN_PROGRESS", "2024-03-07T09:00", "2024-03-07T09:20",
        null, null, null, null, 0);
    clock("RPT-D", "RESPONSE", 0, "2024-03-07T09:00", "2024-03-07T11:00", "2024-03-07T09:20", null);
    clock("RPT-D", "RESOLUTION", 0, "2024-03-07T09:00", "2024-03-08T09:00", null, null);
    pause("RPT-D", "2024-03-07T10:00", "2024-03-07T11:00");

    ticket("RPT-E", "NETWORK", null, null, "NEW", "2024-03-10T23:30", null, null, null, null, null, 0);
    clock("RPT-E", "RESPONSE", 0, "2024-03-10T23:30", "2024-04-02T00:00", null, null);
    clock("RPT-E", "RESOLUTION", 0, "2024-03-10T23:30", "2024-04-05T00:00", null, null);

    ticket("RPT-F", "HARDWARE", "URGENT", "hardware-support", "CLOSED", "2024-03-08T08:00", "2024-03-08T08:05",
        "2024-03-08T08:35", "2024-03-08T09:00", "CONFIRMED", 4, 0);
    clock("RPT-F", "RESPONSE", 0, "2024-03-08T08:00", "2024-03-08T08:30", "2024-03-08T08:05", null);
    clock("RPT-F", "RESOLUTION", 0, "2024-03-08T08:00", "2024-03-08T12:00", "2024-03-08T08:35", null);
    jdbc.update("INSERT INTO ticket_reader (process_instance_id, user_id) VALUES ('rpt-RPT-F', 'alice')");
    jdbc.update("INSERT INTO ticket_reader (process_instance_id, user_id) VALUES ('rpt-RPT-F', 'expert')");

    ticket("RPT-G", "HARDWARE", "URGENT", "hardware-support", "CLOSED", "2024-03-03T23:59", "2024-03-04T00:10",
        "2024-03-04T09:00", "2024-03-04T10:00", "CONFIRMED", 1, 0);
    ticket("RPT-H", "HARDWARE", "URGENT", "hardware-support", "NEW", "2024-03-11T00:30", null, null, null, null, null, 0);
  }

  @AfterEach
  void removeTickets() {
    for (String table : List.of("ticket_sla_clock", "ticket_pause", "ticket_journal")) {
      jdbc.update("DELETE FROM " + table + " WHERE ticket_id LIKE 'RPT-%'");
    }
    jdbc.update("DELETE FROM ticket_reader WHERE process_instance_id LIKE 'rpt-RPT-%'");
    jdbc.update("DELETE FROM ticket WHERE ticket_id LIKE 'RPT-%'");
  }

  @Test
  void figuresOfTheRequestsOpenedInThePeriod() {
    JsonNode report = get("lead", WEEK);
    assertThat(report.path("from").asText()).isEqualTo("2024-03-04");
    assertThat(report.path("zone").asText()).isEqualTo("Asia/Shanghai");
    assertThat(report.path("opened").asLong()).isEqualTo(6);
    assertThat(report.path("closed").asLong()).isEqualTo(4);
    assertThat(report.path("backlog").asLong()).isEqualTo(2);
    assertThat(report.path("resolutionRate").asDouble()).isCloseTo(4 / 6.0, within(1e-9));
    assertThat(report.path("reopenRate").asDouble()).isCloseTo(0.25, within(1e-9));
    // Only RPT-A: B was reopened, C reclassified, F consulted an expert (its requester's own reading right does not count).
    assertThat(report.path("firstContactResolved").asLong()).isEqualTo(1);
    assertThat(report.path("firstContactResolutionRate").asDouble()).isCloseTo(0.25, within(1e-9));
    // Response: B breached, E not yet due (not measured). Resolution: B's second round breached, D still
    // running past its due time; each round is a clock.
    assertThat(report.path("responseClocksMet").asLong()).isEqualTo(4);
    assertThat(report.path("responseClocksMeasured").asLong()).isEqualTo(5);
    assertThat(report.path("responseSlaCompliance").asDouble()).isCloseTo(0.8, within(1e-9));
    assertThat(report.path("resolutionClocksMet").asLong()).isEqualTo(4);
    assertThat(report.path("resolutionClocksMeasured").asLong()).isEqualTo(6);
    assertThat(report.path("resolutionSlaCompliance").asDouble()).isCloseTo(4 / 6.0, within(1e-9));
    // C closed by itself: no score.
    assertThat(report.path("rated").asLong()).isEqualTo(3);
    assertThat(report.path("meanSatisfaction").asDouble()).isCloseTo(4.0, within(1e-9));
    // Respond: 5, 10, 20, 40, 60 minutes. Resolve (closed only): 35, 120, 120, 2880.
    assertThat(report.path("meanTimeToRespondMinutes").asDouble()).isCloseTo(27.0, within(1e-9));
    assertThat(report.path("p50TimeToRespondMinutes").asDouble()).isCloseTo(20.0, within(1e-9));
    assertThat(report.path("p90TimeToRespondMinutes").asDouble()).isCloseTo(52.0, within(1e-9));
    assertThat(report.path("meanTimeToResolveMinutes").asDouble()).isCloseTo(788.75, within(1e-9));
    assertThat(report.path("p50TimeToResolveMinutes").asDouble()).isCloseTo(120.0, within(1e-9));
    assertThat(report.path("p90TimeToResolveMinutes").asDouble()).isCloseTo(2052.0, within(1e-9));

    assertThat(report.path("satisfactionCounts").toString()).isEqualTo("{\"1\":0,\"2\":0,\"3\":1,\"4\":1,\"5\":1}");
    assertThat(report.path("byDay").toString()).isEqualTo("{"
        + "\"2024-03-04\":{\"opened\":1,\"closed\":1},\"2024-03-05\":{\"opened\":1,\"closed\":1},"
        + "\"2024-03-06\":{\"opened\":1,\"closed\":0},\"2024-03-07\":{\"opened\":1,\"closed\":0},"
        + "\"2024-03-08\":{\"opened\":1,\"closed\":2},\"2024-03-09\":{\"opened\":0,\"closed\":1},"
        + "\"2024-03-10\":{\"opened\":1,\"closed\":0}}");
    JsonNode paused = report.path("phases").path("paused");
    assertThat(paused.path("count").asLong()).isEqualTo(2);
    assertThat(paused.path("meanMinutes").asDouble()).isCloseTo(45.0, within(1e-9));
    assertThat(paused.path("p90Minutes").asDouble()).isCloseTo(57.0, within(1e-9));
    assertThat(report.path("phases").path("accept").path("count").asLong()).isZero();
    assertThat(report.path("phases").path("accept").path("meanMinutes").isNull()).isTrue();
  }

  @Test
  void sameFiguresPerCategoryPriorityAndGroup() {
    JsonNode report = get("desk", WEEK);
    assertThat(fieldNames(report.path("byCategory"))).containsExactly("HARDWARE", "NETWORK", "SOFTWARE");
    assertThat(fieldNames(report.path("byPriority"))).containsExactly("(none)", "GENERAL", "IMPORTANT", "URGENT");
    assertThat(fieldNames(report.path("byGroup"))).containsExactly("(none)", "hardware-support", "software-support");

    JsonNode hardware = report.path("byCategory").path("HARDWARE");
    assertThat(hardware.path("opened").asLong()).isEqualTo(3);
    assertThat(hardware.path("closed").asLong()).isEqualTo(3);
    assertThat(hardware.path("reopenRate").asDouble()).isCloseTo(1 / 3.0, within(1e-9));
    assertThat(hardware.path("meanSatisfaction").asDouble()).isCloseTo(4.0, within(1e-9));
    assertThat(hardware.path("p50TimeToRespondMinutes").asDouble()).isCloseTo(10.0, within(1e-9));

    JsonNode general = report.path("byPriority").path("GENERAL");
    assertThat(general.path("opened").asLong()).isEqualTo(2);
    assertThat(general.path("backlog").asLong()).isEqualTo(1);
    assertThat(general.path("resolutionSlaCompliance").asDouble()).isCloseTo(0.5, within(1e-9));
    assertThat(general.path("meanSatisfaction").isNull()).isTrue();

    // Nothing measured: rates and times are null, counts zero.
    JsonNode unassigned = report.path("byGroup").path("(none)");
    assertThat(unassigned.path("opened").asLong()).isEqualTo(1);
    assertThat(unassigned.path("resolutionRate").asDouble()).isZero();
    for (String figure : List.of("reopenRate", "firstContactResolutionRate", "responseSlaCompliance",
        "resolutionSlaCompliance", "meanSatisfaction", "meanTimeToRespondMinutes", "p90TimeToResolveMinutes")) {
      assertThat(unassigned.path(figure).isNull()).as(figure).isTrue();
    }
    assertThat(report.path("byGroup").path("software-support").path("opened").asLong()).isEqualTo(2);
  }

  @Test
  void anEmptyPeriodIsZerosAndNulls() {
    JsonNode report = get("admin", "/api/reports/service?from=2021-06-01&to=2021-06-02");
    assertThat(report.path("opened").asLong()).isZero();
    assertThat(report.path("backlog").asLong()).isZero();
    assertThat(report.path("resolutionRate").isNull()).isTrue();
    assertThat(report.path("responseSlaCompliance").isNull()).isTrue();
    assertThat(report.path("meanSatisfaction").isNull()).isTrue();
    assertThat(report.path("p50TimeToRespondMinutes").isNull()).isTrue();
    assertThat(report.path("byCategory").size()).isZero();
    assertThat(report.path("byDay").toString())
        .isEqualTo("{\"2021-06-01\":{\"opened\":0,\"closed\":0},\"2021-06-02\":{\"opened\":0,\"closed\":0}}");
    assertThat(report.path("phases").path("paused").path("count").asLong()).isZero();
  }

  @Test
  void csvHasOneRowPerScope() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.ACCEPT, "text/csv");
    ResponseEntity<String> csv = rest.withBasicAuth("lead", "lead")
        .exchange(WEEK, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
    List<String> lines = csv.getBody().lines().toList();
    assertThat(lines.get(0)).startsWith("scope,opened,closed,backlog,resolutionRate,reopened,reopenRate,");
    // Jackson's CSV writer quotes a cell it finds unusual, such as "(none)".
    assertThat(lines.stream().map(line -> line.substring(0, line.indexOf(',')).replace("\"", ""))).containsExactly("scope", "overall",
        "category=HARDWARE", "category=NETWORK", "category=SOFTWARE", "priority=(none)", "priority=GENERAL",
        "priority=IMPORTANT", "priority=URGENT", "group=(none)", "group=hardware-support", "group=software-support");
    assertThat(lines.get(1)).startsWith("overall,6,4,2,0.6666666666666666,1,0.25,1,0.25,4,5,0.8,");
    // A null figure is an empty cell.
    assertThat(lines.get(3)).startsWith("category=NETWORK,1,0,1,0.0,0,,0,,0,0,,");
  }

  @Test
  void onlySupervisorsTheServiceDeskAndAdministratorsReadIt() {
    assertThat(rest.withBasicAuth("alice", "alice").getForEntity(WEEK, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth("tech", "tech").getForEntity(WEEK, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getForEntity(WEEK, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("desk", "desk").getForEntity(WEEK, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void aBadPeriodIsRefusedNamingTheField() {
    assertThat(errors("/api/reports/service?to=2024-03-10").path("from").asText()).contains("required");
    assertThat(errors("/api/reports/service?from=2024-03-04&to=10.3.2024").path("to").asText()).contains("date");
    assertThat(errors("/api/reports/service?from=2024-03-11&to=2024-03-10").path("from").asText()).contains("after");
    assertThat(errors("/api/reports/service?from=2023-01-01&to=2024-01-02").path("to").asText()).contains("366");
  }

  private JsonNode get(String user, String url) {
    ResponseEntity<JsonNode> response = rest.withBasicAuth(user, user).getForEntity(url, JsonNode.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  private JsonNode errors(String url) {
    ResponseEntity<JsonNode> response = rest.withBasicAuth("lead", "lead").getForEntity(url, JsonNode.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    return response.getBody().path("errors");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private void ticket(String id, String category, String priority, String group, String status, String created,
      String accepted, String resolved, String closed, String closeReason, Integer score, int reopenCount) {
    jdbc.update("""
        INSERT INTO ticket (ticket_id, process_instance_id, requester_name, requester_id, channel, subject, description,
          occurred_at, category, priority, candidate_group, status, close_reason, created_at, accepted_at, resolved_at,
          closed_at, satisfaction_score, reopen_count)
        VALUES (?, ?, 'Report Test', 'alice', 'PHONE', 'Report test', 'A ticket of the report test', ?, ?, ?, ?, ?, ?,
          ?, ?, ?, ?, ?, ?)""", id, "rpt-" + id, at(created), category, priority, group, status, closeReason,
        at(created), at(accepted), at(resolved), at(closed), score, reopenCount);
  }

  private void clock(String id, String kind, int round, String started, String due, String stopped, String breached) {
    jdbc.update("""
        INSERT INTO ticket_sla_clock (ticket_id, clock, reopen_round, started_at, due_at, stopped_at, breached_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)""", id, kind, round, at(started), at(due), at(stopped), at(breached));
  }

  private void pause(String id, String started, String ended) {
    jdbc.update("""
        INSERT INTO ticket_pause (ticket_id, started_at, ended_at, waiting_for, reason, paused_by, resumed_by)
        VALUES (?, ?, ?, 'REQUESTER', 'Waiting for logs', 'tech', 'tech')""", id, at(started), at(ended));
  }

  private void journalEntry(String id, String kind) {
    jdbc.update("INSERT INTO ticket_journal (ticket_id, logged_at, actor, kind, message) VALUES (?, ?, 'desk', ?, 'report test')",
        id, at("2024-03-06T14:30"), kind);
  }

  /** A local time in Asia/Shanghai as a UTC offset date-time both databases store exactly. */
  private static java.time.OffsetDateTime at(String localTime) {
    if (localTime == null) {
      return null;
    }
    Instant instant = local(localTime);
    return instant.atOffset(java.time.ZoneOffset.UTC);
  }
}
