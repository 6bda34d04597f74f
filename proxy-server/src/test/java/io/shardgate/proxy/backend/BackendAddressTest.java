package io.shardgate.proxy.backend;

import io.shardgate.config.EndpointConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BackendAddressTest {

    private static Optional<BackendAddress> of(String url) {
        return BackendAddress.of(new EndpointConfig("ds0", url, "app", "s3cret", 1));
    }

    @Test
    void mariadbUrlGivesHostPortDatabaseAndTheEndpointsCredentials() {
        assertThat(of("jdbc:mariadb://127.0.0.1:3307/shard0"))
                .contains(new BackendAddress("127.0.0.1", 3307, "shard0", "app", "s3cret"));
    }

    @Test
    void mysqlUrlWithHostnameAndNoPortUsesPort3306() {
        assertThat(of("jdbc:mysql://db-1.example.com/orders"))
                .contains(new BackendAddress("db-1.example.com", 3306, "orders", "app", "s3cret"));
    }

    @Test
    void databaseIsOptional() {
        assertThat(of("jdbc:mariadb://localhost:3306")).map(BackendAddress::database).contains("");
        assertThat(of("jdbc:mariadb://localhost:3306/")).map(BackendAddress::database).contains("");
        assertThat(of("jdbc:mariadb://localhost?connectTimeout=500")).map(BackendAddress::database).contains("");
    }

    @Test
    void bracketedIpv6HostIsAcceptedWithAndWithoutPort() {
        assertThat(of("jdbc:mariadb://[::1]:3310/db"))
                .contains(new BackendAddress("::1", 3310, "db", "app", "s3cret"));
        assertThat(of("jdbc:mysql://[fe80::1%25eth0]/db")).isEmpty(); // zone ids are not supported
        assertThat(of("jdbc:mysql://[2001:db8::7]/db")).map(BackendAddress::port).contains(3306);
    }

    @Test
    void harmlessOptionsAndTlsSwitchedOffAreAccepted() {
        assertThat(of("jdbc:mariadb://h:1/db?connectTimeout=1000&useSSL=false&sslMode=DISABLED"))
                .map(BackendAddress::database).contains("db");
        assertThat(of("jdbc:mysql://h/db?SSLMODE=disable&requireSSL=false"))
                .map(BackendAddress::database).contains("db");
    }

    @Test
    void databaseNameIsUrlDecoded() {
        assertThat(of("jdbc:mariadb://h/my%20db%C3%A9+x")).map(BackendAddress::database).contains("my dbé+x");
    }

    @Test
    void nullCredentialsBecomeEmpty() {
        Optional<BackendAddress> address = BackendAddress.of(
                new EndpointConfig("ds0", "jdbc:mariadb://h/db", null, null, 1));
        assertThat(address).map(BackendAddress::user).contains("");
        assertThat(address).map(BackendAddress::password).contains("");
    }

    @Test
    void toStringLeavesOutThePassword() {
        BackendAddress address = of("jdbc:mariadb://[::1]:3310/db").orElseThrow();
        assertThat(address.toString()).doesNotContain("s3cret").contains("app", "[::1]:3310", "db");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:h2:mem:shard0",
            "jdbc:postgresql://localhost:5432/db",
            "jdbc:mysql+srv://cluster.example.com/db",
            "mysql://localhost/db",
            "jdbc:mariadb://h1:3306,h2:3306/db",
            "jdbc:mysql://h1,h2/db",
            "jdbc:mariadb:replication://h1,h2/db",
            "jdbc:mariadb:failover://h1/db",
            "jdbc:mariadb:loadbalance://h1/db",
            "jdbc:mariadb:sequential://h1/db",
            "jdbc:mariadb:aurora://h1/db",
            "jdbc:mysql:loadbalance://h1,h2/db",
            "jdbc:mysql:replication://h1,h2/db",
            "jdbc:mysql://address=(host=h1)(port=3306)/db",
            "jdbc:mysql://user:pw@h1/db",
            "jdbc:mysql:///db",
            "jdbc:mysql://::1/db",
            "jdbc:mysql://[::1/db",
            "jdbc:mysql://h:0/db",
            "jdbc:mysql://h:65536/db",
            "jdbc:mysql://h:port/db",
            "jdbc:mariadb://h/a/b",
            "jdbc:mariadb://h/bad%zzescape",
    })
    void unsupportedUrlFormsHaveNoAddress(String url) {
        assertThat(of(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "useSSL=true",
            "usessl=TRUE",
            "requireSSL=true",
            "sslMode=REQUIRED",
            "sslMode=verify-full",
            "sslmode=preferred",
            "SSLMODE=trust",
            "useSSL",
    })
    void optionsAskingForTlsHaveNoAddress(String option) {
        assertThat(of("jdbc:mariadb://h/db?connectTimeout=1000&" + option)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "localSocket=/run/mysqld/mysqld.sock",
            "pipe=\\\\.\\pipe\\mysql",
            "socketFactory=org.newsclub.net.mysql.AFUNIXDatabaseSocketFactory",
            "namedPipePath=\\\\.\\pipe\\mysql",
            "unixSocket=/tmp/mysql.sock",
    })
    void localSocketsAndPipesHaveNoAddress(String option) {
        assertThat(of("jdbc:mariadb://localhost/db?" + option)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sessionVariables=sql_mode='ANSI'", "initSql=SET time_zone='+00:00'", "user=other",
            "password=x"})
    void optionsTheDriverAppliesItselfHaveNoAddress(String option) {
        assertThat(of("jdbc:mariadb://localhost/db?" + option)).isEmpty();
    }
}
