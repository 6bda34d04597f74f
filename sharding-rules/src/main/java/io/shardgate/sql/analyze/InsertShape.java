package io.shardgate.sql.analyze;

import java.util.List;

/**
 * A multi-row {@code INSERT ... VALUES}: the rows' spans (so each shard gets only its rows) and, per row, the
 * value of each shard column ({@code null} when the row gives an expression the router cannot evaluate).
 *
 * @param columns         the column list, lower case (empty when the statement has none: then routing is refused)
 * @param rows            the VALUES rows in order
 * @param generatedColumn the key-generator column when the statement omits it, else null
 * @param columnListEnd   position just before the column list's closing parenthesis (to add a generated column)
 */
public record InsertShape(List<String> columns, List<Row> rows, String generatedColumn, int columnListEnd) {

    /**
     * @param span      the row text, parentheses included
     * @param keyValues one entry per shard column
     * @param firstSlot first value slot inside the row; {@code slotCount} slots follow
     */
    public record Row(Span span, List<ValueRef> keyValues, int firstSlot, int slotCount) {
    }
}
