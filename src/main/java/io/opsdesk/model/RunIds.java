package io.opsdesk.model;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import io.opsdesk.ticket.EngineClock;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.stereotype.Component;

/**
 * Ids of the runs of OpsDesk's machine processes (an inspection, a backup, a restore), used as
 * their business keys: the prefix and the minute the run started, e.g. BAK-20261202-0100, a second
 * run of the same process that minute BAK-20261202-0100-2. Always OpsDesk's own, never a key a
 * caller chose, because they also name records and files.
 */
@Component
public class RunIds {

  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

  private final HistoryService history;

  public RunIds(HistoryService history) {
    this.history = history;
  }

  /**
   * A new id for a run of {@code processKey}. Counts the runs of this minute so far in the history
   * (the calling one has no business key yet); two nodes starting the same process in the same
   * minute are not expected, as a timer fires on one node only.
   */
  public String next(String processKey, String prefix) {
    String base = prefix + "-" + MINUTE.format(EngineClock.now().atZone(ZoneId.systemDefault()));
    long taken = history.createHistoricProcessInstanceQuery().processDefinitionKey(processKey)
        .processInstanceBusinessKeyLike(base + "%").count();
    return taken == 0 ? base : base + "-" + (taken + 1);
  }
}
