package io.shardgate.engine.rules;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The metadata-store tables routers and the resharding tool share, defined once here so both sides agree on them:
 * rule versions, the published version, workflows, router registrations, and the switch (cutover or rollback)
 * requests with each router's acknowledgements. Created with IF NOT EXISTS by whichever side connects first.
 */
public final class ProtocolTables {
    /** Workflow states in which routers track the workflow's tables; the others are terminal. */
    public static final List<String> ACTIVE_WORKFLOW_STATES =
            List.of("PLANNED", "COPYING", "STREAMING", "CUTTING_OVER", "CUT_OVER");

    public static final List<String> DDL = List.of(
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
              moving_tables VARCHAR(4000) NOT NULL DEFAULT '',
              handover_requested_by VARCHAR(16) NULL,
              created_at DATETIME(3) NOT NULL,
              updated_at DATETIME(3) NOT NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
            """
            CREATE TABLE IF NOT EXISTS sg_router (
              router_id VARCHAR(128) NOT NULL PRIMARY KEY,
              kind VARCHAR(16) NOT NULL,
              host VARCHAR(255) NOT NULL,
              pid BIGINT NOT NULL,
              rules_version BIGINT NOT NULL,
              registered_at DATETIME(3) NOT NULL,
              heartbeat_at DATETIME(3) NOT NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
            """
            CREATE TABLE IF NOT EXISTS sg_switch (
              workflow VARCHAR(48) NOT NULL,
              attempt INT NOT NULL,
              kind VARCHAR(16) NOT NULL,
              phase VARCHAR(16) NOT NULL,
              tables VARCHAR(4000) NOT NULL,
              from_version BIGINT NOT NULL,
              to_version BIGINT NOT NULL,
              started_at DATETIME(3) NOT NULL,
              hold_at DATETIME(3) NULL,
              ended_at DATETIME(3) NULL,
              note VARCHAR(2000) NULL,
              PRIMARY KEY (workflow, attempt)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
            """
            CREATE TABLE IF NOT EXISTS sg_switch_ack (
              workflow VARCHAR(48) NOT NULL,
              attempt INT NOT NULL,
              router_id VARCHAR(128) NOT NULL,
              prepared_at DATETIME(3) NULL,
              held_at DATETIME(3) NULL,
              released_at DATETIME(3) NULL,
              hold_millis BIGINT NULL,
              error VARCHAR(1000) NULL,
              PRIMARY KEY (workflow, attempt, router_id)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""");

    private ProtocolTables() {
    }

    /**
     * Creates the missing tables. A router whose user may not create tables still works against a store the tool
     * has set up, so the failure is only reported when the tables are really missing.
     */
    static void createMissing(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String ddl : DDL) {
                statement.execute(ddl);
            }
        } catch (SQLException e) {
            try (Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT 1 FROM sg_switch_ack WHERE 1 = 0").close();
            } catch (SQLException missing) {
                e.addSuppressed(missing);
                throw e;
            }
        }
    }
}
