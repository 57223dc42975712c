package io.opsdesk.inspection.redfish;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.opsdesk.inspection.Severity;

/**
 * How a Redfish part is graded, the way check_redfish, Checkmk and ipmi_exporter do it: the BMC's
 * Status.Health maps OK/Warning/Critical to OK/WARNING/CRITICAL, a reading is compared with the part's
 * own thresholds, and the worse of the two counts.
 */
final class Grading {

  /** States of a part that is not there or switched off: skipped unless the inventory requires it. */
  static final Set<String> INACTIVE = Set.of("Absent", "Disabled", "StandbyOffline");

  private Grading() {
  }

  /** Status.Health (or HealthRollup); a missing value says nothing, an unknown one is a warning. */
  static Severity health(String health) {
    if (health == null) {
      return Severity.OK;
    }
    return switch (health) {
      case "OK" -> Severity.OK;
      case "Critical" -> Severity.CRITICAL;
      default -> Severity.WARNING;
    };
  }

  /** The worse of Status.Health and Status.HealthRollup. */
  static Severity status(JsonNode status) {
    return health(text(status, "Health")).worse(health(text(status, "HealthRollup")));
  }

  /** "Health=OK, HealthRollup=Critical, State=Enabled": what the BMC says about the part. */
  static String statusText(JsonNode status) {
    List<String> parts = new ArrayList<>();
    for (String field : List.of("Health", "HealthRollup", "State")) {
      String value = text(status, field);
      if (value != null) {
        parts.add(field + "=" + value);
      }
    }
    return parts.isEmpty() ? "no status" : String.join(", ", parts);
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  static Double number(JsonNode node) {
    return node.isNumber() ? node.doubleValue() : null;
  }

  /** 92.0 → "92", 12.50 → "12.5". */
  static String format(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** A part's thresholds; any of them may be missing (null). */
  record Thresholds(Double upperCaution, Double upperCritical, Double upperFatal,
                    Double lowerCaution, Double lowerCritical, Double lowerFatal) {

    /** Thresholds of the older Thermal/Power shape (UpperThresholdNonCritical ...). */
    static Thresholds ofOldShape(JsonNode part) {
      return new Thresholds(number(part.path("UpperThresholdNonCritical")), number(part.path("UpperThresholdCritical")),
          number(part.path("UpperThresholdFatal")), number(part.path("LowerThresholdNonCritical")),
          number(part.path("LowerThresholdCritical")), number(part.path("LowerThresholdFatal")));
    }

    /** Thresholds of the newer Sensor shape (Thresholds.UpperCaution.Reading ...). */
    static Thresholds ofSensor(JsonNode sensor) {
      JsonNode t = sensor.path("Thresholds");
      return new Thresholds(number(t.path("UpperCaution").path("Reading")), number(t.path("UpperCritical").path("Reading")),
          number(t.path("UpperFatal").path("Reading")), number(t.path("LowerCaution").path("Reading")),
          number(t.path("LowerCritical").path("Reading")), number(t.path("LowerFatal").path("Reading")));
    }

    /**
     * A reading against the thresholds: at or over an upper fatal/critical one, or at or below a lower
     * fatal/critical one, is CRITICAL; the same against a caution (non-critical) one is WARNING.
     */
    Graded grade(double reading, String unit) {
      String value = format(reading) + unit;
      if (upperFatal != null && reading >= upperFatal) {
        return new Graded(Severity.CRITICAL, value + " (fatal ≥ " + format(upperFatal) + unit + ")");
      }
      if (lowerFatal != null && reading <= lowerFatal) {
        return new Graded(Severity.CRITICAL, value + " (fatal ≤ " + format(lowerFatal) + unit + ")");
      }
      if (upperCritical != null && reading >= upperCritical) {
        return new Graded(Severity.CRITICAL, value + " (critical ≥ " + format(upperCritical) + unit + ")");
      }
      if (lowerCritical != null && reading <= lowerCritical) {
        return new Graded(Severity.CRITICAL, value + " (critical ≤ " + format(lowerCritical) + unit + ")");
      }
      if (upperCaution != null && reading >= upperCaution) {
        return new Graded(Severity.WARNING, value + " (warning ≥ " + format(upperCaution) + unit + ")");
      }
      if (lowerCaution != null && reading <= lowerCaution) {
        return new Graded(Severity.WARNING, value + " (warning ≤ " + format(lowerCaution) + unit + ")");
      }
      return new Graded(Severity.OK, value);
    }
  }

  /** A severity with the reading that explains it. */
  record Graded(Severity severity, String reading) {
  }
}
