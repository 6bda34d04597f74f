package io.shardgate.sql.analyze;

import java.util.List;

/**
 * What a multi-shard SELECT needs from the rewriter and the merger, computed once per cached statement shape.
 * Column references are indexes into the rows the shards return: {@code >= 0} counted from the start,
 * {@code < 0} counted from the end (the derived columns appended after the select list, whose absolute position
 * is unknown after a {@code *}).
 *
 * @param items        the visible select list
 * @param hasStar      a {@code *} or {@code t.*} is in the select list
 * @param appendAt     where derived columns are appended (end of the select list)
 * @param derived      hidden columns the rewriter appends: ORDER BY / GROUP BY keys the select list lacks, and the
 *                     COUNT that accompanies each AVG
 * @param distinct     SELECT DISTINCT
 * @param groupBy      columns of the GROUP BY keys
 * @param groupByTexts normalized text of each GROUP BY expression (to see whether groups are shard-local)
 * @param orderBy      sort keys
 * @param aggregated   aggregate functions or GROUP BY are present
 * @param having       the HAVING clause, or null
 * @param limit        the LIMIT clause, or null
 * @param unmergeable  a construct that cannot be merged across shards (null when there is none)
 */
public record SelectShape(List<SelectItem> items, boolean hasStar, int appendAt, List<SelectItem> derived,
                          boolean distinct, List<Integer> groupBy, List<String> groupByTexts,
                          List<SortItem> orderBy, boolean aggregated, Span having, LimitClause limit,
                          String unmergeable) {

    public enum Aggregate { COUNT, SUM, MIN, MAX, AVG }

    /**
     * A select-list item or a derived column. {@code aggregate} is set when the whole item is one aggregate call;
     * {@code call} is its span and {@code argument} the span of its arguments. For an AVG, {@code countColumn}
     * is the (negative) column of the COUNT derived for it.
     */
    public record SelectItem(Span span, String normalizedText, String alias, Aggregate aggregate,
                             boolean distinctAggregate, Span call, Span argument, int countColumn) {
    }

    public record SortItem(int column, boolean descending) {
    }

    /** {@code LIMIT [offset,] count}, {@code LIMIT count OFFSET offset} or {@code OFFSET offset}. */
    public record LimitClause(Span span, ValueRef offset, ValueRef count) {
    }
}
