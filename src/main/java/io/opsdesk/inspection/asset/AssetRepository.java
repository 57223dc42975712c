package io.opsdesk.inspection.asset;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsdesk.inspection.Asset;
import io.opsdesk.inspection.AssetType;
import io.opsdesk.inspection.Assets;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The asset table. An asset is written whole: a save replaces every field, so saving the same asset
 * twice leaves the same row. Only {@link AssetRules}' output is ever saved.
 */
@Repository
public class AssetRepository implements Assets {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UPDATE = """
      UPDATE asset SET asset_type = :type, location = :location, owner_group = :ownerGroup,
        redfish_url = :redfishUrl, credential_ref = :credentialRef, host = :host, ports = :ports,
        required_parts = :requiredParts, updated_at = CURRENT_TIMESTAMP, updated_by = :actor
      WHERE asset_id = :assetId
      """;
  private static final String INSERT = """
      INSERT INTO asset (asset_id, asset_type, location, owner_group, redfish_url, credential_ref, host, ports,
        required_parts, created_at, updated_at, updated_by)
      VALUES (:assetId, :type, :location, :ownerGroup, :redfishUrl, :credentialRef, :host, :ports,
        :requiredParts, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, :actor)
      """;

  private final NamedParameterJdbcTemplate jdbc;

  public AssetRepository(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Every asset by asset id; sorted here, as H2 and PostgreSQL collate text differently. */
  @Override
  public List<Asset> all() {
    return jdbc.query("SELECT * FROM asset", AssetRepository::map).stream()
        .sorted(Comparator.comparing(Asset::assetId)).toList();
  }

  @Override
  public Optional<Asset> find(String assetId) {
    return jdbc.query("SELECT * FROM asset WHERE asset_id = :id", Map.of("id", assetId), AssetRepository::map)
        .stream().findFirst();
  }

  /** Creates the asset or replaces the one of its id; true when it was new. {@code actor} is recorded as the writer. */
  public boolean save(Asset asset, String actor) {
    MapSqlParameterSource params = new MapSqlParameterSource()
        .addValue("assetId", asset.assetId())
        .addValue("type", asset.type().name())
        .addValue("location", asset.location())
        .addValue("ownerGroup", asset.ownerGroup())
        .addValue("redfishUrl", asset.redfishUrl())
        .addValue("credentialRef", asset.credentialRef())
        .addValue("host", asset.host())
        .addValue("ports", asset.type() == AssetType.NETWORK ? json(asset.ports()) : null)
        .addValue("requiredParts", json(asset.requiredParts()))
        .addValue("actor", actor);
    if (jdbc.update(UPDATE, params) == 1) {
      return false;
    }
    try {
      jdbc.update(INSERT, params);
      return true;
    } catch (DuplicateKeyException e) {
      // A concurrent first save of the same id came first: this one replaces it, as if it had come second.
      jdbc.update(UPDATE, params);
      return false;
    }
  }

  /** Removes the asset; false when there was none. */
  public boolean delete(String assetId) {
    return jdbc.update("DELETE FROM asset WHERE asset_id = :id", Map.of("id", assetId)) == 1;
  }

  private static String json(List<?> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A list of numbers or strings is always JSON", e);
    }
  }

  private static <T> List<T> list(String json, TypeReference<List<T>> type) {
    if (json == null) {
      return List.of();
    }
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable list in the asset table", e);
    }
  }

  private static Asset map(ResultSet rs, int row) throws SQLException {
    return new Asset(
        rs.getString("asset_id"),
        AssetType.valueOf(rs.getString("asset_type")),
        rs.getString("location"),
        rs.getString("owner_group"),
        rs.getString("redfish_url"),
        rs.getString("credential_ref"),
        rs.getString("host"),
        list(rs.getString("ports"), new TypeReference<>() { }),
        list(rs.getString("required_parts"), new TypeReference<>() { }));
  }
}
