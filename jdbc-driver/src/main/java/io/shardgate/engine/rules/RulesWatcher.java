package io.shardgate.engine.rules;

import io.shardgate.config.EndpointConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * A router's part in the protocol of docs/resharding.md, on one daemon thread ({@code shardgate-rules-watcher}):
 * registers, heartbeats, reads the published rules version and the active switch (every
 * {@link RouterTimings#IDLE_POLL}, every {@link RouterTimings#SWITCH_POLL} while a switch runs), and follows a
 * switch: PREPARE loads the new version and acknowledges; HOLD holds new writes to the switch's tables and
 * acknowledges once none is in flight; when the switch ends, the published version is served (the prepared one
 * if it was published, the old one if the switch was aborted) and the held writes are released.
 */
public final class RulesWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RulesWatcher.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final RouterStore store;
    private final LayoutSwitcher layouts;
    private final WriteGate gate;
    private final RouterIdentity identity;
    private final Thread thread;
    private volatile boolean closed;

    // the switch this router takes part in; watcher thread only
    private SwitchRequest following;
    private PreparedLayout prepared;
    private boolean acknowledgedPrepare;
    private boolean acknowledgedHold;
    private long holdStartedNanos = -1;
    private long lastHeartbeatNanos;
    private long lastFailureLogNanos;

    private RulesWatcher(RouterStore store, LayoutSwitcher layouts, WriteGate gate, RouterIdentity identity) {
        this.store = store;
        this.layouts = layouts;
        this.gate = gate;
        this.identity = identity;
        this.thread = new Thread(this::run, "shardgate-rules-watcher");
        thread.setDaemon(true);
    }

    /**
     * Registers the router and takes part in the protocol from now on. The current state (a hold in progress
     * included) is applied before this returns, so the engine never serves a statement outside the protocol.
     *
     * @throws SQLException when the store cannot be reached
     */
    public static RulesWatcher start(EndpointConfig storeEndpoint, LayoutSwitcher layouts, WriteGate gate,
                                     String kind) throws SQLException {
        RouterStore store = new RouterStore(storeEndpoint);
        RulesWatcher watcher = new RulesWatcher(store, layouts, gate, RouterIdentity.of(kind));
        try {
            store.register(watcher.identity, layouts.version());
            watcher.lastHeartbeatNanos = System.nanoTime();
            watcher.follow(store.snapshot());
            gate.contact();
        } catch (SQLException | RuntimeException e) {
            store.close();
            throw e;
        }
        watcher.thread.start();
        return watcher;
    }

    private void run() {
        while (!closed) {
            try {
                poll();
            } catch (SQLException | RuntimeException e) {
                store.reset();
                long now = System.nanoTime();
                if (now - lastFailureLogNanos > LOG_EVERY_NANOS) {
                    LOG.warn("router {}: metadata store: {}", identity.id(), e.toString());
                    lastFailureLogNanos = now;
                }
            }
            sleep(following != null ? RouterTimings.SWITCH_POLL.toMillis() : RouterTimings.IDLE_POLL.toMillis());
        }
    }

    private void poll() throws SQLException {
        StoreSnapshot snapshot = store.snapshot();
        gate.contact();
        long now = System.nanoTime();
        if (now - lastHeartbeatNanos >= RouterTimings.HEARTBEAT.toNanos()) {
            store.heartbeat(identity, layouts.version());
            lastHeartbeatNanos = now;
        }
        follow(snapshot);
    }

    private void follow(StoreSnapshot snapshot) throws SQLException {
        gate.track(snapshot.movingTables());
        SwitchRequest active = snapshot.activeSwitch();
        if (following != null && !following.sameAttempt(active)) {
            end(snapshot.version());
        }
        if (active != null) {
            take(active);
        } else if (snapshot.version() != 0 && snapshot.version() != layouts.version()) {
            // published without this router in a switch: the first publication, or one it missed while away
            layouts.install(layouts.prepare(snapshot.version(), store.rulesYaml(snapshot.version())));
            store.heartbeat(identity, layouts.version());
            LOG.info("router {}: now serving rules v{}", identity.id(), layouts.version());
        }
    }

    private void take(SwitchRequest active) throws SQLException {
        if (following == null) {
            following = active;
            prepared = null;
            acknowledgedPrepare = false;
            acknowledgedHold = false;
            holdStartedNanos = -1;
        }
        if (!acknowledgedPrepare) {
            String error = null;
            try {
                prepared = layouts.prepare(active.toVersion(), store.rulesYaml(active.toVersion()));
            } catch (RuntimeException e) {
                error = e.getMessage() == null ? e.toString() : e.getMessage();
                LOG.warn("router {}: cannot load rules v{} for the {}: {}", identity.id(), active.toVersion(),
                        active.describe(), error);
            }
            store.prepared(active, identity, error);
            acknowledgedPrepare = true;
        }
        if (active.phase() == SwitchPhase.HOLD && holdStartedNanos < 0) {
            holdStartedNanos = System.nanoTime();
            gate.hold(active.tables(), active.describe() + " in progress");
        }
        if (holdStartedNanos >= 0 && !acknowledgedHold && gate.drained()) {
            store.held(active, identity);
            acknowledgedHold = true;
        }
    }

    /** The followed switch is over: serve what was published, then let the held writes go. */
    private void end(long publishedVersion) throws SQLException {
        SwitchRequest ended = following;
        if (publishedVersion == ended.toVersion() && publishedVersion != layouts.version()) {
            layouts.install(prepared != null && prepared.version() == publishedVersion ? prepared
                    : layouts.prepare(publishedVersion, store.rulesYaml(publishedVersion)));
        }
        following = null;
        prepared = null;
        if (holdStartedNanos >= 0) {
            gate.release();
            long heldMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - holdStartedNanos);
            holdStartedNanos = -1;
            LOG.info("router {}: {} ended, serving rules v{}; writes were held {} ms", identity.id(),
                    ended.describe(), layouts.version(), heldMillis);
            store.released(ended, identity, heldMillis);
        }
        store.heartbeat(identity, layouts.version());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops watching and removes the registration, so the tool does not wait for a router that is gone. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            store.unregister(identity);
        } catch (SQLException e) {
            LOG.debug("router {}: could not unregister: {}", identity.id(), e.toString());
        } finally {
            store.close();
        }
    }
}
