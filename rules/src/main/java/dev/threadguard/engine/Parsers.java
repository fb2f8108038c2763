package dev.threadguard.engine;

import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.Processor;

import java.util.List;
import java.util.function.Supplier;

/** How threadguard configures JavaParser: one configuration per parser, never shared between threads. */
final class Parsers {

    /** Where JavaParser 3.28 keeps the processor that post-processes and validates for the language level. */
    private static final int LANGUAGE_LEVEL_PROCESSOR = 3;
    private static final int PROCESSOR_COUNT = 6;

    private Parsers() {
    }

    /**
     * A configuration for {@code level}: tokens kept (nodes need them for positions), no comment attribution,
     * no line-ending detection, no lexical preservation. The level's grammar choices ({@code yield}) stay; its
     * validator and post-processor are left out, as each walks the whole tree again: the validator reports code
     * that javac would reject, which the analysis does not need (a sixth of the parse time), and the
     * post-processor only turns {@code var} into a {@code VarType}, which the analysis recognises by name instead
     * ({@code Variables.Declared#inferred}).
     */
    static ParserConfiguration configuration(LanguageLevel level) {
        ParserConfiguration configuration = new ParserConfiguration()
                .setLanguageLevel(level)
                .setStoreTokens(true)
                .setAttributeComments(false)
                .setDetectOriginalLineSeparator(false)
                .setLexicalPreservationEnabled(false);
        List<Supplier<Processor>> processors = configuration.getProcessors();
        if (processors.size() == PROCESSOR_COUNT) {
            processors.set(LANGUAGE_LEVEL_PROCESSOR, () -> new Processor() {
            });
        }
        return configuration;
    }
}
