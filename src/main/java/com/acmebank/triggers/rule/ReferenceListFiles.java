package com.acmebank.triggers.rule;

import com.acmebank.triggers.io.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reference lists as files: NAME.txt holds the list NAME, one value a line; blank lines and lines starting
 * with # are ignored. Lists given by the user replace shipped lists of the same name.
 */
public final class ReferenceListFiles {
    public static final String SHIPPED = "rules/reference";

    private ReferenceListFiles() {}

    public static Map<String, List<String>> shipped() {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        Resources.folder(SHIPPED).forEach((name, text) -> {
            if (name.endsWith(".txt")) {
                lists.put(name.substring(0, name.length() - 4), values(text));
            }
        });
        return lists;
    }

    public static Map<String, List<String>> load(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("reference folder " + folder + " does not exist or is not a folder");
        }
        Map<String, List<String>> lists = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().toList()) {
                String name = p.getFileName().toString();
                lists.put(name.substring(0, name.length() - 4), values(Files.readString(p)));
            }
        }
        return lists;
    }

    /** The shipped lists, with the user's folder (if any) replacing or adding lists by name. */
    public static Map<String, List<String>> shippedWith(Path folder) throws IOException {
        Map<String, List<String>> lists = shipped();
        if (folder != null) {
            lists.putAll(load(folder));
        }
        return lists;
    }

    /** The values of a list file's text: one a line, stripped; blank lines and # comments left out. */
    public static List<String> values(String text) {
        List<String> values = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String v = line.strip();
            if (!v.isEmpty() && !v.startsWith("#")) {
                values.add(v);
            }
        }
        return values;
    }
}
