package com.acmebank.triggers.rule;

import com.acmebank.triggers.io.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads a folder of rule files (*.yaml, *.yml, *.json; one rule per file) and validates all of them, reporting
 * every problem of every file at once. The shipped scenario rules are the default.
 */
public final class RuleFiles {
    public static final String SHIPPED = "rules/scenarios";

    private RuleFiles() {}

    /** The loaded sources and their compiled rules, in file-name order. */
    public record Loaded(List<RuleSource> sources, List<CompiledRule> rules, List<RuleError> warnings) {
        /** The rules indexed by what they react to (reference lists are not needed for that). */
        public RuleBook book() {
            return RuleBook.of(rules, com.acmebank.triggers.condition.ReferenceLists.empty());
        }
    }

    public static Loaded shipped() throws RuleRejectedException {
        Map<String, String> files = new LinkedHashMap<>();
        Resources.folder(SHIPPED).forEach((name, text) -> {
            if (isRuleFile(name)) {
                files.put(name, text);
            }
        });
        return compile(files);
    }

    public static Loaded load(Path folder) throws IOException, RuleRejectedException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("rules folder " + folder + " does not exist or is not a folder");
        }
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.walk(folder)) {
            for (Path p : list.filter(Files::isRegularFile).filter(p -> isRuleFile(p.getFileName().toString())).sorted().toList()) {
                files.put(folder.relativize(p).toString(), Files.readString(p));
            }
        }
        if (files.isEmpty()) {
            throw new IOException("no rule files (*.yaml, *.yml, *.json) in " + folder);
        }
        return compile(files);
    }

    /** Rule files and folders of rule files, together (every problem of every file at once). */
    public static Loaded load(List<Path> paths) throws IOException, RuleRejectedException {
        Map<String, String> files = new LinkedHashMap<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> list = Files.walk(path)) {
                    for (Path p : list.filter(Files::isRegularFile).filter(p -> isRuleFile(p.getFileName().toString())).sorted().toList()) {
                        files.put(p.toString(), Files.readString(p));
                    }
                }
            } else if (Files.isRegularFile(path)) {
                files.put(path.toString(), Files.readString(path));
            } else {
                throw new IOException("no such rule file or folder: " + path);
            }
        }
        if (files.isEmpty()) {
            throw new IOException("no rule files (*.yaml, *.yml, *.json) in " + paths);
        }
        return compile(files);
    }

    /** The rules of {@code base} with those of {@code change} in place of the same ids, and the new ones added. */
    public static Loaded merge(Loaded base, Loaded change) {
        Map<String, Integer> index = new HashMap<>();
        List<RuleSource> sources = new ArrayList<>(base.sources());
        List<CompiledRule> rules = new ArrayList<>(base.rules());
        for (int i = 0; i < rules.size(); i++) {
            index.put(rules.get(i).id(), i);
        }
        for (int i = 0; i < change.rules().size(); i++) {
            CompiledRule r = change.rules().get(i);
            Integer at = index.get(r.id());
            if (at != null) {
                rules.set(at, r);
                sources.set(at, change.sources().get(i));
            } else {
                rules.add(r);
                sources.add(change.sources().get(i));
            }
        }
        List<RuleError> warnings = new ArrayList<>(base.warnings());
        warnings.addAll(change.warnings());
        return new Loaded(sources, rules, warnings);
    }

    static boolean isRuleFile(String name) {
        String n = name.toLowerCase();
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    private static Loaded compile(Map<String, String> files) throws RuleRejectedException {
        RuleCompiler compiler = new RuleCompiler();
        List<RuleSource> sources = new ArrayList<>();
        List<CompiledRule> rules = new ArrayList<>();
        List<RuleError> errors = new ArrayList<>();
        List<RuleError> warnings = new ArrayList<>();
        Map<String, String> fileOfId = new HashMap<>();
        files.forEach((name, text) -> {
            RuleSource source = new RuleSource(name, text);
            try {
                RuleCompiler.Checked checked = compiler.check(source);
                CompiledRule rule = checked.rule();
                warnings.addAll(checked.warnings());
                String other = fileOfId.putIfAbsent(rule.id(), name);
                if (other != null) {
                    errors.add(new RuleError(name, rule.id(), "id", "the same id is already used by " + other));
                } else {
                    sources.add(source);
                    rules.add(rule);
                }
            } catch (RuleRejectedException e) {
                errors.addAll(e.errors());
            }
        });
        if (!errors.isEmpty()) {
            throw new RuleRejectedException(errors);
        }
        return new Loaded(sources, rules, List.copyOf(warnings));
    }
}
