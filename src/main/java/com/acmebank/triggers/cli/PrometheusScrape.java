package com.acmebank.triggers.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One read of the engine's Prometheus endpoint ({@code run --metrics-port}): each metric name (labels dropped)
 * with its value; a name reported by several subtasks keeps the largest.
 */
final class PrometheusScrape {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, Double> values;

    private PrometheusScrape(Map<String, Double> values) {
        this.values = values;
    }

    static PrometheusScrape of(int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build();
        return parse(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    static PrometheusScrape parse(String text) {
        Map<String, Double> values = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
            try {
                values.merge(name, Double.parseDouble(line.substring(space + 1)), Math::max);
            } catch (NumberFormatException e) {
                // a value Prometheus would reject: not ours to read
            }
        }
        return new PrometheusScrape(values);
    }

    /** The metric's value; fails naming it when the endpoint does not report it. */
    long required(String name) {
        long v = value(name);
        if (v < 0) {
            throw new IllegalStateException("the engine's metrics do not report " + name);
        }
        return v;
    }

    /** The metric's value, or -1 when the endpoint does not report it (yet). */
    long value(String name) {
        Double v = values.get(name);
        return v == null ? -1 : Math.round(v);
    }
}
