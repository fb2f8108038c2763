package dev.threadguard.report.html;

/** The report's only stylesheet, inlined into the page. */
final class Styles {

    static final String CSS = """
            :root { --bad: #c62828; --warn: #ef6c00; --ok: #2e7d32; --muted: #666; --line: #ddd; }
            * { box-sizing: border-box; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #222; }
            header { background: #263238; color: #fff; padding: 16px 24px; }
            header h1 { margin: 0; font-size: 20px; } header h1 span { font-weight: normal; opacity: .8; }
            header p { margin: 4px 0 8px; opacity: .7; font-size: 12px; }
            nav a { color: #fff; margin-right: 16px; }
            main { padding: 8px 24px 48px; max-width: 1400px; }
            h2 { border-bottom: 2px solid #263238; padding-bottom: 4px; margin-top: 32px; }
            h3 { margin-top: 24px; }
            table { border-collapse: collapse; margin: 8px 0 16px; width: 100%; }
            th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
            th { background: #f5f5f5; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; }
            .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
            .card { border: 1px solid var(--line); border-left: 6px solid var(--muted); border-radius: 4px;
                    padding: 8px 14px; min-width: 140px; }
            .card .value { font-size: 22px; font-weight: 600; } .card .label { color: var(--muted); }
            .card.ok { border-left-color: var(--ok); } .card.bad { border-left-color: var(--bad); }
            .card.warn { border-left-color: var(--warn); }
            .pass { color: var(--ok); font-weight: 600; } .fail { color: var(--bad); font-weight: 600; }
            .rule { margin-top: 24px; } .rule h3 .count, summary .count { background: #eee; border-radius: 10px;
                    padding: 0 8px; font-size: 12px; }
            .rationale { color: #333; max-width: 100ch; } .fix { max-width: 100ch; }
            details { margin: 6px 0; } summary { cursor: pointer; }
            .finding { border-left: 4px solid var(--muted); margin: 8px 0 8px 12px; padding: 2px 10px; }
            .finding.error { border-left-color: var(--bad); } .finding.warning { border-left-color: var(--warn); }
            .where { font-family: ui-monospace, monospace; font-size: 12px; color: var(--muted); }
            .level { text-transform: uppercase; font-size: 11px; }
            pre.code { background: #fafafa; border: 1px solid var(--line); padding: 6px 0; overflow-x: auto; }
            pre.code span { display: block; padding: 0 8px; } pre.code .hit { background: #fff3cd; }
            pre.code .ln { display: inline-block; width: 5ch; color: #999; text-align: right; margin-right: 12px;
                    padding: 0; }
            pre.stack { background: #fafafa; border: 1px solid var(--line); padding: 6px 8px; overflow-x: auto;
                    margin: 4px 0; }
            svg.chart { width: 100%; max-width: 1100px; height: auto; border: 1px solid var(--line); background: #fff; }
            svg.chart text { font: 11px system-ui, sans-serif; fill: #444; }
            .legend span { margin-right: 16px; } .swatch { display: inline-block; width: 14px; height: 3px;
                    vertical-align: middle; margin-right: 4px; }
            """;

    private Styles() {
    }
}
