package io.shardgate.reshard.meta;

import java.util.List;

/** The metadata store's tables; docs/resharding.md describes each. Created with IF NOT EXISTS, so idempotent. */
final class MetaSchema {
    static final List<String> DDL = List.of(
            """
            CREATE TABLE IF NOT EXISTS sg_rules (
              version BIGINT NOT NULL PRIMARY KEY,
              yaml MEDIUMTEXT NOT NULL,
              sha256 CHAR(64) NOT NULL,
              created_at DATETIME(3) NOT NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
            """
            CREATE TABLE IF NOT EXISTS sg_current_rules (
              id TINYINT NOT NULL PRIMARY KEY,
              version BIGINT NOT NULL,
              updated_at DATETIME(3) NOT NULL
            ) ENGINE=InnoDB""",
            """
            CREATE TABLE IF NOT EXISTS sg_workflow (
              name VARCHAR(48) NOT NULL PRIMARY KEY,
              state VARCHAR(16) NOT NULL,
              from_version BIGINT NOT NULL,
              to_version BIGINT NOT NULL,
              created_at DATETIME(3) NOT NULL,
              updated_at DATETIME(3) NOT NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
            """
            CREATE TABLE IF NOT EXISTS sg_workflow_history (
              id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
              workflow VARCHAR(48) NOT NULL,
              from_state VARCHAR(16) NULL,
              to_state VARCHAR(16) NOT NULL,
              at DATETIME(3) NOT NULL,
              note VARCHAR(1000) NULL,
              KEY (workflow, id)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
            """
            CREATE TABLE IF NOT EXISTS sg_copy_checkpoint (
              workflow VARCHAR(48) NOT NULL,
              table_name VARCHAR(64) NOT NULL,
              source_node VARCHAR(200) NOT NULL,
              last_key TEXT NULL,
              rows_scanned BIGINT NOT NULL DEFAULT 0,
              rows_copied BIGINT NOT NULL DEFAULT 0,
              estimated_rows BIGINT NOT NULL DEFAULT 0,
              done TINYINT NOT NULL DEFAULT 0,
              run_started_at DATETIME(3) NULL,
              rows_at_run_start BIGINT NOT NULL DEFAULT 0,
              updated_at DATETIME(3) NOT NULL,
              PRIMARY KEY (workflow, table_name, source_node)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
            """
            CREATE TABLE IF NOT EXISTS sg_stream_position (
              workflow VARCHAR(48) NOT NULL,
              data_source VARCHAR(100) NOT NULL,
              gtid VARCHAR(2000) NOT NULL,
              events_applied BIGINT NOT NULL DEFAULT 0,
              last_event_at DATETIME(3) NULL,
              updated_at DATETIME(3) NOT NULL,
              PRIMARY KEY (workflow, data_source)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
            """
            CREATE TABLE IF NOT EXISTS sg_target_table (
              workflow VARCHAR(48) NOT NULL,
              node VARCHAR(200) NOT NULL,
              created TINYINT NOT NULL,
              PRIMARY KEY (workflow, node)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
            """
            CREATE TABLE IF NOT EXISTS sg_router (
              router_id VARCHAR(128) NOT NULL PRIMARY KEY,
              kind VARCHAR(16) NOT NULL,
              host VARCHAR(255) NOT NULL,
              rules_version BIGINT NOT NULL,
              registered_at DATETIME(3) NOT NULL,
              heartbeat_at DATETIME(3) NOT NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""");

    private MetaSchema() {
    }
}
