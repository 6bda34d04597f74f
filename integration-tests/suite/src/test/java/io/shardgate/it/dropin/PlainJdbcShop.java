package io.shardgate.it.dropin;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The shop with plain JDBC over any DataSource (the test gives it HikariCP over jdbc:shardgate:). */
final class PlainJdbcShop implements Shop {
    private final DataSource dataSource;

    PlainJdbcShop(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void createSchema() {
        withConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.addBatch(SCHEMA_CUSTOMERS);
                s.addBatch(SCHEMA_ORDERS);
                s.addBatch(SCHEMA_AUDIT);
                return s.executeBatch();
            }
        });
    }

    @Override
    public long addCustomer(String name, BigDecimal balance) {
        return withConnection(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO customers (name, balance) VALUES (?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, name);
                insert.setBigDecimal(2, balance);
                insert.executeUpdate();
                return singleKey(insert);
            }
        });
    }

    private static long singleKey(Statement statement) throws SQLException {
        try (ResultSet keys = statement.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no generated key");
            }
            return keys.getLong(1);
        }
    }

    @Override
    public int[] placeOrders(long customerId, List<BigDecimal> amounts) {
        return withConnection(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO orders (customer_id, amount, status) VALUES (?, ?, 'new')")) {
                for (BigDecimal amount : amounts) {
                    insert.setLong(1, customerId);
                    insert.setBigDecimal(2, amount);
                    insert.addBatch();
                }
                return insert.executeBatch();
            }
        });
    }

    @Override
    public List<Order> ordersOf(long customerId) {
        return withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT order_id, customer_id, amount, status "
                    + "FROM orders WHERE customer_id = ? ORDER BY order_id")) {
                select.setLong(1, customerId);
                List<Order> orders = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        orders.add(new Order(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getString(4)));
                    }
                }
                return orders;
            }
        });
    }

    @Override
    public String customerName(long id) {
        return withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT name FROM customers WHERE id = ?")) {
                select.setLong(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    @Override
    public BigDecimal balance(long id) {
        return withConnection(c -> balance(c, id));
    }

    private static BigDecimal balance(Connection c, long id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT balance FROM customers WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getBigDecimal(1) : null;
            }
        }
    }

    @Override
    public int renameCustomer(long id, String name) {
        return withConnection(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE customers SET name = ? WHERE id = ?")) {
                update.setString(1, name);
                update.setLong(2, id);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public int shipOrdersAbove(long customerId, BigDecimal amount) {
        return withConnection(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE orders SET status = 'shipped' WHERE customer_id = ? AND amount > ?")) {
                update.setLong(1, customerId);
                update.setBigDecimal(2, amount);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public void transfer(long from, long to, BigDecimal amount) {
        withConnection(c -> {
            c.setAutoCommit(false);
            try (PreparedStatement move = c.prepareStatement(
                    "UPDATE customers SET balance = balance + ? WHERE id = ?");
                 PreparedStatement log = c.prepareStatement("INSERT INTO audit (message) VALUES (?)")) {
                move.setBigDecimal(1, amount.negate());
                move.setLong(2, from);
                move.executeUpdate();
                move.setBigDecimal(1, amount);
                move.setLong(2, to);
                move.executeUpdate();
                if (balance(c, from).signum() < 0) {
                    throw new SQLException("insufficient balance");
                }
                log.setString(1, "transfer " + amount + " from " + from + " to " + to);
                log.executeUpdate();
                c.commit();
                return null;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    @Override
    public long audit(String message) {
        return withConnection(c -> {
            try (Statement insert = c.createStatement()) {
                insert.executeUpdate("INSERT INTO audit (message) VALUES ('" + message.replace("'", "''") + "')",
                        Statement.RETURN_GENERATED_KEYS);
                return singleKey(insert);
            }
        });
    }

    @Override
    public int deleteCustomer(long id) {
        return withConnection(c -> {
            try (PreparedStatement orders = c.prepareStatement("DELETE FROM orders WHERE customer_id = ?");
                 PreparedStatement customer = c.prepareStatement("DELETE FROM customers WHERE id = ?")) {
                orders.setLong(1, id);
                customer.setLong(1, id);
                return orders.executeUpdate() + customer.executeUpdate();
            }
        });
    }

    @Override
    public List<String> customerTotals() {
        return withConnection(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT c.name, COUNT(o.order_id), SUM(o.amount) FROM customers c "
                         + "JOIN orders o ON o.customer_id = c.id GROUP BY c.name ORDER BY c.name")) {
                List<String> totals = new ArrayList<>();
                while (rs.next()) {
                    totals.add(rs.getString(1) + ":" + rs.getLong(2) + ":" + rs.getBigDecimal(3).toPlainString());
                }
                return totals;
            }
        });
    }
}
