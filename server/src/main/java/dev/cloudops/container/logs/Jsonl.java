package dev.cloudops.container.logs;

import java.io.IOException;
import java.io.Writer;
import tools.jackson.databind.json.JsonMapper;

/** JSON Lines output: one JSON object per line. */
final class Jsonl {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Jsonl() {}

    static void write(Writer out, Object value) throws IOException {
        out.write(JSON.writeValueAsString(value));
        out.write('\n');
    }
}
