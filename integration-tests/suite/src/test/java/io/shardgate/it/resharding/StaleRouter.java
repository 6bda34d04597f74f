package io.shardgate.it.resharding;

import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.testing.MariaDbServer;

import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A router registration that keeps heartbeating but never answers a switch: what a wedged router looks like to the
 * tool. Closing it stops the heartbeats and deletes the registration, as an operator would for a dead router.
 */
final class StaleRouter implements AutoCloseable {
    private static final String ID = "wedged-router";

    private final MetadataStore store;
    private final MariaDbServer metaServer;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();

    private StaleRouter(MetadataStore store, MariaDbServer metaServer) {
        this.store = store;
        this.metaServer = metaServer;
    }

    static StaleRouter register(MariaDbServer metaServer, String metaUrl, long rulesVersion) throws SQLException {
        MetadataStore store = MetadataStore.open(metaUrl, null, null);
        store.routerSwitches().registerRouter(ID, "driver", "app-host-9", 4242, rulesVersion);
        StaleRouter router = new StaleRouter(store, metaServer);
        router.heartbeats.scheduleAtFixedRate(() -> {
            try {
                store.routerSwitches().heartbeat(ID, rulesVersion);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, 0, 300, TimeUnit.MILLISECONDS);
        return router;
    }

    /** How the tool names it in reports. */
    String describe() {
        return ID + " (driver on app-host-9, pid 4242)";
    }

    @Override
    public void close() throws SQLException {
        heartbeats.shutdownNow();
        try {
            heartbeats.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
        metaServer.execute("meta", "DELETE FROM sg_router WHERE router_id = '" + ID + "'");
    }
}
