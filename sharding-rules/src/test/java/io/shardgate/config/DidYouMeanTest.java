package io.shardgate.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DidYouMeanTest {
    private static final List<String> KEYS = List.of("shardKey", "algorithm", "nodes", "keyGenerator");

    @Test
    void suggestsForCaseSeparatorAndSpellingSlips() {
        assertThat(DidYouMean.closest("shardkey", KEYS)).contains("shardKey");
        assertThat(DidYouMean.closest("shard_key", KEYS)).contains("shardKey");
        assertThat(DidYouMean.closest("algoritm", KEYS)).contains("algorithm");
        assertThat(DidYouMean.closest("node", KEYS)).contains("nodes");
    }

    @Test
    void staysQuietForUnrelatedWords() {
        assertThat(DidYouMean.closest("replicas", KEYS)).isEmpty();
        assertThat(DidYouMean.hint("x", KEYS)).isEmpty();
    }
}
