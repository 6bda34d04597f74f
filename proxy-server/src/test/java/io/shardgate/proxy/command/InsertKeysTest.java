package io.shardgate.proxy.command;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class InsertKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"INSERT INTO t VALUES (1)", "insert into t values (1)", "  \n\tREPLACE INTO t VALUES (1)",
        "/* app */ INSERT INTO t VALUES (1)", "/* a */\n/* multi\nline */ insert\tinto t values (1)", "INSERT"})
    void insertsAndReplacesAfterBlanksAndComments(String sql) {
        assertThat(InsertKeys.isInsert(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT c FROM sbtest1 WHERE id = ?", "UPDATE t SET a = 1", "INSERTS", "insert_log",
        "/* INSERT */ SELECT 1", "/* unterminated INSERT", "", "   ", "-- INSERT\nSELECT 1"})
    void everythingElseIsNot(String sql) {
        assertThat(InsertKeys.isInsert(sql)).isFalse();
    }
}
