package io.shardgate.it.dropin;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The shop as an application wires it: HikariCP over the Shardgate JDBC URL and driver class. */
class HikariShopIT extends ShopScenario {
    private HikariDataSource pool;

    @Override
    Shop openShop(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setDriverClassName("io.shardgate.jdbc.ShardgateDriver");
        config.setMaximumPoolSize(4);
        config.setPoolName("shop");
        pool = new HikariDataSource(config);
        return new PlainJdbcShop(pool);
    }

    @Override
    void closeShop() {
        pool.close();
    }
}
