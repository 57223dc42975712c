package io.opsdesk.ticket;

import java.util.List;

/** The contract's fixed string values, shared by intake, tasks and the API. */
public final class Vocabulary {

  public static final List<String> CATEGORIES = List.of("HARDWARE", "SOFTWARE", "NETWORK", "DATA", "SECURITY", "OTHER");
  public static final List<String> CHANNELS = List.of("PHONE", "EMAIL", "WEB", "MONITORING");
  public static final List<String> LEVELS = List.of("HIGH", "MEDIUM", "LOW");
  public static final List<String> PRIORITIES = List.of("URGENT", "IMPORTANT", "GENERAL", "MINOR");

  private Vocabulary() {
  }
}
