package io.shardgate.it.differential;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema and a deterministic data set with the things that break merges: NULLs, ties, mixed-case strings
 * (MariaDB's default collation ignores case), decimals, dates, and keys spread over every shard. Rows are
 * written as multi-row INSERT statements so loading through Shardgate also exercises the INSERT split.
 */
public final class DifferentialDataSet {

    static final int USERS = 200;
    static final int ORDERS = 1500;
    static final int ITEMS = 3000;

    private static final String[] NAMES = {"alice", "Bob", "carol", "Dave", "eve", "Frank", "grace", "Heidi",
        "bob", "ALICE", "mallory", "Trent"};
    private static final String[] COUNTRIES = {"DE", "FR", "US", "CA", "JP", "IT", null};
    private static final String[] STATUSES = {"new", "paid", "shipped", "cancelled"};

    private DifferentialDataSet() {
    }

    public static List<String> schema() {
        return List.of(
                "CREATE TABLE countries (code CHAR(2) PRIMARY KEY, name VARCHAR(40) NOT NULL, region VARCHAR(10) NOT NULL)",
                "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(40) NOT NULL, country CHAR(2), age INT, "
                        + "score DECIMAL(8,2))",
                "CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, status VARCHAR(12) NOT NULL, "
                        + "amount DECIMAL(10,2), qty INT NOT NULL, note VARCHAR(40), created DATE NOT NULL)",
                "CREATE TABLE order_items (id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL, user_id BIGINT NOT NULL, "
                        + "sku VARCHAR(12) NOT NULL, price DECIMAL(10,2) NOT NULL, quantity INT NOT NULL)");
    }

    public static List<String> inserts() {
        List<String> out = new ArrayList<>();
        out.add("INSERT INTO countries (code, name, region) VALUES ('DE', 'Germany', 'eu'), ('FR', 'France', 'eu'), "
                + "('IT', 'Italy', 'eu'), ('US', 'United States', 'na'), ('CA', 'Canada', 'na'), "
                + "('JP', 'Japan', 'apac')");
        List<String> rows = new ArrayList<>();
        for (int id = 1; id <= USERS; id++) {
            String country = COUNTRIES[id % COUNTRIES.length];
            rows.add("(" + id + ", '" + NAMES[id % NAMES.length] + "', " + quoted(country) + ", "
                    + (id % 17 == 0 ? "NULL" : String.valueOf(18 + id * 7 % 60)) + ", "
                    + (id % 23 == 0 ? "NULL" : decimal(id * 37 % 100000)) + ")");
        }
        batch(out, "INSERT INTO users (id, name, country, age, score) VALUES ", rows);
        for (int id = 1; id <= ORDERS; id++) {
            String note = id % 5 == 0 ? null : (id % 3 == 0 ? "N" : "n") + (id % 7);
            rows.add("(" + id + ", " + userOfOrder(id) + ", '" + STATUSES[id * 7 % STATUSES.length] + "', "
                    + (id % 13 == 0 ? "NULL" : decimal(id * 53 % 10000)) + ", " + (1 + id % 5) + ", "
                    + quoted(note) + ", '" + LocalDate.of(2024, 1, 1).plusDays(id * 11L % 365) + "')");
        }
        batch(out, "INSERT INTO orders (id, user_id, status, amount, qty, note, created) VALUES ", rows);
        for (int id = 1; id <= ITEMS; id++) {
            int order = 1 + id * 7 % ORDERS;
            rows.add("(" + id + ", " + order + ", " + userOfOrder(order) + ", 'sku-" + (id % 40) + "', "
                    + decimal(100 + id * 13 % 5000) + ", " + (1 + id % 4) + ")");
        }
        batch(out, "INSERT INTO order_items (id, order_id, user_id, sku, price, quantity) VALUES ", rows);
        return out;
    }

    static long userOfOrder(int orderId) {
        return 1 + (orderId * 31L % USERS);
    }

    private static void batch(List<String> out, String prefix, List<String> rows) {
        for (int i = 0; i < rows.size(); i += 50) {
            out.add(prefix + String.join(", ", rows.subList(i, Math.min(rows.size(), i + 50))));
        }
        rows.clear();
    }

    private static String decimal(int cents) {
        return (cents / 100) + "." + String.format("%02d", cents % 100);
    }

    private static String quoted(String s) {
        return s == null ? "NULL" : "'" + s + "'";
    }
}
