package io.shardgate.it.dropin;

import java.math.BigDecimal;
import java.util.List;

/**
 * A small application's data access, written as it would be against one MySQL database: the drop-in tests run
 * it unchanged over {@code jdbc:shardgate:}, once with plain JDBC and once with Spring's JdbcTemplate.
 */
interface Shop {

    record Order(long orderId, long customerId, BigDecimal amount, String status) {
    }

    String SCHEMA_CUSTOMERS = "CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(50) NOT NULL, "
            + "balance DECIMAL(10,2) NOT NULL)";
    String SCHEMA_ORDERS = "CREATE TABLE orders (order_id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, "
            + "amount DECIMAL(10,2) NOT NULL, status VARCHAR(20) NOT NULL)";
    String SCHEMA_AUDIT = "CREATE TABLE audit (id BIGINT AUTO_INCREMENT PRIMARY KEY, message VARCHAR(200))";

    void createSchema();

    /** Inserts a customer without an id; returns the id the database side generated. */
    long addCustomer(String name, BigDecimal balance);

    /** Inserts one order per amount as one batch; returns the batch's update counts. */
    int[] placeOrders(long customerId, List<BigDecimal> amounts);

    List<Order> ordersOf(long customerId);

    /** The customer's name, or null. */
    String customerName(long id);

    BigDecimal balance(long id);

    int renameCustomer(long id, String name);

    /** Marks every order of the customer above {@code amount} as shipped; returns how many. */
    int shipOrdersAbove(long customerId, BigDecimal amount);

    /**
     * Moves money between two customers and logs it, in one transaction; fails, changing nothing, when the
     * sender's balance would go negative.
     */
    void transfer(long from, long to, BigDecimal amount);

    /** Appends to the unsharded audit log; returns the AUTO_INCREMENT id. */
    long audit(String message);

    /** Deletes a customer and their orders; returns the rows deleted. */
    int deleteCustomer(long id);

    /** Customers with their order count and total, by name: a join and GROUP BY across every shard. */
    List<String> customerTotals();
}
