package io.shardgate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardgate.engine.EngineSession;
import io.shardgate.engine.ShardgateEngine;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Metadata shows the logical database: logical table names, the backend's dialect, Shardgate's capabilities. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseMetaDataTest {
    private DropInShards shards;

    @BeforeAll
    void start() throws SQLException {
        shards = new DropInShards("metadata");
    }

    @AfterAll
    void stop() throws SQLException {
        shards.close();
    }

    private static List<String> column(ResultSet rs, String label) throws SQLException {
        List<String> values = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                values.add(rs.getString(label));
            }
        }
        return values;
    }

    @Test
    void tablesAreListedByLogicalNameWithTheDefaultDataSourcesOwnTables() throws SQLException {
        try (Connection c = shards.connect()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getTables(null, null, "%", new String[]{"TABLE", "BASE TABLE"})) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME"));
                    assertThat(rs.getString("TABLE_CAT")).isNull();
                    assertThat(rs.getString("TABLE_SCHEM")).isNull();
                }
                assertThat(names).containsExactly("events", "orders", "settings");
            }
            assertThat(column(meta.getTables(null, null, "ord%", null), "TABLE_NAME")).containsExactly("orders");
            assertThat(column(meta.getTables(null, null, "orders_0", null), "TABLE_NAME"))
                    .as("physical tables are not shown").isEmpty();
        }
    }

    @Test
    void columnsOfALogicalTableComeFromItsFirstPhysicalTable() throws SQLException {
        try (Connection c = shards.connect()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getColumns(null, null, "events", "%")) {
                List<String> columns = new ArrayList<>();
                while (rs.next()) {
                    assertThat(rs.getString("TABLE_NAME")).isEqualTo("events");
                    columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("ORDINAL_POSITION"));
                }
                assertThat(columns).containsExactly("seq:1", "event_id:2", "user_id:3", "kind:4");
            }
            assertThat(column(meta.getColumns(null, null, "%", "name"), "TABLE_NAME")).containsExactly("settings");
            assertThat(column(meta.getPrimaryKeys(null, null, "orders"), "COLUMN_NAME")).containsExactly("id");
            assertThat(column(meta.getPrimaryKeys(null, null, "orders"), "TABLE_NAME")).containsExactly("orders");
            assertThat(column(meta.getIndexInfo(null, null, "settings", true, false), "COLUMN_NAME"))
                    .contains("id");
        }
    }

    @Test
    void dialectFactsComeFromARepresentativeShard() throws SQLException {
        try (Connection c = shards.connect()) {
            DatabaseMetaData meta = c.getMetaData();
            assertThat(meta.getDatabaseProductName()).isEqualTo("H2");
            assertThat(meta.getDatabaseMajorVersion()).isEqualTo(2);
            assertThat(meta.getDatabaseProductVersion()).startsWith("2.");
            assertThat(meta.getIdentifierQuoteString()).isNotBlank();
            assertThat(meta.getDriverName()).isEqualTo("Shardgate JDBC Driver");
            assertThat(meta.getDriverVersion()).isEqualTo("0.1");
            assertThat(meta.getURL()).isNull(); // opened through a DataSource
            assertThat(meta.getConnection()).isSameAs(c);
            assertThat(column(meta.getTypeInfo(), "TYPE_NAME")).contains("BIGINT");
            assertThat(column(meta.getCatalogs(), "TABLE_CAT")).isEmpty();
        }
    }

    @Test
    void capabilitiesAnswerForShardgate() throws SQLException {
        try (Connection c = shards.connect()) {
            DatabaseMetaData meta = c.getMetaData();
            assertThat(meta.supportsBatchUpdates()).isTrue();
            assertThat(meta.supportsGetGeneratedKeys()).isTrue();
            assertThat(meta.supportsSavepoints()).isTrue();
            assertThat(meta.supportsTransactions()).isTrue();
            assertThat(meta.supportsSelectForUpdate()).isTrue();
            assertThat(meta.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY)).isTrue();
            assertThat(meta.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE)).isFalse();
            assertThat(meta.supportsResultSetConcurrency(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE))
                    .isFalse();
            assertThat(meta.supportsStoredProcedures()).isFalse();
            assertThat(meta.supportsUnion()).isFalse();
            assertThat(meta.supportsCorrelatedSubqueries()).isFalse();
            assertThat(meta.supportsTransactionIsolationLevel(c.getTransactionIsolation())).isTrue();
            assertThat(meta.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE)).isFalse();
            assertThatThrownBy(() -> meta.getProcedures(null, null, "%"))
                    .isInstanceOf(SQLFeatureNotSupportedException.class)
                    .hasMessageContaining("DatabaseMetaData.getProcedures");
        }
    }

    @Test
    void wrappersUnwrapToTheEngineObjects() throws SQLException {
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            assertThat(c.isWrapperFor(EngineSession.class)).isTrue();
            assertThat(c.unwrap(ShardgateEngine.class)).isSameAs(shards.dataSource().engine());
            assertThat(c.unwrap(ShardgateConnection.class)).isSameAs(c);
            assertThat(s.unwrap(ShardgateStatement.class)).isSameAs(s);
            assertThat(c.getMetaData().isWrapperFor(DatabaseMetaData.class)).isTrue();
            assertThat(shards.dataSource().isWrapperFor(javax.sql.DataSource.class)).isTrue();
            assertThatThrownBy(() -> c.unwrap(String.class)).hasMessageContaining("not a wrapper for java.lang.String");
        }
    }
}
