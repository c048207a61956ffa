package com.acmebank.triggers.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Reads the files of a folder that ships inside the jar (or on the test class path), by name. */
public final class Resources {
    private Resources() {}

    /** File name to text of every regular file in the class-path folder, sorted by name; empty when missing. */
    public static Map<String, String> folder(String folder) {
        URL url = Resources.class.getClassLoader().getResource(folder);
        Map<String, String> files = new LinkedHashMap<>();
        if (url == null) {
            return files;
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return read(fs.getPath(folder));
            }
            return read(Paths.get(uri));
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the shipped folder " + folder, e);
        }
    }

    public static String text(String resource) {
        try (var in = Resources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing shipped file " + resource);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(Files::isRegularFile).sorted().toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return files;
    }
}
