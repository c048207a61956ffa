package com.acmebank.triggers.flink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Writes records as JSON Lines to one local file (replay output). Run it with parallelism 1; it is not
 * transactional, since a replay is re-run rather than restored.
 */
public class JsonLinesFileSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final SerializableFunction<T, String> format;

    public JsonLinesFileSink(Path path, SerializableFunction<T, String> format) {
        this.path = path.toAbsolutePath().toString();
        this.format = format;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new Writer<>(Files.newBufferedWriter(Paths.get(path), StandardCharsets.UTF_8), format);
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final BufferedWriter out;
        private final SerializableFunction<T, String> format;

        Writer(BufferedWriter out, SerializableFunction<T, String> format) {
            this.out = out;
            this.format = format;
        }

        @Override
        public void write(T element, Context context) throws IOException {
            out.write(format.apply(element));
            out.newLine();
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
