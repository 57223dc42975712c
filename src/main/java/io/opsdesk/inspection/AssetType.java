package io.opsdesk.inspection;

/** What kind of asset is inspected and how: a SERVER over its Redfish BMC, a NETWORK device by TCP. */
public enum AssetType {
  SERVER, NETWORK
}
