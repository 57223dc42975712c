package io.opsdesk.inspection;

import java.util.Objects;

/**
 * One reading of one part of one asset in one inspection: what was checked and how it stands.
 *
 * @param assetId   the inventory's asset id
 * @param component the part's Redfish {@code Name} (e.g. "CPU1 Temp", "Fan 3"), the port ("tcp/443"), or
 *                  "BMC" for the management interface itself
 * @param check     what kind of check (one of {@link Check}'s names), the key of inspection-triage
 * @param severity  the graded outcome
 * @param reading   what was seen, for a person: "92 °C (critical ≥ 90 °C)", "Health=Critical",
 *                  "no answer after 3 s"; never a secret
 */
public record Finding(String assetId, String component, String check, Severity severity, String reading) {

  public Finding {
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(severity, "severity");
  }

  /** The checks an inspection makes; their names are the {@code check} values of findings and DMN rules. */
  public enum Check {
    /** The BMC itself answered properly (UNKNOWN = monitoring failure; then no other finding of that host). */
    BMC,
    /** Status.Health / HealthRollup / State of a system or chassis. */
    HEALTH,
    TEMPERATURE,
    FAN,
    POWER,
    /** Storage controllers. */
    STORAGE,
    DRIVE,
    VOLUME,
    /** Locate LED: informational, always OK. */
    INDICATOR,
    /** A TCP port that must answer. */
    PORT,
    /** An HTTPS endpoint's certificate expiry (manual 5.4.3). */
    CERTIFICATE
  }
}
