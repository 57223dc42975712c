package io.opsdesk.report;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.opsdesk.identity.Caller;
import io.opsdesk.identity.OpsDeskGroups;
import io.opsdesk.ticket.EngineClock;
import io.opsdesk.ticket.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/reports/at-risk}: what a supervisor must act on now (see {@link AtRiskRequests}). */
@RestController
public class AtRiskController {

  private final AtRiskRequests atRisk;

  public AtRiskController(AtRiskRequests atRisk) {
    this.atRisk = atRisk;
  }

  /** For supervisors and administrators, who watch the SLA across all groups (the Cockpit dashboard). */
  @GetMapping("/api/reports/at-risk")
  public List<AtRiskRequests.AtRisk> atRisk(HttpServletRequest request, Authentication caller) {
    if (!Caller.isInAny(caller, OpsDeskGroups.SUPERVISORS, OpsDeskGroups.ADMINS)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "The at-risk list is for supervisors and administrators");
    }
    if (!request.getParameterMap().isEmpty()) {
      throw new InvalidInputException("The at-risk list takes no parameters",
          Map.of(request.getParameterNames().nextElement(), "unknown parameter"));
    }
    return atRisk.at(EngineClock.now());
  }
}
