package io.opsdesk.inspection.run;

import java.time.ZoneId;

import io.opsdesk.ticket.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes readings older than {@code opsdesk.inspection.keep-readings}, daily (see SchedulingConfig). */
@Component
public class InspectionCleanup {

  private static final Logger LOG = LoggerFactory.getLogger(InspectionCleanup.class);

  private final InspectionRecords records;
  private final InspectionSettings settings;

  public InspectionCleanup(InspectionRecords records, InspectionSettings settings) {
    this.records = records;
    this.settings = settings;
  }

  @Scheduled(cron = "${opsdesk.inspection.cleanup-cron:0 10 3 * * *}")
  public int deleteOldReadings() {
    var cutoff = EngineClock.now().atZone(ZoneId.systemDefault()).minus(settings.getKeepReadings()).toInstant();
    int deleted = records.deleteReadingsBefore(cutoff);
    if (deleted > 0) {
      LOG.info("Deleted {} inspection readings taken before {}", deleted, cutoff);
    }
    return deleted;
  }
}
