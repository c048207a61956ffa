package com.acmebank.triggers.policy;

import com.acmebank.triggers.io.Resources;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Reads and checks the contact policy file (YAML); the shipped {@code rules/policy.yaml} is the default. */
public final class PolicyFiles {
    public static final String SHIPPED = "rules/policy.yaml";
    private static final ObjectMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private PolicyFiles() {}

    public static PolicyConfig shipped() throws IOException {
        return parse(Resources.text(SHIPPED), SHIPPED);
    }

    public static PolicyConfig load(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    public static PolicyConfig parse(String text, String name) throws IOException {
        PolicyConfig config;
        try {
            config = YAML.readValue(text, PolicyConfig.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw new IOException(name + ": " + field + ": " + e.getOriginalMessage(), e);
        }
        List<String> problems = config.validate();
        if (!problems.isEmpty()) {
            throw new IOException(name + ": " + String.join("; ", problems));
        }
        return config;
    }
}
