package dev.threadguard.api;


/**
 * What users see of a rule besides its findings: in the README's rule table, the SARIF rule metadata and the
 * report. The id is a public contract: never rename it.
 *
 * @param id              the stable public id, e.g. {@code thread-in-loop}
 * @param title           a short description, one line
 * @param rationale       why the pattern is a problem, a paragraph
 * @param fix             how to fix it, a paragraph
 * @param defaultSeverity the severity used unless configured otherwise
 */
public record RuleMetadata(String id, String title, String rationale, String fix, Severity defaultSeverity) {
}
