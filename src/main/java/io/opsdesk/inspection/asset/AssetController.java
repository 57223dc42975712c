package io.opsdesk.inspection.asset;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.opsdesk.identity.Caller;
import io.opsdesk.identity.OpsDeskGroups;
import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.AssetType;
import io.opsdesk.ticket.InvalidInputException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The inventory over HTTP: staff read it; administrators and supervisors register, change and retire
 * assets. POST is idempotent: the same asset posted again replaces it (200) rather than adding one (201).
 */
@RestController
@RequestMapping("/api/assets")
public class AssetController {

  private static final Logger LOG = LoggerFactory.getLogger(AssetController.class);

  /** Its own parser: a field given twice is refused rather than silently the last one winning. */
  private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private final AssetRepository assets;
  private final AssetRules rules;

  public AssetController(AssetRepository assets, AssetRules rules) {
    this.assets = assets;
    this.rules = rules;
  }

  @GetMapping
  public List<Map<String, Object>> list(Authentication caller) {
    requireStaff(caller);
    return assets.all().stream().map(AssetController::view).toList();
  }

  @GetMapping("/{assetId}")
  public Map<String, Object> get(@PathVariable String assetId, Authentication caller) {
    requireStaff(caller);
    return view(assets.find(validPathId(assetId)).orElseThrow(() -> notFound(assetId)));
  }

  /** The body is read as bytes so that our own strict parser judges it; the documentation shows what it holds. */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
      schema = @Schema(implementation = Asset.class)))
  public ResponseEntity<Map<String, Object>> save(@RequestBody byte[] body, Authentication caller) {
    requireWriter(caller);
    Asset asset = rules.validate(fields(body));
    boolean created = assets.save(asset, caller.getName());
    LOG.info("Asset {} {} by {}", asset.assetId(), created ? "registered" : "updated", caller.getName());
    return created ? ResponseEntity.created(URI.create("/api/assets/" + asset.assetId())).body(view(asset))
        : ResponseEntity.ok(view(asset));
  }

  @DeleteMapping("/{assetId}")
  public ResponseEntity<Void> retire(@PathVariable String assetId, Authentication caller) {
    requireWriter(caller);
    if (!assets.delete(validPathId(assetId))) {
      throw notFound(assetId);
    }
    LOG.info("Asset {} retired by {}", assetId, caller.getName());
    return ResponseEntity.noContent().build();
  }

  /** What an asset is, without the fields of the other type: what GET answers can be posted back as it is. */
  static Map<String, Object> view(Asset asset) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("assetId", asset.assetId());
    view.put("type", asset.type());
    view.put("location", asset.location());
    view.put("ownerGroup", asset.ownerGroup());
    if (asset.type() == AssetType.SERVER) {
      view.put("redfishUrl", asset.redfishUrl());
      view.put("credentialRef", asset.credentialRef());
      view.put("requiredParts", asset.requiredParts());
    } else {
      view.put("host", asset.host());
      view.put("ports", asset.ports());
    }
    return view;
  }

  private static Map<String, Object> fields(byte[] body) {
    Map<String, Object> fields;
    try {
      fields = STRICT_JSON.readValue(body, new TypeReference<>() { });
    } catch (IOException e) {
      fields = null;
    }
    if (fields == null) {
      throw new InvalidInputException("Asset refused",
          Map.of("body", "must be one JSON object, each field at most once"));
    }
    return fields;
  }

  private static String validPathId(String assetId) {
    String problem = AssetRules.checkAssetId(assetId);
    if (problem != null) {
      throw new InvalidInputException("Bad asset id", Map.of("assetId", problem));
    }
    return assetId;
  }

  private static ResponseStatusException notFound(String assetId) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "No asset " + assetId);
  }

  private static void requireStaff(Authentication caller) {
    if (!Caller.isStaff(caller)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "The inventory is for staff");
    }
  }

  private static void requireWriter(Authentication caller) {
    if (!Caller.isInAny(caller, OpsDeskGroups.ADMINS, OpsDeskGroups.SUPERVISORS)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only administrators and supervisors change the inventory");
    }
  }
}
