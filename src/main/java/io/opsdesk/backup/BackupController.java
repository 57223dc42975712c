package io.opsdesk.backup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opsdesk.backup.BackupRecords.Backup;
import io.opsdesk.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The backup record, for staff (service desk, support groups, supervisors, administrators). */
@RestController
@RequestMapping("/api/backups")
public class BackupController {

  static final int MAX_BACKUPS = 200;

  private final BackupRecords records;

  public BackupController(BackupRecords records) {
    this.records = records;
  }

  /** The latest finished backups, newest first (one per target and run). */
  @GetMapping
  public List<Map<String, Object>> backups(Authentication caller) {
    if (!Caller.isStaff(caller)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Backup records are for staff");
    }
    return records.finished(MAX_BACKUPS).stream().map(BackupController::body).toList();
  }

  private static Map<String, Object> body(Backup backup) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("runId", backup.runId());
    body.put("target", backup.target());
    body.put("startedAt", backup.startedAt());
    body.put("finishedAt", backup.finishedAt());
    body.put("status", backup.status().name());
    body.put("path", backup.path());
    body.put("sizeBytes", backup.sizeBytes());
    body.put("sha256", backup.sha256());
    body.put("verified", backup.verified());
    body.put("verifiedAt", backup.verifiedAt());
    body.put("error", backup.error());
    return body;
  }
}
