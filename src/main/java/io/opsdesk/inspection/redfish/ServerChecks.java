package io.opsdesk.inspection.redfish;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.Finding;
import io.opsdesk.inspection.Finding.Check;
import io.opsdesk.inspection.Severity;
import io.opsdesk.inspection.redfish.Grading.Graded;
import io.opsdesk.inspection.redfish.Grading.Thresholds;

/**
 * The component checks of one server, walking its Redfish tree: systems (health, locate LED, storage
 * controllers, drives, volumes; or SimpleStorage) and chassis (health, locate LED, temperatures, fans, power supplies) in
 * the older Thermal/Power shape or the newer ThermalSubsystem/PowerSubsystem/Sensors shape.
 */
final class ServerChecks {

  private final RedfishReader reader;
  private final Asset asset;
  private final List<Finding> findings = new ArrayList<>();

  private ServerChecks(RedfishReader reader, Asset asset) {
    this.reader = reader;
    this.asset = asset;
  }

  static List<Finding> of(RedfishReader reader, Asset asset) throws BmcFailure {
    ServerChecks checks = new ServerChecks(reader, asset);
    for (JsonNode system : reader.members(reader.root().path("Systems"))) {
      checks.system(system);
    }
    for (JsonNode chassis : reader.members(reader.root().path("Chassis"))) {
      checks.chassis(chassis);
    }
    return checks.findings;
  }

  private void system(JsonNode system) throws BmcFailure {
    if (!present(system, Check.HEALTH)) {
      return;
    }
    enclosure(system);
    for (JsonNode storage : reader.members(system.path("Storage"))) {
      storage(storage);
    }
    if (!system.has("Storage")) {
      // Older BMCs describe their disks only as SimpleStorage: a controller with its devices inline.
      for (JsonNode storage : reader.members(system.path("SimpleStorage"))) {
        part(storage, Check.STORAGE);
        for (JsonNode device : storage.path("Devices")) {
          drive(device);
        }
      }
    }
  }

  private void chassis(JsonNode chassis) throws BmcFailure {
    if (!present(chassis, Check.HEALTH)) {
      return;
    }
    enclosure(chassis);
    if (chassis.has("ThermalSubsystem")) {
      JsonNode thermal = reader.follow(chassis.path("ThermalSubsystem"));
      for (JsonNode fan : reader.members(thermal.path("Fans"))) {
        newFan(fan);
      }
      for (JsonNode sensor : reader.members(chassis.path("Sensors"))) {
        if ("Temperature".equals(Grading.text(sensor, "ReadingType"))) {
          reading(sensor, Check.TEMPERATURE, number(sensor, "Reading"), unit(sensor), Thresholds.ofSensor(sensor));
        }
      }
    } else if (chassis.has("Thermal")) {
      JsonNode thermal = reader.follow(chassis.path("Thermal"));
      for (JsonNode temperature : thermal.path("Temperatures")) {
        reading(temperature, Check.TEMPERATURE, number(temperature, "ReadingCelsius"), " °C",
            Thresholds.ofOldShape(temperature));
      }
      for (JsonNode fan : thermal.path("Fans")) {
        reading(fan, Check.FAN, number(fan, "Reading"), unit(fan), Thresholds.ofOldShape(fan));
      }
    }
    if (chassis.has("PowerSubsystem")) {
      JsonNode power = reader.follow(chassis.path("PowerSubsystem"));
      for (JsonNode supply : reader.members(power.path("PowerSupplies"))) {
        part(supply, Check.POWER);
      }
    } else if (chassis.has("Power")) {
      for (JsonNode supply : reader.follow(chassis.path("Power")).path("PowerSupplies")) {
        part(supply, Check.POWER);
      }
    }
  }

  /** Health of a system or chassis, and its locate LED. */
  private void enclosure(JsonNode enclosure) {
    JsonNode status = enclosure.path("Status");
    add(enclosure, Check.HEALTH, Grading.status(status), Grading.statusText(status));
    String led = Grading.text(enclosure, "IndicatorLED");
    JsonNode active = enclosure.path("LocationIndicatorActive");
    if (active.isBoolean()) {
      add(enclosure, Check.INDICATOR, Severity.OK, "locate LED " + (active.asBoolean() ? "on" : "off"));
    } else if (led != null) {
      add(enclosure, Check.INDICATOR, Severity.OK, "locate LED " + led);
    }
  }

  private void storage(JsonNode storage) throws BmcFailure {
    if (!present(storage, Check.STORAGE)) {
      return;
    }
    if (storage.has("Controllers")) {
      for (JsonNode controller : reader.members(storage.path("Controllers"))) {
        part(controller, Check.STORAGE);
      }
    } else if (storage.path("StorageControllers").size() > 0) {
      for (JsonNode controller : storage.path("StorageControllers")) {
        part(controller, Check.STORAGE);
      }
    } else {
      part(storage, Check.STORAGE);
    }
    for (JsonNode link : storage.path("Drives")) {
      drive(reader.follow(link));
    }
    for (JsonNode volume : reader.members(storage.path("Volumes"))) {
      volume(volume);
    }
  }

  private void drive(JsonNode drive) {
    if (!present(drive, Check.DRIVE)) {
      return;
    }
    JsonNode status = drive.path("Status");
    Severity severity = Grading.status(status);
    String text = Grading.statusText(status);
    String indicator = Grading.text(drive, "StatusIndicator");
    if ("Fail".equals(indicator)) {
      severity = Severity.CRITICAL;
      text += ", StatusIndicator=Fail";
    } else if ("Rebuild".equals(indicator) || "PredictiveFailureAnalysis".equals(indicator)) {
      severity = severity.worse(Severity.WARNING);
      text += ", StatusIndicator=" + indicator;
    }
    if (drive.path("FailurePredicted").asBoolean(false)) {
      severity = severity.worse(Severity.WARNING);
      text += ", failure predicted";
    }
    add(drive, Check.DRIVE, severity, severity == Severity.CRITICAL ? "Drive failed: " + status(text) : text);
  }

  private void volume(JsonNode volume) {
    if (!present(volume, Check.VOLUME)) {
      return;
    }
    JsonNode status = volume.path("Status");
    Severity severity = Grading.status(status);
    List<String> text = new ArrayList<>();
    String raid = Grading.text(volume, "RAIDType");
    if (raid != null) {
      text.add(raid);
    }
    for (JsonNode operation : volume.path("Operations")) {
      // OperationName until Volume v1.8, Operation since.
      String name = Optional.ofNullable(Grading.text(operation, "Operation")).orElse(Grading.text(operation, "OperationName"));
      Double done = number(operation, "PercentageComplete");
      text.add((name == null ? "operation" : name) + (done == null ? "" : " " + Grading.format(done) + " % done"));
      if (name != null && name.startsWith("Rebuild")) {
        severity = severity.worse(Severity.WARNING);
      }
    }
    if (severity != Severity.OK && raid != null) {
      text.set(0, raid + " degraded");
    }
    text.add(Grading.statusText(status));
    add(volume, Check.VOLUME, severity, String.join(", ", text));
  }

  private void newFan(JsonNode fan) throws BmcFailure {
    JsonNode speed = fan.path("SpeedPercent");
    String source = Grading.text(speed, "DataSourceUri");
    if (source != null) {
      // The fan's own sensor holds the thresholds; its status counts with the fan's.
      JsonNode sensor = reader.resource(source);
      reading(fan, Check.FAN, number(sensor, "Reading"), unit(sensor), Thresholds.ofSensor(sensor));
    } else {
      reading(fan, Check.FAN, number(speed, "Reading"), " %", Thresholds.ofSensor(fan));
    }
  }

  /** A part with a reading: the worse of the BMC's health and the reading against its thresholds. */
  private void reading(JsonNode part, Check check, Double value, String unit, Thresholds thresholds) {
    if (!present(part, check)) {
      return;
    }
    JsonNode status = part.path("Status");
    Severity health = Grading.status(status);
    if (value == null) {
      add(part, check, health, "no reading, " + Grading.statusText(status));
      return;
    }
    Graded graded = thresholds.grade(value, unit);
    String text = graded.reading();
    if (graded.severity() != health && status.has("Health")) {
      // Say so when the BMC and the thresholds disagree: that is the fault a BMC hides.
      text += ", BMC says Health=" + Grading.text(status, "Health");
    }
    add(part, check, graded.severity().worse(health), text);
  }

  /** A part graded by its health only. */
  private void part(JsonNode part, Check check) {
    if (present(part, check)) {
      JsonNode status = part.path("Status");
      add(part, check, Grading.status(status), Grading.statusText(status));
    }
  }

  /**
   * False for a part whose State is Absent, Disabled or StandbyOffline: skipped, unless the inventory
   * names it in requiredParts; then it is reported, CRITICAL when absent and WARNING when switched off.
   */
  private boolean present(JsonNode part, Check check) {
    String state = Grading.text(part.path("Status"), "State");
    if (state == null || !Grading.INACTIVE.contains(state)) {
      return true;
    }
    String id = Grading.text(part, "Id");
    if (asset.requiredParts().contains(name(part)) || id != null && asset.requiredParts().contains(id)) {
      add(part, check, "Absent".equals(state) ? Severity.CRITICAL : Severity.WARNING,
          "required part is " + Grading.statusText(part.path("Status")));
    }
    return false;
  }

  private void add(JsonNode part, Check check, Severity severity, String reading) {
    findings.add(new Finding(asset.assetId(), name(part), check.name(), severity, reading));
  }

  /** The part's Redfish Name; older fans call it FanName; else its Id or MemberId. */
  static String name(JsonNode part) {
    for (String field : List.of("Name", "FanName", "Id", "MemberId")) {
      String value = Grading.text(part, field);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return "(unnamed)";
  }

  private static String status(String text) {
    return text.replace("Health=", "Status.Health=");
  }

  private static Double number(JsonNode node, String field) {
    return Grading.number(node.path(field));
  }

  private static String unit(JsonNode part) {
    String unit = Grading.text(part, "ReadingUnits");
    if (unit == null) {
      return "";
    }
    return switch (unit) {
      case "Cel" -> " °C";
      case "RPM" -> " RPM";
      case "Percent", "%" -> " %";
      default -> " " + unit;
    };
  }
}
