package io.opsdesk.report;

import java.time.ZoneId;
import java.util.List;

import io.opsdesk.identity.Caller;
import io.opsdesk.identity.OpsDeskGroups;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The service report for supervisors, the service desk and administrators (README "Service report"). */
@RestController
@RequestMapping("/api/reports/service")
public class ServiceReportController {

  static final String CSV = "text/csv";
  private static final MediaType TEXT_CSV = MediaType.parseMediaType(CSV);

  /** A year of weekly reports. */
  static final int WEEKLY_LIMIT = 52;

  private final ServiceReports reports;
  private final StoredServiceReports stored;

  public ServiceReportController(ServiceReports reports, StoredServiceReports stored) {
    this.reports = reports;
    this.stored = stored;
  }

  /** The reports process service-report stored, newest week first, at most a year of them. */
  @GetMapping(path = "/weekly", produces = "application/json")
  public List<StoredServiceReports.Stored> weekly(Authentication caller) {
    checkReader(caller);
    return stored.latest(WEEKLY_LIMIT);
  }

  /** JSON, or CSV when the caller's Accept names text/csv (or text/*). */
  @GetMapping(produces = {"application/json", CSV})
  public ResponseEntity<?> report(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, Authentication caller) {
    ServiceReport report = compute(from, to, caller);
    boolean csv = accept != null && MediaType.parseMediaTypes(accept).stream()
        .anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(TEXT_CSV));
    return csv ? ResponseEntity.ok().contentType(TEXT_CSV).body(ServiceReportCsv.write(report))
        : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
  }

  private ServiceReport compute(String from, String to, Authentication caller) {
    checkReader(caller);
    return reports.compute(ReportPeriod.parse(from, to), ZoneId.systemDefault());
  }

  /** Reports show every group's work: for those who oversee the desk, not for requesters or handlers. */
  static void checkReader(Authentication caller) {
    if (!Caller.isInAny(caller, OpsDeskGroups.SUPERVISORS, OpsDeskGroups.SERVICE_DESK, OpsDeskGroups.ADMINS)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Service reports are for supervisors, the service desk and administrators");
    }
  }
}
