package io.opsdesk.inspection;

import java.util.List;
import java.util.Optional;

/** The inventory of inspected assets (table {@code asset}, filled by POST /api/assets or a YAML file). */
public interface Assets {

  List<Asset> all();

  Optional<Asset> find(String assetId);
}
