package io.opsdesk.sla;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.opsdesk.OpsDeskApplication;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Calendars are checked when OpsDesk starts, as `java -jar` starts it: a mistake stops the start. */
@Tag("single-run")
class SlaStartupTest {

  @TempDir
  Path dataDir;

  @Test
  void aDeployedTableNamingAnUnconfiguredCalendarStopsTheStartUntilItIsConfigured() throws IOException {
    String table = Files.readString(Path.of("processes/sla.dmn")).replace("<text>\"business\"</text>", "<text>\"office\"</text>");
    try (ConfigurableApplicationContext running = run()) {
      running.getBean(ProcessEngine.class).getRepositoryService().createDeployment().name("sla calendar")
          .source("Camunda Modeler").addString("sla.dmn", table).deploy();
    }

    assertThatThrownBy(() -> run().close())
        .hasStackTraceContaining("Decision sla, priority GENERAL: Unknown SLA calendar \"office\"");

    try (ConfigurableApplicationContext configured = run("--opsdesk.sla.calendars.office.zone=Asia/Shanghai")) {
      assertThat(configured.getBean(SlaTargets.class).of("MINOR").calendar().name()).isEqualTo("office");
    }
  }

  @Test
  void aMistakeInACalendarStopsTheStartNamingTheSetting() {
    assertThatThrownBy(() -> run("--opsdesk.sla.calendars.business.hours.sunday=18:00-09:00").close())
        .hasStackTraceContaining("opsdesk.sla.calendars.business: hours.sunday: \"18:00-09:00\": opening hours end before they start");
    assertThatThrownBy(() -> run("--opsdesk.sla.calendars.business.holiday-files=" + dataDir.resolve("missing.ics")).close())
        .hasStackTraceContaining("opsdesk.sla.calendars.business: cannot read holiday file " + dataDir.resolve("missing.ics"));
  }

  private ConfigurableApplicationContext run(String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("opsdesk") + ";DB_CLOSE_ON_EXIT=FALSE",
        "--server.port=0", "--camunda.bpm.process-engine-name=sla-startup-test",
        "--camunda.bpm.job-execution.enabled=false", "--opsdesk.scheduling.enabled=false"));
    args.addAll(List.of(extra));
    return new SpringApplicationBuilder(OpsDeskApplication.class).run(args.toArray(String[]::new));
  }
}
