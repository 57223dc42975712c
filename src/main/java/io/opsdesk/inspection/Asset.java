package io.opsdesk.inspection;

import java.util.List;

/**
 * An inspected asset of the inventory.
 *
 * @param redfishUrl    SERVER: the BMC's base URL, to which /redfish/v1/... is appended
 * @param credentialRef SERVER: a name resolved from configuration opsdesk.credentials.&lt;ref&gt;.username/password
 * @param host          NETWORK: host name or address
 * @param ports         NETWORK: TCP ports that must answer
 * @param requiredParts Redfish Names of parts that must be present: reported even when the BMC says
 *                      Absent, Disabled or StandbyOffline (empty: such parts are skipped)
 */
public record Asset(String assetId, AssetType type, String location, String ownerGroup,
    String redfishUrl, String credentialRef, String host, List<Integer> ports, List<String> requiredParts) {

  public Asset {
    ports = ports == null ? List.of() : List.copyOf(ports);
    requiredParts = requiredParts == null ? List.of() : List.copyOf(requiredParts);
  }
}
