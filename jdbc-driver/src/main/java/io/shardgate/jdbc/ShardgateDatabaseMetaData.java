package io.shardgate.jdbc;

import io.shardgate.config.DataNode;
import io.shardgate.engine.ShardgateEngine;
import io.shardgate.sql.parse.Dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * What the sharded database looks like to tools and frameworks. Three kinds of answers:
 * <ul>
 *   <li>facts of the SQL dialect (product name and version, quoting, keywords, functions, limits) come from the
 *       default data source's primary, a representative shard, so frameworks pick the backend's dialect;</li>
 *   <li>capabilities answer for Shardgate, in {@link ShardgateCapabilities};</li>
 *   <li>tables and columns are logical: sharded and broadcast tables under their logical names, described by their
 *       first physical table, plus the default data source's other tables. Catalogs and schemas are not shown
 *       (each shard database has its own), and catalog and schema arguments are ignored.</li>
 * </ul>
 */
final class ShardgateDatabaseMetaData extends ShardgateCapabilities {
    static final String DRIVER_NAME = "Shardgate JDBC Driver";

    /** A question for a backend's metadata, given the catalog and schema its connection works in. */
    @FunctionalInterface
    private interface BackendLookup<T> {
        T ask(DatabaseMetaData backend, String catalog, String schema) throws SQLException;
    }

    @FunctionalInterface
    private interface BackendFact<T> {
        T ask(DatabaseMetaData backend) throws SQLException;
    }

    private final ShardgateConnection connection;
    private final ShardgateEngine engine;
    private final String url;
    private final LogicalSchema schema;

    ShardgateDatabaseMetaData(ShardgateConnection connection, ShardgateEngine engine, String url) {
        this.connection = connection;
        this.engine = engine;
        this.url = url;
        this.schema = new LogicalSchema(engine.config().rules());
    }

    private <T> T lookup(String dataSource, BackendLookup<T> lookup) throws SQLException {
        try (Connection shard = engine.primaryConnection(dataSource)) {
            return lookup.ask(shard.getMetaData(), shard.getCatalog(), shard.getSchema());
        } catch (SQLException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(dataSource) ? e
                    : new SQLException(dataSource + ": " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
    }

    /** A dialect fact from the representative shard. */
    private <T> T fact(BackendFact<T> fact) throws SQLException {
        return lookup(schema.defaultDataSource(), (backend, catalog, schemaName) -> fact.ask(backend));
    }

    @Override
    boolean mysql() {
        return engine.dialect() == Dialect.MYSQL;
    }

    @Override
    int transactionIsolation() throws SQLException {
        return connection.getTransactionIsolation();
    }

    // ---- tables and columns, under logical names ----

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
            throws SQLException {
        MetaDataRows result = unruledTables((backend, cat, sch) -> backend.getTables(cat, sch, tableNamePattern,
                types));
        for (Map.Entry<String, DataNode> table : schema.ruledTables(tableNamePattern)) {
            DataNode node = table.getValue();
            result.addAll(lookup(node.dataSource(), (backend, cat, sch) -> MetaDataRows.read(backend.getTables(cat,
                    sch, NamePattern.exactly(node.physicalTable(), backend.getSearchStringEscape()), types)))
                    .keepTable(node.physicalTable()).toLogical(node.dataSource(), schema));
        }
        return result.sortBy("TABLE_TYPE", "TABLE_NAME").toResultSet();
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern,
                                String columnNamePattern) throws SQLException {
        MetaDataRows result = unruledTables((backend, cat, sch) -> backend.getColumns(cat, sch, tableNamePattern,
                columnNamePattern));
        for (Map.Entry<String, DataNode> table : schema.ruledTables(tableNamePattern)) {
            DataNode node = table.getValue();
            result.addAll(lookup(node.dataSource(), (backend, cat, sch) -> MetaDataRows.read(backend.getColumns(cat,
                    sch, NamePattern.exactly(node.physicalTable(), backend.getSearchStringEscape()),
                    columnNamePattern))).keepTable(node.physicalTable()).toLogical(node.dataSource(), schema));
        }
        return result.sortBy("TABLE_NAME", "ORDINAL_POSITION").toResultSet();
    }

    /** The default data source's rows about tables no rule names (a rule's physical tables are not shown). */
    private MetaDataRows unruledTables(BackendLookup<ResultSet> lookup) throws SQLException {
        String dataSource = schema.defaultDataSource();
        return lookup(dataSource, (backend, cat, sch) -> {
            MetaDataRows rows = MetaDataRows.read(lookup.ask(backend, cat, sch));
            return rows.keep(row -> schema.logicalName(dataSource, rows.text(row, "TABLE_NAME")) == null)
                    .toLogical(dataSource, schema);
        });
    }

    /** A question about one table, asked about its physical table where that (or its representative) lives. */
    @FunctionalInterface
    private interface TableLookup {
        ResultSet ask(DatabaseMetaData backend, String catalog, String schema, String physicalTable)
                throws SQLException;
    }

    private ResultSet aboutTable(String table, TableLookup lookup) throws SQLException {
        DataNode node = schema.locate(table);
        return lookup(node.dataSource(), (backend, cat, sch) -> MetaDataRows.read(lookup.ask(backend, cat, sch,
                node.physicalTable())).toLogical(node.dataSource(), schema)).toResultSet();
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schemaName, String table) throws SQLException {
        return aboutTable(table, DatabaseMetaData::getPrimaryKeys);
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schemaName, String table, boolean unique,
                                  boolean approximate) throws SQLException {
        return aboutTable(table, (backend, cat, sch, physical) -> backend.getIndexInfo(cat, sch, physical, unique,
                approximate));
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schemaName, String table) throws SQLException {
        return aboutTable(table, DatabaseMetaData::getImportedKeys);
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schemaName, String table) throws SQLException {
        return aboutTable(table, DatabaseMetaData::getExportedKeys);
    }

    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schemaName, String table, int scope,
                                          boolean nullable) throws SQLException {
        return aboutTable(table, (backend, cat, sch, physical) -> backend.getBestRowIdentifier(cat, sch, physical,
                scope, nullable));
    }

    @Override
    public ResultSet getVersionColumns(String catalog, String schemaName, String table) throws SQLException {
        return aboutTable(table, DatabaseMetaData::getVersionColumns);
    }

    @Override
    public ResultSet getTypeInfo() throws SQLException {
        return fact(backend -> MetaDataRows.read(backend.getTypeInfo())).toResultSet();
    }

    @Override
    public ResultSet getTableTypes() throws SQLException {
        return fact(backend -> MetaDataRows.read(backend.getTableTypes())).toResultSet();
    }

    @Override
    public ResultSet getCatalogs() {
        return MetaDataRows.empty("TABLE_CAT").toResultSet();
    }

    @Override
    public ResultSet getSchemas() {
        return MetaDataRows.empty("TABLE_SCHEM", "TABLE_CATALOG").toResultSet();
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) {
        return getSchemas();
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
                                       String foreignCatalog, String foreignSchema, String foreignTable)
            throws SQLException {
        throw Unsupported.method("DatabaseMetaData.getCrossReference");
    }

    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern)
            throws SQLException {
        throw Unsupported.method("DatabaseMetaData.getProcedures");
    }

    @Override
    public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern,
                                         String columnNamePattern) throws SQLException {
        throw Unsupported.method("DatabaseMetaData.getProcedureColumns");
    }

    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
            throws SQLException {
        throw Unsupported.method("DatabaseMetaData.getFunctions");
    }

    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern,
                                        String columnNamePattern) throws SQLException {
        throw Unsupported.method("DatabaseMetaData.getFunctionColumns");
    }

    @Override
    public ResultSet getColumnPrivileges(String catalog, String schemaName, String table, String columnNamePattern)
            throws SQLException {
        throw Unsupported.method("DatabaseMetaData.getColumnPrivileges");
    }

    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern)
            throws SQLException {
        throw Unsupported.method("DatabaseMetaData.getTablePrivileges");
    }

    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types)
            throws SQLException {
        throw Unsupported.method("DatabaseMetaData.getUDTs");
    }

    @Override
    public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern)
            throws SQLException {
        throw Unsupported.method("DatabaseMetaData.getSuperTypes");
    }

    @Override
    public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern)
            throws SQLException {
        throw Unsupported.method("DatabaseMetaData.getSuperTables");
    }

    @Override
    public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern,
                                   String attributeNamePattern) throws SQLException {
        throw Unsupported.method("DatabaseMetaData.getAttributes");
    }

    @Override
    public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern,
                                      String columnNamePattern) throws SQLException {
        throw Unsupported.method("DatabaseMetaData.getPseudoColumns");
    }

    @Override
    public ResultSet getClientInfoProperties() {
        return MetaDataRows.empty("NAME", "MAX_LEN", "DEFAULT_VALUE", "DESCRIPTION").toResultSet();
    }

    // ---- the driver and the connection ----

    @Override
    public String getURL() {
        return url;
    }

    /** Each data source has its own credentials; there is no single user. */
    @Override
    public String getUserName() {
        return null;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return connection.isReadOnly();
    }

    @Override
    public String getDriverName() {
        return DRIVER_NAME;
    }

    @Override
    public String getDriverVersion() {
        return getDriverMajorVersion() + "." + getDriverMinorVersion();
    }

    @Override
    public int getDriverMajorVersion() {
        return ShardgateDriver.MAJOR_VERSION;
    }

    @Override
    public int getDriverMinorVersion() {
        return ShardgateDriver.MINOR_VERSION;
    }

    @Override
    public int getJDBCMajorVersion() {
        return 4;
    }

    @Override
    public int getJDBCMinorVersion() {
        return 2;
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    // ---- the backend's dialect, from the representative shard ----

    @Override
    public String getDatabaseProductName() throws SQLException {
        return fact(DatabaseMetaData::getDatabaseProductName);
    }

    @Override
    public String getDatabaseProductVersion() throws SQLException {
        return fact(DatabaseMetaData::getDatabaseProductVersion);
    }

    @Override
    public int getDatabaseMajorVersion() throws SQLException {
        return fact(DatabaseMetaData::getDatabaseMajorVersion);
    }

    @Override
    public int getDatabaseMinorVersion() throws SQLException {
        return fact(DatabaseMetaData::getDatabaseMinorVersion);
    }

    @Override
    public String getIdentifierQuoteString() throws SQLException {
        return fact(DatabaseMetaData::getIdentifierQuoteString);
    }

    @Override
    public String getSQLKeywords() throws SQLException {
        return fact(DatabaseMetaData::getSQLKeywords);
    }

    @Override
    public String getNumericFunctions() throws SQLException {
        return fact(DatabaseMetaData::getNumericFunctions);
    }

    @Override
    public String getStringFunctions() throws SQLException {
        return fact(DatabaseMetaData::getStringFunctions);
    }

    @Override
    public String getSystemFunctions() throws SQLException {
        return fact(DatabaseMetaData::getSystemFunctions);
    }

    @Override
    public String getTimeDateFunctions() throws SQLException {
        return fact(DatabaseMetaData::getTimeDateFunctions);
    }

    @Override
    public String getSearchStringEscape() throws SQLException {
        return fact(DatabaseMetaData::getSearchStringEscape);
    }

    @Override
    public String getExtraNameCharacters() throws SQLException {
        return fact(DatabaseMetaData::getExtraNameCharacters);
    }

    @Override
    public int getSQLStateType() throws SQLException {
        return fact(DatabaseMetaData::getSQLStateType);
    }

    @Override
    public boolean nullsAreSortedHigh() throws SQLException {
        return fact(DatabaseMetaData::nullsAreSortedHigh);
    }

    @Override
    public boolean nullsAreSortedLow() throws SQLException {
        return fact(DatabaseMetaData::nullsAreSortedLow);
    }

    @Override
    public boolean nullsAreSortedAtStart() throws SQLException {
        return fact(DatabaseMetaData::nullsAreSortedAtStart);
    }

    @Override
    public boolean nullsAreSortedAtEnd() throws SQLException {
        return fact(DatabaseMetaData::nullsAreSortedAtEnd);
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() throws SQLException {
        return fact(DatabaseMetaData::supportsMixedCaseIdentifiers);
    }

    @Override
    public boolean storesUpperCaseIdentifiers() throws SQLException {
        return fact(DatabaseMetaData::storesUpperCaseIdentifiers);
    }

    @Override
    public boolean storesLowerCaseIdentifiers() throws SQLException {
        return fact(DatabaseMetaData::storesLowerCaseIdentifiers);
    }

    @Override
    public boolean storesMixedCaseIdentifiers() throws SQLException {
        return fact(DatabaseMetaData::storesMixedCaseIdentifiers);
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
        return fact(DatabaseMetaData::supportsMixedCaseQuotedIdentifiers);
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
        return fact(DatabaseMetaData::storesUpperCaseQuotedIdentifiers);
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
        return fact(DatabaseMetaData::storesLowerCaseQuotedIdentifiers);
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
        return fact(DatabaseMetaData::storesMixedCaseQuotedIdentifiers);
    }

    @Override
    public boolean supportsConvert(int fromType, int toType) throws SQLException {
        return fact(backend -> backend.supportsConvert(fromType, toType));
    }

    @Override
    public boolean supportsConvert() throws SQLException {
        return fact(DatabaseMetaData::supportsConvert);
    }

    @Override
    public String getSchemaTerm() throws SQLException {
        return fact(DatabaseMetaData::getSchemaTerm);
    }

    @Override
    public String getProcedureTerm() throws SQLException {
        return fact(DatabaseMetaData::getProcedureTerm);
    }

    @Override
    public String getCatalogTerm() throws SQLException {
        return fact(DatabaseMetaData::getCatalogTerm);
    }

    @Override
    public boolean isCatalogAtStart() throws SQLException {
        return fact(DatabaseMetaData::isCatalogAtStart);
    }

    @Override
    public String getCatalogSeparator() throws SQLException {
        return fact(DatabaseMetaData::getCatalogSeparator);
    }

    @Override
    public int getMaxBinaryLiteralLength() throws SQLException {
        return fact(DatabaseMetaData::getMaxBinaryLiteralLength);
    }

    @Override
    public int getMaxCharLiteralLength() throws SQLException {
        return fact(DatabaseMetaData::getMaxCharLiteralLength);
    }

    @Override
    public int getMaxColumnNameLength() throws SQLException {
        return fact(DatabaseMetaData::getMaxColumnNameLength);
    }

    @Override
    public int getMaxColumnsInGroupBy() throws SQLException {
        return fact(DatabaseMetaData::getMaxColumnsInGroupBy);
    }

    @Override
    public int getMaxColumnsInIndex() throws SQLException {
        return fact(DatabaseMetaData::getMaxColumnsInIndex);
    }

    @Override
    public int getMaxColumnsInOrderBy() throws SQLException {
        return fact(DatabaseMetaData::getMaxColumnsInOrderBy);
    }

    @Override
    public int getMaxColumnsInSelect() throws SQLException {
        return fact(DatabaseMetaData::getMaxColumnsInSelect);
    }

    @Override
    public int getMaxColumnsInTable() throws SQLException {
        return fact(DatabaseMetaData::getMaxColumnsInTable);
    }

    /** Connections are Shardgate's own, limited by nothing but the pools' waiting. */
    @Override
    public int getMaxConnections() {
        return 0;
    }

    @Override
    public int getMaxCursorNameLength() {
        return 0;
    }

    @Override
    public int getMaxIndexLength() throws SQLException {
        return fact(DatabaseMetaData::getMaxIndexLength);
    }

    @Override
    public int getMaxSchemaNameLength() throws SQLException {
        return fact(DatabaseMetaData::getMaxSchemaNameLength);
    }

    @Override
    public int getMaxProcedureNameLength() throws SQLException {
        return fact(DatabaseMetaData::getMaxProcedureNameLength);
    }

    @Override
    public int getMaxCatalogNameLength() throws SQLException {
        return fact(DatabaseMetaData::getMaxCatalogNameLength);
    }

    @Override
    public int getMaxRowSize() throws SQLException {
        return fact(DatabaseMetaData::getMaxRowSize);
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
        return fact(DatabaseMetaData::doesMaxRowSizeIncludeBlobs);
    }

    @Override
    public int getMaxStatementLength() throws SQLException {
        return fact(DatabaseMetaData::getMaxStatementLength);
    }

    @Override
    public int getMaxStatements() {
        return 0;
    }

    @Override
    public int getMaxTableNameLength() throws SQLException {
        return fact(DatabaseMetaData::getMaxTableNameLength);
    }

    @Override
    public int getMaxTablesInSelect() throws SQLException {
        return fact(DatabaseMetaData::getMaxTablesInSelect);
    }

    @Override
    public int getMaxUserNameLength() throws SQLException {
        return fact(DatabaseMetaData::getMaxUserNameLength);
    }

    @Override
    public boolean nullPlusNonNullIsNull() throws SQLException {
        return fact(DatabaseMetaData::nullPlusNonNullIsNull);
    }

    @Override
    public boolean supportsLikeEscapeClause() throws SQLException {
        return fact(DatabaseMetaData::supportsLikeEscapeClause);
    }

    @Override
    public boolean supportsNonNullableColumns() throws SQLException {
        return fact(DatabaseMetaData::supportsNonNullableColumns);
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
        return fact(DatabaseMetaData::dataDefinitionCausesTransactionCommit);
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
        return fact(DatabaseMetaData::dataDefinitionIgnoredInTransactions);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName(), "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
