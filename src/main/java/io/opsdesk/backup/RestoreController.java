package io.opsdesk.backup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opsdesk.backup.RestoreRecords.Restore;
import io.opsdesk.identity.Caller;
import io.opsdesk.identity.OpsDeskGroups;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Restore requests with their journals, for those who ask for and approve restores (data-support, supervisors) and administrators. */
@RestController
@RequestMapping("/api/restores")
public class RestoreController {

  static final int MAX_RESTORES = 200;
  static final String DATA_SUPPORT = "data-support";

  private final RestoreRecords records;

  public RestoreController(RestoreRecords records) {
    this.records = records;
  }

  /** The latest requests, newest first, each with its journal in order. */
  @GetMapping
  public List<Map<String, Object>> restores(Authentication caller) {
    if (!Caller.isInAny(caller, DATA_SUPPORT, OpsDeskGroups.SUPERVISORS, OpsDeskGroups.ADMINS)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Restore requests are for data-support and supervisors");
    }
    return records.latest(MAX_RESTORES).stream().map(this::body).toList();
  }

  private Map<String, Object> body(Restore restore) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("restoreId", restore.restoreId());
    body.put("target", restore.target());
    body.put("requester", restore.requester());
    body.put("reason", restore.reason());
    body.put("requestedAt", restore.requestedAt());
    body.put("status", restore.status().name());
    body.put("backupRunId", restore.backupRunId());
    body.put("mode", restore.mode());
    body.put("approver", restore.approver());
    body.put("restoredTo", restore.restoredTo());
    body.put("keptAs", restore.keptAs());
    body.put("journal", records.journal(restore.restoreId()));
    return body;
  }
}
