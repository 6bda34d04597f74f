/** Parse stage: the pre-classifier, literal normalization and the Calcite facade. */
package io.shardgate.sql.parse;
