package dev.threadguard.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.VariableDeclarator;
import dev.threadguard.types.Variables;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParsersTest {

    private static final String MODERN = """
            class C {
                record Point(int x, int y) {}
                int f(Object o, int k) {
                    var list = new java.util.ArrayList<String>();
                    int n = switch (k) { case 1 -> 1; default -> { yield 2; } };
                    if (o instanceof String s) { return s.length(); }
                    return n + list.size();
                }
            }
            """;

    @Test
    void skipsTheValidatorKeepsYieldAndVarStaysRecognisable() {
        ParseResult<CompilationUnit> result = new JavaParser(Parsers.configuration(LanguageLevel.JAVA_17))
                .parse(MODERN);
        assertThat(result.getProblems()).isEmpty();
        VariableDeclarator list = result.getResult().orElseThrow().findAll(VariableDeclarator.class).stream()
                .filter(v -> v.getNameAsString().equals("list")).findFirst().orElseThrow();
        assertThat(list.getBegin().orElseThrow().line).isEqualTo(4);
        assertThat(new Variables.Declared(list, list.getType(), list.getInitializer(), false).inferred()).isTrue();
    }

    @Test
    void theLanguageLevelProcessorIsWhereItIsExpected() {
        // Guards the JavaParser upgrade: if its processor layout changes, Parsers must be revisited, or the
        // validator would silently be kept (slower) or the wrong processor replaced.
        assertThat(new com.github.javaparser.ParserConfiguration().getProcessors()).hasSize(6);
        String recordAtJava11 = "record Point(int x) {}";
        ParseResult<CompilationUnit> withValidator = new JavaParser(new com.github.javaparser.ParserConfiguration()
                .setLanguageLevel(LanguageLevel.JAVA_11)).parse(recordAtJava11);
        assertThat(withValidator.getProblems()).isNotEmpty();
        ParseResult<CompilationUnit> without = new JavaParser(Parsers.configuration(LanguageLevel.JAVA_11))
                .parse(recordAtJava11);
        assertThat(without.getProblems()).isEmpty();
    }
}
