package io.shardgate.it.streaming;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Runs in a child JVM with a small heap: reads a whole sharded table through Shardgate in ORDER BY order and
 * checks that the order holds and every row arrives. Exits 0 and prints "sorted N rows" on success.
 */
public final class StreamingSortCheck {

    private StreamingSortCheck() {
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:shardgate:" + args[0];
        long expected = Long.parseLong(args[1]);
        long count = 0;
        long previous = Long.MIN_VALUE;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery("SELECT id, v, payload FROM events ORDER BY v")) {
                while (rs.next()) {
                    long v = rs.getLong(2);
                    if (v <= previous) {
                        System.err.println("out of order at row " + count + ": " + v + " after " + previous);
                        System.exit(3);
                    }
                    previous = v;
                    count++;
                }
            }
        }
        if (count != expected) {
            System.err.println("expected " + expected + " rows, got " + count);
            System.exit(4);
        }
        System.out.println("sorted " + count + " rows");
    }
}
