package io.opsdesk.inspection.asset;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.opsdesk.inspection.Asset;
import io.opsdesk.ticket.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inventory file ({@code opsdesk.inspection.inventory-file}, a {@code file:} or {@code classpath:}
 * location): read at start-up, once the database is migrated, and every entry saved as POST /api/assets
 * would save it. The whole file is judged before anything is saved: a bad entry refuses the start-up,
 * naming the entry and its fields, and saves nothing. Assets not in the file are left as they are.
 */
@Component
public class InventoryFile implements ApplicationRunner {

  /** Recorded as the writer of what the file saved. */
  static final String ACTOR = "inventory-file";

  private static final Logger LOG = LoggerFactory.getLogger(InventoryFile.class);
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private final AssetRules rules;
  private final AssetRepository assets;
  private final TransactionTemplate transaction;
  private final ResourceLoader resources;
  private final String location;

  public InventoryFile(AssetRules rules, AssetRepository assets, PlatformTransactionManager transactions,
      ResourceLoader resources, @Value("${opsdesk.inspection.inventory-file:}") String location) {
    this.rules = rules;
    this.assets = assets;
    this.transaction = new TransactionTemplate(transactions);
    this.resources = resources;
    this.location = location;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (location.isBlank()) {
      return;
    }
    List<Asset> entries = read(resources.getResource(location.strip()), rules);
    transaction.executeWithoutResult(status -> entries.forEach(asset -> assets.save(asset, ACTOR)));
    LOG.info("Inventory file {}: {} assets saved", location, entries.size());
  }

  /**
   * The assets of the file: a YAML list of assets with the fields of POST /api/assets, under {@code assets:}
   * (or at the top level). Refused as a whole, with every bad entry named, by an IllegalStateException.
   */
  static List<Asset> read(Resource file, AssetRules rules) {
    String name = "Inventory file " + file.getDescription();
    Object document;
    try (InputStream in = file.getInputStream()) {
      document = YAML.readValue(in, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(name + " is not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
    } catch (IOException e) {
      throw new IllegalStateException(name + " cannot be read: " + e.getMessage(), e);
    }
    if (document instanceof Map<?, ?> top && top.size() == 1 && top.containsKey("assets")) {
      document = top.get("assets");
    }
    if (!(document instanceof List<?> entries)) {
      throw new IllegalStateException(name + " must hold a list of assets under 'assets:'");
    }
    List<String> problems = new ArrayList<>();
    List<Asset> assets = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      String entry = "entry " + (i + 1);
      if (!(entries.get(i) instanceof Map<?, ?> fields)) {
        problems.add(entry + ": must be a mapping of asset fields");
        continue;
      }
      Object id = fields.get("assetId");
      if (AssetRules.checkAssetId(id) == null) {
        entry += " (" + id + ")";
      }
      try {
        @SuppressWarnings("unchecked")
        Asset asset = rules.validate((Map<String, ?>) fields);
        Integer first = seen.putIfAbsent(asset.assetId(), i + 1);
        if (first != null) {
          problems.add(entry + ": assetId repeats entry " + first);
        } else {
          assets.add(asset);
        }
      } catch (InvalidInputException e) {
        problems.add(entry + ": " + e.getErrors().entrySet().stream()
            .map(error -> error.getKey() + " " + error.getValue()).collect(Collectors.joining(", ")));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(name + " refused, nothing was saved: " + String.join("; ", problems));
    }
    return assets;
  }
}
