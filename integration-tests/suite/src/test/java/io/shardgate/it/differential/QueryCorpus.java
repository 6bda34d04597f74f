package io.shardgate.it.differential;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a corpus file of one statement per line; '#' starts a comment line, '[ci] ' a case-blind comparison. */
public record QueryCorpus(String sql, boolean ignoreCase, int line) {

    public static List<QueryCorpus> load(String resource) {
        try (InputStream in = QueryCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            List<QueryCorpus> out = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                boolean ci = l.startsWith("[ci] ");
                out.add(new QueryCorpus(ci ? l.substring(5) : l, ci, i + 1));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean ordered() {
        return sql.contains(" ORDER BY ");
    }
}
