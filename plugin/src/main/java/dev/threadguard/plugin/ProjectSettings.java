package dev.threadguard.plugin;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about the project being built that several goals need, read from the model without side effects. */
final class ProjectSettings {

    private ProjectSettings() {
    }

    /**
     * The Java version to parse at: the explicit setting, else {@code maven.compiler.release}, else
     * {@code maven.compiler.source}, else the compiler plugin's {@code release} or {@code source}, else null
     * (the newest the parser knows).
     */
    static String languageLevel(MavenProject project, String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit.trim();
        }
        for (String property : new String[] {"maven.compiler.release", "maven.compiler.source"}) {
            String value = project.getProperties().getProperty(property);
            if (value != null && !value.isBlank() && !value.contains("${")) {
                return value.trim();
            }
        }
        Plugin compiler = project.getPlugin("org.apache.maven.plugins:maven-compiler-plugin");
        if (compiler != null && compiler.getConfiguration() instanceof Xpp3Dom configuration) {
            for (String element : new String[] {"release", "source"}) {
                Xpp3Dom child = configuration.getChild(element);
                if (child != null && child.getValue() != null && !child.getValue().contains("${")) {
                    return child.getValue().trim();
                }
            }
        }
        return null;
    }

    /**
     * The root that SARIF locations are relative to: the enclosing Git work tree, else the multi-module root
     * (where {@code .mvn} lives), else the project's directory.
     */
    static Path repositoryRoot(MavenProject project, MavenSession session) {
        Path basedir = project.getBasedir().toPath().toAbsolutePath().normalize();
        for (Path current = basedir; current != null; current = current.getParent()) {
            if (Files.exists(current.resolve(".git"))) {
                return current;
            }
        }
        File multiModule = session.getRequest().getMultiModuleProjectDirectory();
        if (multiModule != null && basedir.startsWith(multiModule.toPath().toAbsolutePath().normalize())) {
            return multiModule.toPath().toAbsolutePath().normalize();
        }
        return basedir;
    }

    /** Where console paths start from: the shell's directory when the files are below it, so paths are clickable. */
    static Path workingDirectory(Path fallback) {
        String userDir = System.getProperty("user.dir");
        return userDir == null ? fallback : Path.of(userDir).toAbsolutePath().normalize();
    }
}
