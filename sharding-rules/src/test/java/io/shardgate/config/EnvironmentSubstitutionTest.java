package io.shardgate.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentSubstitutionTest {
    private static final String YAML = """
            dataSources:
              ds0:
                primary:
                  url: "jdbc:mariadb://${ENV:DB_HOST:-localhost}:3306/shard0"
                  user: ${ENV:DB_USER}
                  password: ${ENV:DB_PASSWORD:-}
                pool: { maxSize: "${ENV:POOL_SIZE:-10}" }
            props:
              workerId: ${ENV:WORKER_ID:-0}
            """;

    private static ShardgateConfig load(Map<String, String> environment) {
        return ConfigLoader.load(YAML, "env.yaml", environment::get);
    }

    @Test
    void referencesTakeTheVariablesValue() {
        ShardgateConfig config = load(Map.of("DB_HOST", "db.internal", "DB_USER", "app", "DB_PASSWORD", "s3cr$t}\\",
                "POOL_SIZE", "25", "WORKER_ID", "12"));
        EndpointConfig primary = config.dataSources().get("ds0").primary();
        assertThat(primary.url()).isEqualTo("jdbc:mariadb://db.internal:3306/shard0");
        assertThat(primary.user()).isEqualTo("app");
        assertThat(primary.password()).isEqualTo("s3cr$t}\\");
        assertThat(config.dataSources().get("ds0").pool().maxSize()).isEqualTo(25);
        assertThat(config.props().workerId()).isEqualTo(12);
    }

    @Test
    void defaultsApplyWhenUnsetOrEmpty() {
        ShardgateConfig config = load(Map.of("DB_USER", "app", "DB_HOST", ""));
        EndpointConfig primary = config.dataSources().get("ds0").primary();
        assertThat(primary.url()).isEqualTo("jdbc:mariadb://localhost:3306/shard0");
        assertThat(primary.password()).isEmpty();
        assertThat(config.dataSources().get("ds0").pool().maxSize()).isEqualTo(10);
    }

    @Test
    void anEmptyVariableWithoutDefaultIsKept() {
        assertThat(load(Map.of("DB_USER", "")).dataSources().get("ds0").primary().user()).isEmpty();
    }

    @Test
    void anUnsetVariableWithoutDefaultIsAnError() {
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("env.yaml: dataSources.ds0.primary.user: environment variable DB_USER is not set")
                .hasMessageContaining("(line 5, column 13)");
    }

    @Test
    void substitutedValuesAreCheckedLikeWrittenOnes() {
        assertThatThrownBy(() -> load(Map.of("DB_USER", "app", "WORKER_ID", "5000")))
                .hasMessageContaining("props.workerId: must be at most 1023, got 5000");
    }

    @Test
    void malformedReferencesAreErrors() {
        assertThatThrownBy(() -> ConfigLoader.load("""
                dataSources:
                  ds0: { primary: { url: "jdbc:h2:mem:${ENV:lower-case}" } }
                """, "bad.yaml", name -> null))
                .hasMessageContaining("dataSources.ds0.primary.url: malformed environment reference");
    }
}
