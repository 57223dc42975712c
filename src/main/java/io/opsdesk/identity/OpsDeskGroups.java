package io.opsdesk.identity;

import java.util.List;

/** The groups of the contract. */
public final class OpsDeskGroups {

  public static final String SERVICE_DESK = "service-desk";
  public static final String SUPERVISORS = "supervisors";
  public static final String REQUESTERS = "requesters";
  public static final String ADMINS = "camunda-admin";
  public static final List<String> SUPPORT = List.of(
      "hardware-support", "software-support", "network-support", "data-support", "security-support");

  /** Groups whose members work on everybody's requests and so may read every ticket. */
  public static final List<String> STAFF = List.of(SERVICE_DESK, SUPERVISORS, ADMINS,
      "hardware-support", "software-support", "network-support", "data-support", "security-support");

  private OpsDeskGroups() {
  }
}
