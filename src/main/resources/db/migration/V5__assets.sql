-- The inventory of inspected assets (io.opsdesk.inspection.asset), filled through POST /api/assets or the
-- inventory file. Never a secret: a SERVER names its credentials (credential_ref), configuration holds them.
-- The list columns hold JSON arrays: they are read and written whole, never searched. SQL common to
-- PostgreSQL and H2.
CREATE TABLE asset (
    asset_id        VARCHAR(64)    PRIMARY KEY,
    asset_type      VARCHAR(16)    NOT NULL,
    location        VARCHAR(200)   NOT NULL,
    owner_group     VARCHAR(64)    NOT NULL,
    redfish_url     VARCHAR(2048),                -- SERVER: the BMC's base URL
    credential_ref  VARCHAR(64),                  -- SERVER: opsdesk.credentials.<ref>.username/password
    host            VARCHAR(253),                 -- NETWORK: DNS name or IP literal
    ports           VARCHAR(1000),                -- NETWORK: JSON array of TCP ports that must answer
    required_parts  VARCHAR(16000) NOT NULL,      -- JSON array of Redfish part names, [] when none
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by      VARCHAR(64)    NOT NULL,      -- user id, or "inventory-file"
    CONSTRAINT asset_type_ck CHECK (asset_type IN ('SERVER', 'NETWORK')),
    CONSTRAINT asset_server_ck CHECK (asset_type <> 'SERVER'
        OR (redfish_url IS NOT NULL AND credential_ref IS NOT NULL AND host IS NULL AND ports IS NULL)),
    CONSTRAINT asset_network_ck CHECK (asset_type <> 'NETWORK'
        OR (host IS NOT NULL AND ports IS NOT NULL AND redfish_url IS NULL AND credential_ref IS NULL))
);
