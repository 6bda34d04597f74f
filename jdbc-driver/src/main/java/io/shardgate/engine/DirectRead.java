package io.shardgate.engine;

import io.shardgate.config.EndpointConfig;
import io.shardgate.route.ExecutionUnit;

/**
 * A read one database server answers alone, exactly as the engine would have run it: the server the engine's read
 * policy picked (a usable replica, or the primary) and the physical statement with the caller's parameter
 * positions. What the proxy's pass-through sends over its own connection, copying the server's answer to the
 * client as it is.
 *
 * @param dataSource the shard's data source
 * @param endpoint   the server chosen for this read
 * @param replica    true when {@code endpoint} is one of the data source's replicas
 * @param unit       the physical statement
 */
public record DirectRead(String dataSource, EndpointConfig endpoint, boolean replica, ExecutionUnit unit) {
}
