package io.shardgate.proxy.result;

import io.shardgate.algorithm.ShardingException;
import io.shardgate.engine.SqlErrors;
import io.shardgate.proxy.protocol.ErrPacket;
import io.shardgate.sql.parse.SqlSyntaxException;
import io.shardgate.sql.parse.UnsupportedSqlException;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class ErrorMapperTest {

    private static void assertErr(ErrPacket err, int code, String sqlState) {
        assertThat(err.code()).as(err.message()).isEqualTo(code);
        assertThat(err.sqlState()).as(err.message()).isEqualTo(sqlState);
    }

    @Test
    void shardgateRefusalsAndSyntaxErrors() {
        assertErr(ErrorMapper.toErr(SqlErrors.translate(new SqlSyntaxException("Encountered FORM", 9))), 1064, "42000");
        ErrPacket refused = ErrorMapper.toErr(SqlErrors.translate(
                new UnsupportedSqlException("GROUP_CONCAT across shards", "add a shard-key condition")));
        assertErr(refused, 1235, "42000");
        assertThat(refused.message()).contains("GROUP_CONCAT across shards");
        assertErr(ErrorMapper.toErr(SqlErrors.unsupported("savepoint statements yet")), 1235, "42000");
        assertErr(ErrorMapper.toErr(SqlErrors.translate(new ShardingException("no shard owns key 7"))), 1526, "HY000");
    }

    @Test
    void unclassifiableStatementIsASyntaxErrorOnlyWhenNoStatementBeginsSo() {
        SQLException other = SqlErrors.translate(new UnsupportedSqlException("statement 'selec 1'", "not routed"));
        assertErr(ErrorMapper.toErr(other, "/* c */ selec 1"), 1064, "42000");
        SQLException call = SqlErrors.translate(new UnsupportedSqlException("statement 'CALL p'", "not routed"));
        assertErr(ErrorMapper.toErr(call, "CALL p()"), 1235, "42000");
    }

    @Test
    void mariadbErrorsKeepCodeAndState() {
        SQLException backend = new SQLException("Duplicate entry '1' for key 'PRIMARY'", "23000", 1062);
        SQLException named = new SQLException("ds1: " + backend.getMessage(), "23000", 1062, backend);
        ErrPacket err = ErrorMapper.toErr(named);
        assertErr(err, 1062, "23000");
        assertThat(err.message()).startsWith("ds1: Duplicate entry");
    }

    @Test
    void unreachableShardIsNotReportedAsABrokenClientConnection() {
        assertErr(ErrorMapper.toErr(new SQLNonTransientConnectionException("ds0: connection refused", "08000")),
                1429, "HY000");
    }

    @Test
    void codesThatAreNotMysqlBecomeUnknownError() {
        assertErr(ErrorMapper.toErr(new SQLException("odd", "HY000", 0)), 1105, "HY000");
        assertErr(ErrorMapper.toErr(new SQLException("odd", null, 123456)), 1105, "HY000");
    }

    @Test
    void h2CodesAreTranslated() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:errors;MODE=MySQL;DATABASE_TO_LOWER=TRUE");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(2) NOT NULL)");
            s.execute("INSERT INTO t VALUES (1, 'a')");
            assertErr(h2Error(s, "INSERT INTO t VALUES (1, 'b')"), 1062, "23000");
            assertErr(h2Error(s, "SELECT * FROM missing"), 1146, "42S02");
            assertErr(h2Error(s, "SELECT nope FROM t"), 1054, "42S22");
            assertErr(h2Error(s, "INSERT INTO t VALUES (2, NULL)"), 1048, "23000");
            assertErr(h2Error(s, "INSERT INTO t VALUES (3, 'abc')"), 1406, "22001");
            assertErr(h2Error(s, "CREATE TABLE t (id INT)"), 1050, "42S01");
            ErrPacket unmapped = h2Error(s, "SELECT SLEEP(1)");
            assertThat(unmapped.code()).isEqualTo(1105);
            assertThat(unmapped.message()).startsWith("ds0: ").contains("sleep");
        }
    }

    /** The H2 error as the engine hands it on: the data source named, the original as cause. */
    private static ErrPacket h2Error(Statement s, String sql) {
        try {
            s.execute(sql);
        } catch (SQLException e) {
            return ErrorMapper.toErr(new SQLException("ds0: " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e));
        }
        return fail("expected " + sql + " to fail");
    }
}
