package com.acmebank.triggers.flink;

import com.acmebank.triggers.event.Origin;
import com.acmebank.triggers.event.RawRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a JSON Lines file line by line, keeping the file name and line number of each record so a dead
 * letter can say where it came from. Blank lines carry nothing and are skipped. Not splittable: one file is
 * read in order, which keeps replays deterministic.
 */
public class LineFileFormat extends SimpleStreamFormat<RawRecord> {
    private static final long serialVersionUID = 1L;
    private final String fileName;

    public LineFileFormat(String fileName) {
        this.fileName = fileName;
    }

    @Override
    public Reader createReader(Configuration config, FSDataInputStream stream) {
        return new Reader(new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16), fileName);
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    static final class Reader implements StreamFormat.Reader<RawRecord> {
        private final BufferedReader reader;
        private final String fileName;
        private long line;

        Reader(BufferedReader reader, String fileName) {
            this.reader = reader;
            this.fileName = fileName;
        }

        @Override
        public RawRecord read() throws IOException {
            String text;
            while ((text = reader.readLine()) != null) {
                line++;
                if (!text.isBlank()) {
                    return new RawRecord(text, null, Origin.fileLine(fileName, line));
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
