package com.acmebank.triggers.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A deterministic generator of realistic retail-bank traffic: customer profiles and a day-by-day stream of input
 * events (docs/contracts.md) in which every trigger scenario S1-S15 occurs, edge cases included, so that replays and
 * live demos have something true to life to chew on. The same settings always give byte-identical output.
 * See docs/generator.md.
 */
public final class TrafficGenerator {
    private final Settings settings;
    private final CustomerPersona[] personas;

    public TrafficGenerator(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.personas = new CustomerPersona[settings.customers()];
        for (int i = 0; i < personas.length; i++) {
            personas[i] = new CustomerPersona(i + 1, settings);
        }
    }

    public Settings settings() {
        return settings;
    }

    /** One JSON line per customer profile; about 0.5% of the customers deliberately have none. */
    public List<String> profiles() {
        JsonLines json = new JsonLines();
        List<String> lines = new ArrayList<>(personas.length);
        for (CustomerPersona p : personas) {
            if (p.hasProfile) {
                lines.add(json.profile(p));
            }
        }
        return lines;
    }

    /**
     * The event lines in event-time order (apart from the deliberate disorder and retries), produced lazily day by
     * day; endless when {@code days <= 0}. Every call starts a fresh, identical pass.
     */
    public Iterator<String> events() {
        return new EventStream(settings, personas);
    }

    /**
     * Writes the events and the profiles as JSON Lines (UTF-8, one record a line) and returns the number of event
     * lines per type, plus "malformed" (extra broken lines) and "duplicate" (retried lines).
     */
    public Map<String, Long> write(Path eventsFile, Path profilesFile) throws IOException {
        if (settings.endless()) {
            throw new IllegalStateException("an endless generator (days <= 0) cannot be written to a file");
        }
        JsonLines json = new JsonLines();
        try (Writer out = open(profilesFile)) {
            for (CustomerPersona p : personas) {
                if (p.hasProfile) {
                    out.write(json.profile(p));
                    out.write('\n');
                }
            }
        }
        EventStream events = new EventStream(settings, personas);
        try (Writer out = open(eventsFile)) {
            while (events.hasNext()) {
                out.write(events.next());
                out.write('\n');
            }
        }
        return events.counts();
    }

    private static Writer open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
    }
}
