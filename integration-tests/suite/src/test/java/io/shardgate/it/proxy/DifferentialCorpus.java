package io.shardgate.it.proxy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The differential suite's data set, query corpus and row comparison, used from this package. They are
 * package-private in {@code io.shardgate.it.differential}; calling them instead of copying keeps the driver and
 * the proxy on one corpus and one definition of equal rows.
 */
final class DifferentialCorpus {
    private static final String PACKAGE = "io.shardgate.it.differential.";

    private DifferentialCorpus() {
    }

    /** One corpus statement; {@code ordered} results are compared row by row, others as sorted multisets. */
    record Query(String sql, boolean ignoreCase, int line, boolean ordered) {
    }

    static List<String> schema() throws SQLException {
        return call("DifferentialDataSet", "schema", new Class<?>[0]);
    }

    static List<String> inserts() throws SQLException {
        return call("DifferentialDataSet", "inserts", new Class<?>[0]);
    }

    static List<Query> load(String resource) throws SQLException {
        List<?> loaded = call("QueryCorpus", "load", new Class<?>[] {String.class}, resource);
        List<Query> queries = new ArrayList<>(loaded.size());
        for (Object q : loaded) {
            queries.add(new Query(get(q, "sql"), get(q, "ignoreCase"), get(q, "line"), get(q, "ordered")));
        }
        return queries;
    }

    static List<List<String>> rows(ResultSet rs, boolean ignoreCase) throws SQLException {
        return call("ResultRows", "read", new Class<?>[] {ResultSet.class, boolean.class}, rs, ignoreCase);
    }

    static List<List<String>> sorted(List<List<String>> rows) throws SQLException {
        return call("ResultRows", "sorted", new Class<?>[] {List.class}, rows);
    }

    private static <T> T call(String type, String name, Class<?>[] parameters, Object... args) throws SQLException {
        try {
            return invoke(Class.forName(PACKAGE + type).getDeclaredMethod(name, parameters), null, args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the differential suite changed: " + type + "." + name, e);
        }
    }

    private static <T> T get(Object record, String accessor) throws SQLException {
        try {
            return invoke(record.getClass().getDeclaredMethod(accessor), record);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the differential suite changed: " + accessor, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T invoke(Method method, Object target, Object... args) throws SQLException {
        method.setAccessible(true);
        try {
            return (T) method.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException s) {
                throw s;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
