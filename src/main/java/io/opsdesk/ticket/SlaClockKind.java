package io.opsdesk.ticket;

/** The two SLA clocks of a request (manual 5.2): until it is accepted, and until it is resolved. */
public enum SlaClockKind {
  RESPONSE("response"), RESOLUTION("resolution");

  private final String variablePrefix;

  SlaClockKind(String variablePrefix) {
    this.variablePrefix = variablePrefix;
  }

  /** The clock's process variables: {@code <prefix>Due} and {@code <prefix>Breached}. */
  public String dueVariable() {
    return variablePrefix + "Due";
  }

  public String breachedVariable() {
    return variablePrefix + "Breached";
  }

  /** The id of the timer event in service-request.bpmn that fires when the clock runs out. */
  public String timerActivity() {
    return "timer-" + variablePrefix + "-due";
  }

  /** The process variable with the time the handler group is warned: {@code <prefix>WarningAt}. */
  public String warningVariable() {
    return variablePrefix + "WarningAt";
  }

  /** The id of the timer event in service-request.bpmn that warns before the clock runs out. */
  public String warningTimerActivity() {
    return "timer-" + variablePrefix + "-warning";
  }

  /** From a model's input parameter ("response" or "resolution"). */
  public static SlaClockKind of(Object name) {
    for (SlaClockKind kind : values()) {
      if (kind.variablePrefix.equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("An SLA clock is response or resolution, not " + name);
  }
}
