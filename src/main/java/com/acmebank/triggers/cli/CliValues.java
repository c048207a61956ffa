package com.acmebank.triggers.cli;

import com.acmebank.triggers.event.Times;
import com.acmebank.triggers.spec.Durations;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters for command-line values: durations (30s, 7d) and instants (ISO-8601 with offset, or epoch ms). */
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
}
