package dev.threadguard.plugin;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/parameters.md is generated from the plugin descriptor Maven builds from the mojos' {@code @Parameter}
 * Javadoc, so the documented names, properties and defaults can never drift from the code. When this test fails,
 * regenerate the page: {@code ./mvnw -pl plugin test -Dtest=ParameterDocsTest -Dthreadguard.writeDocs=true}.
 */
class ParameterDocsTest {

    private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");
    private static final Path PAGE = Path.of("../docs/parameters.md");

    @Test
    void theParameterPageIsTheDescriptorsOwn() throws Exception {
        String generated = render(DESCRIPTOR);
        if (Boolean.getBoolean("threadguard.writeDocs")) {
            Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .as("docs/parameters.md is out of date: run ./mvnw -pl plugin test -Dtest=ParameterDocsTest "
                        + "-Dthreadguard.writeDocs=true")
                .isEqualTo(generated);
    }

    static String render(Path descriptor) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(descriptor.toFile());
        StringBuilder page = new StringBuilder("""
                # Goals and parameters

                Generated from the plugin's descriptor (the mojos' `@Parameter` Javadoc) by `ParameterDocsTest`, which
                fails when this page and the code disagree. `mvn threadguard:help -Ddetail` prints the same. Every
                property can be given on the command line (`-Dthreadguard.maxThreads=200`) or in the POM's
                `<properties>`; lists on the command line are comma-separated.
                """);
        NodeList mojos = document.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = text(mojo, "goal");
            if (goal.equals("help")) {
                continue;
            }
            String phase = text(mojo, "phase");
            page.append("\n## `threadguard:").append(goal).append("`\n\n").append(firstSentence(text(mojo,
                    "description")).replace("<", "&lt;").replace(">", "&gt;")).append(phase.isEmpty() ? "" : " Binds to `" + phase + "` by default.").append("\n\n")
                    .append("| Parameter | Property | Default | Description |\n|---|---|---|---|\n");
            Element configuration = (Element) mojo.getElementsByTagName("configuration").item(0);
            NodeList parameters = ((Element) mojo.getElementsByTagName("parameters").item(0))
                    .getElementsByTagName("parameter");
            List<String> rows = new ArrayList<>();
            for (int p = 0; p < parameters.getLength(); p++) {
                Element parameter = (Element) parameters.item(p);
                if (!"true".equals(text(parameter, "editable"))) {
                    continue; // project, session, plugin: read-only injections
                }
                String name = text(parameter, "name");
                Element value = configuration == null ? null
                        : (Element) configuration.getElementsByTagName(name).item(0);
                String property = value == null ? "" : value.getTextContent().trim();
                String defaultValue = value == null ? "" : value.getAttribute("default-value");
                rows.add("| `" + name + "` | " + (property.startsWith("${") ? "`" + property.substring(2,
                        property.length() - 1) + "`" : "—") + " | " + (defaultValue.isEmpty() ? "—"
                        : "`" + defaultValue.replace("${project.build.directory}", "target")
                                .replace("${project.build.sourceEncoding}", "the build's encoding") + "`")
                        + " | " + markdown(text(parameter, "description")) + " |");
            }
            rows.sort(null);
            rows.forEach(row -> page.append(row).append('\n'));
        }
        return page.toString();
    }

    private static String text(Element element, String tag) {
        NodeList nodes = element.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getParentNode() == element) {
                return nodes.item(i).getTextContent().trim().replaceAll("\\s+", " ");
            }
        }
        return "";
    }

    /** Descriptor text as table-cell Markdown: no tags, no emphasis, no column breaks. */
    private static String markdown(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("*", "\\*")
                .replace("_", "\\_");
    }

    private static String firstSentence(String description) {
        int end = description.indexOf(". ");
        return end < 0 ? description : description.substring(0, end + 1);
    }
}
