package io.opsdesk.ticket;

import java.util.List;
import java.util.Map;

/** The contract's fixed string values, shared by intake, tasks and the API. */
public final class Vocabulary {

  public static final List<String> CATEGORIES = List.of("HARDWARE", "SOFTWARE", "NETWORK", "DATA", "SECURITY", "OTHER");
  public static final List<String> CHANNELS = List.of("PHONE", "EMAIL", "WEB", "MONITORING");
  public static final List<String> LEVELS = List.of("HIGH", "MEDIUM", "LOW");
  public static final List<String> PRIORITIES = List.of("URGENT", "IMPORTANT", "GENERAL", "MINOR");

  /** Variables whose value must be one of a fixed list. */
  public static final Map<String, List<String>> BY_VARIABLE = Map.of(
      "category", CATEGORIES,
      "channel", CHANNELS,
      "impact", LEVELS,
      "urgency", LEVELS);

  private Vocabulary() {
  }
}
