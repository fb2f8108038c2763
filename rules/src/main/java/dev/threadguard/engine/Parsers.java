package dev.threadguard.engine;

import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.Processor;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.validator.postprocessors.Java10PostProcessor;

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
     * no line-ending detection, no lexical preservation. The level's validator is left out: it reports code that
     * javac would reject, which the analysis does not need, and it walks the tree once per check (a sixth of the
     * parse time). The level's post-processing ({@code var} as a type) and its grammar choices ({@code yield})
     * stay.
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
            boolean varIsAType = level.ordinal() >= LanguageLevel.JAVA_10.ordinal();
            processors.set(LANGUAGE_LEVEL_PROCESSOR, () -> varIsAType ? new VarTypes() : new Processor() {
            });
        }
        return configuration;
    }

    /** Turns {@code var} in declarations into {@code VarType}, as the level's post-processor does. */
    private static final class VarTypes extends Processor {
        private final Java10PostProcessor postProcessor = new Java10PostProcessor();

        @Override
        public void postProcess(ParseResult<? extends Node> result, ParserConfiguration configuration) {
            postProcessor.postProcess(result, configuration);
        }
    }
}
