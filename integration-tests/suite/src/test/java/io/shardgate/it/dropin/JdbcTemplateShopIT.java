package io.shardgate.it.dropin;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The shop through Spring's JdbcTemplate, on Spring's own DataSource over the Shardgate URL. */
class JdbcTemplateShopIT extends ShopScenario {

    @Override
    Shop openShop(String url) {
        return new JdbcTemplateShop(new DriverManagerDataSource(url));
    }

    @Override
    void closeShop() {
        // DriverManagerDataSource holds nothing; the engine is closed with the URL
    }
}
