package org.filesync.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every bundle jar is also a JPMS module, and the two agree on what is exported. */
class BundleModulesIT {

    @Test
    void everyBundleIsAModuleWhoseExportsEqualTheBundleExports() throws IOException {
        List<Path> jars = bundleJars();
        assertFalse(jars.isEmpty(), "no bundle jars found");
        for (Path jar : jars) {
            ModuleDescriptor module =
                    ModuleFinder.of(jar).findAll().iterator().next().descriptor();
            assertFalse(module.isAutomatic(), jar + " has no module-info");
            Set<String> moduleExports = module.exports().stream()
                    .filter(export -> !export.isQualified())
                    .map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toCollection(TreeSet::new));
            try (JarFile file = new JarFile(jar.toFile())) {
                String symbolicName = file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
                assertEquals(symbolicName, module.name(), jar + ": module name differs from the bundle name");
                assertEquals(
                        bundleExports(file.getManifest().getMainAttributes().getValue("Export-Package")),
                        moduleExports,
                        jar.toString());
            }
        }
    }

    private static Set<String> bundleExports(String header) {
        Set<String> packages = new TreeSet<>();
        if (header == null) {
            return packages;
        }
        String withoutQuoted = header.replaceAll("\"[^\"]*\"", "");
        for (String clause : withoutQuoted.split(",")) {
            packages.add(clause.split(";")[0].trim());
        }
        return packages;
    }

    private static List<Path> bundleJars() throws IOException {
        Path bundles = Path.of(System.getProperty("filesync.bundles"));
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> folders = Files.list(bundles)) {
            for (Path folder : folders.sorted().toList()) {
                Path target = folder.resolve("target");
                if (!Files.isDirectory(target)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(target)) {
                    files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                            .filter(file -> !file.getFileName().toString().endsWith("-tests.jar"))
                            .forEach(jars::add);
                }
            }
        }
        return jars;
    }
}
