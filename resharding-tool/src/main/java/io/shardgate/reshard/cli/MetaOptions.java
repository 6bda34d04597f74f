package io.shardgate.reshard.cli;

import io.shardgate.reshard.ExitCode;
import io.shardgate.reshard.ReshardException;
import io.shardgate.reshard.meta.MetadataStore;
import picocli.CommandLine.Option;

import java.sql.SQLException;

/** {@code --meta}: where the metadata store lives. Credentials may be in the URL or the environment. */
public final class MetaOptions {
    @Option(names = "--meta", paramLabel = "JDBC_URL", defaultValue = "${env:SHARDGATE_META_URL}",
            description = "JDBC URL of the metadata database, e.g. jdbc:mariadb://db:3306/shardgate_meta "
                    + "(default: $SHARDGATE_META_URL). User and password come from the URL or "
                    + "$SHARDGATE_META_USER / $SHARDGATE_META_PASSWORD.")
    String url;

    boolean given() {
        return url != null && !url.isBlank();
    }

    MetadataStore open() throws SQLException {
        if (!given()) {
            throw new ReshardException(ExitCode.USAGE, "--meta is required (or set SHARDGATE_META_URL)");
        }
        return MetadataStore.open(url, System.getenv("SHARDGATE_META_USER"), System.getenv("SHARDGATE_META_PASSWORD"));
    }
}
