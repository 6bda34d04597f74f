package io.shardgate.it.dropin;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/** The shop with Spring's JdbcTemplate and transaction template, as a Spring application writes it. */
final class JdbcTemplateShop implements Shop {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    JdbcTemplateShop(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public void createSchema() {
        jdbc.batchUpdate(SCHEMA_CUSTOMERS, SCHEMA_ORDERS, SCHEMA_AUDIT);
    }

    @Override
    public long addCustomer(String name, BigDecimal balance) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            PreparedStatement insert = c.prepareStatement("INSERT INTO customers (name, balance) VALUES (?, ?)",
                    new String[]{"id"});
            insert.setString(1, name);
            insert.setBigDecimal(2, balance);
            return insert;
        }, key);
        return Objects.requireNonNull(key.getKey()).longValue();
    }

    @Override
    public int[] placeOrders(long customerId, List<BigDecimal> amounts) {
        List<Object[]> rows = new ArrayList<>();
        for (BigDecimal amount : amounts) {
            rows.add(new Object[]{customerId, amount});
        }
        return jdbc.batchUpdate("INSERT INTO orders (customer_id, amount, status) VALUES (?, ?, 'new')", rows);
    }

    @Override
    public List<Order> ordersOf(long customerId) {
        return jdbc.query("SELECT order_id, customer_id, amount, status FROM orders WHERE customer_id = ? "
                        + "ORDER BY order_id",
                (rs, n) -> new Order(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getString(4)), customerId);
    }

    @Override
    public String customerName(long id) {
        List<String> names = jdbc.queryForList("SELECT name FROM customers WHERE id = ?", String.class, id);
        return names.isEmpty() ? null : names.get(0);
    }

    @Override
    public BigDecimal balance(long id) {
        List<BigDecimal> balances = jdbc.queryForList("SELECT balance FROM customers WHERE id = ?",
                BigDecimal.class, id);
        return balances.isEmpty() ? null : balances.get(0);
    }

    @Override
    public int renameCustomer(long id, String name) {
        return jdbc.update("UPDATE customers SET name = ? WHERE id = ?", name, id);
    }

    @Override
    public int shipOrdersAbove(long customerId, BigDecimal amount) {
        return jdbc.update("UPDATE orders SET status = 'shipped' WHERE customer_id = ? AND amount > ?", customerId,
                amount);
    }

    @Override
    public void transfer(long from, long to, BigDecimal amount) {
        transactions.executeWithoutResult(status -> {
            jdbc.update("UPDATE customers SET balance = balance + ? WHERE id = ?", amount.negate(), from);
            jdbc.update("UPDATE customers SET balance = balance + ? WHERE id = ?", amount, to);
            if (balance(from).signum() < 0) {
                throw new InsufficientBalance();
            }
            jdbc.update("INSERT INTO audit (message) VALUES (?)", "transfer " + amount + " from " + from + " to " + to);
        });
    }

    /** Thrown inside the transaction callback, which makes the template roll back. */
    private static final class InsufficientBalance extends DataAccessException {
        InsufficientBalance() {
            super("insufficient balance");
        }
    }

    @Override
    public long audit(String message) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            PreparedStatement insert = c.prepareStatement("INSERT INTO audit (message) VALUES (?)",
                    PreparedStatement.RETURN_GENERATED_KEYS);
            insert.setString(1, message);
            return insert;
        }, key);
        return Objects.requireNonNull(key.getKey()).longValue();
    }

    @Override
    public int deleteCustomer(long id) {
        return jdbc.update("DELETE FROM orders WHERE customer_id = ?", id)
                + jdbc.update("DELETE FROM customers WHERE id = ?", id);
    }

    @Override
    public List<String> customerTotals() {
        return jdbc.query("SELECT c.name, COUNT(o.order_id), SUM(o.amount) FROM customers c "
                        + "JOIN orders o ON o.customer_id = c.id GROUP BY c.name ORDER BY c.name",
                (rs, n) -> rs.getString(1) + ":" + rs.getLong(2) + ":" + rs.getBigDecimal(3).toPlainString());
    }
}
