package io.shardgate.reshard.meta;

import io.shardgate.engine.rules.ProtocolTables;

import java.util.List;
import java.util.stream.Stream;

/**
 * The metadata store's tables; docs/resharding.md describes each. Those routers use too are defined with the
 * router protocol ({@link ProtocolTables}); these are the tool's own. Created with IF NOT EXISTS, so idempotent.
 */
final class MetaSchema {
    static final List<String> DDL = Stream.concat(ProtocolTables.DDL.stream(), Stream.of(
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
              direction VARCHAR(8) NOT NULL,
              data_source VARCHAR(100) NOT NULL,
              gtid VARCHAR(2000) NOT NULL,
              events_applied BIGINT NOT NULL DEFAULT 0,
              last_event_at DATETIME(3) NULL,
              updated_at DATETIME(3) NOT NULL,
              PRIMARY KEY (workflow, direction, data_source)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
            """
            CREATE TABLE IF NOT EXISTS sg_target_table (
              workflow VARCHAR(48) NOT NULL,
              node VARCHAR(200) NOT NULL,
              created TINYINT NOT NULL,
              PRIMARY KEY (workflow, node)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""")).toList();

    private MetaSchema() {
    }
}
