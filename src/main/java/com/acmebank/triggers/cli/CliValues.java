package com.acmebank.triggers.cli;

import com.acmebank.triggers.event.Times;
import com.acmebank.triggers.spec.Durations;
import java.time.format.DateTimeParseException;
import org.apache.flink.configuration.MemorySize;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters for command-line values: durations (30s, 7d), instants (ISO-8601 with offset, or epoch ms), memory sizes. */
final class CliValues {
    private CliValues() {}

    static final class DurationMillis implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class InstantMillis implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Times.parseInstant(value);
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new TypeConversionException("expected an ISO-8601 instant with an offset or Z (2026-12-01T00:00:00+08:00) or epoch milliseconds, got '" + value + "'");
            }
        }
    }

    /**
     * RocksDB's memory in the embedded engine (cache and write buffers). A unit is required (a bare number would be
     * bytes to Flink), and less than 64 MB starves RocksDB.
     */
    static MemorySize managedMemory(String value) {
        String problem = "expected a size of at least 64m with its unit, like 512m or 2g; got '" + value + "'";
        if (value == null || !value.trim().matches("(?i)\\d+\\s*(k|kb|m|mb|g|gb|t|tb)")) {
            throw new IllegalArgumentException(problem);
        }
        MemorySize size;
        try {
            size = MemorySize.parse(value.trim());
        } catch (IllegalArgumentException tooLarge) {
            throw new IllegalArgumentException(problem);
        }
        if (size.getMebiBytes() < 64) {
            throw new IllegalArgumentException(problem);
        }
        return size;
    }

    static final class ManagedMemory implements ITypeConverter<MemorySize> {
        @Override
        public MemorySize convert(String value) {
            try {
                return managedMemory(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
