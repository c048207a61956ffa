package com.acmebank.triggers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where a setting of `run` comes from, first match wins: its flag, the environment variable TRIGGER_NAME
 * (bootstrap-servers: TRIGGER_BOOTSTRAP_SERVERS), the --config YAML file (keys as the flag names), its default.
 */
final class SettingSources {
    private final Predicate<String> flagGiven;
    private final Map<String, String> environment;
    private final Map<String, String> file;

    SettingSources(Predicate<String> flagGiven, Map<String, String> environment, Map<String, String> file) {
        this.flagGiven = flagGiven;
        this.environment = environment;
        this.file = file;
    }

    String value(String name, String flagValue, String fallback) {
        if (flagValue != null && flagGiven.test(name)) {
            return flagValue;
        }
        String env = environment.get("TRIGGER_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
        if (env != null && !env.isBlank()) {
            return env;
        }
        String fromFile = file.get(name);
        return fromFile != null ? fromFile : fallback;
    }

    static Map<String, String> readYaml(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("--config: no such file " + path);
        }
        JsonNode root = new YAMLMapper().readTree(path.toFile());
        Map<String, String> values = new HashMap<>();
        if (root != null) {
            root.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        }
        return values;
    }
}
