package dev.canary4j.report;

/** The report's style sheet, inlined into every page so that it opens offline. */
final class Style {

  private Style() {}

  static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2329;background:#f6f7f9}
      header{padding:18px 28px 8px}main{padding:0 28px 28px}footer{padding:12px 28px;color:#6b7480;font-size:12px}
      h1{margin:0;font-size:26px;letter-spacing:.04em}h2{margin:26px 0 8px;font-size:18px}h3{margin:14px 0 2px}
      h4{margin:10px 0 2px;font-weight:500;color:#4a5360}.what{margin:0 0 8px;color:#4a5360}
      .outcome{border-radius:8px;padding:12px 18px;border-left:8px solid #888;background:#fff;box-shadow:0 1px 2px #0002}
      .outcome-promoted{border-color:#1f9d55}.outcome-promoted h1{color:#1f9d55}
      .outcome-rolled-back{border-color:#d64545}.outcome-rolled-back h1{color:#d64545}
      .outcome-aborted{border-color:#b7791f}.outcome-aborted h1{color:#b7791f}
      .outcome-undecided{border-color:#6b7480}#outcome-reason{margin:4px 0;font-size:15px}.meta{margin:0;color:#6b7480}
      .chart{display:block;background:#fff;border-radius:6px;box-shadow:0 1px 2px #0002;max-width:100%;height:auto}
      .metric{margin-bottom:14px}.threshold-text{margin:0 0 6px;color:#4a5360}
      .frame{fill:none;stroke:#c9ced6}.grid{stroke:#eceef1}.axis{font-size:11px;fill:#6b7480}
      .legend-text{font-size:12px;fill:#1d2329}.series{fill:none;stroke-width:2.2}.hline{stroke-width:1.6;stroke-dasharray:6 4}
      .legend{stroke-width:3}.canary{stroke:#d9480f}.primary{stroke:#1c7ed6}.mirror{stroke:#7048e8}
      .threshold{stroke:#c92a2a}.zero{stroke:#868e96}.estimate{stroke:#2b8a3e}.against{stroke:#c92a2a}.for{stroke:#2b8a3e}
      .failures{stroke:#c92a2a}.consecutive{stroke:#e8590c}.inconclusive{stroke:#f59f00}.errors{stroke:#5f3dc4}
      .band{opacity:.16}.phase-PROGRESSING{fill:#1c7ed6}.phase-WAITING,.phase-WAITING_PROMOTION{fill:#f59f00}
      .phase-PROMOTING,.phase-FINALISING{fill:#37b24d}.phase-SUCCEEDED{fill:#2b8a3e}.phase-FAILED{fill:#e03131}
      .phase-ABORTED{fill:#b7791f}.phase-PAUSED{fill:#868e96}.phase-INITIALIZING,.phase-INITIALIZED{fill:#ced4da}
      .interval{fill:#2b8a3e;opacity:.5}.interval-FAIL_HIGH,.interval-FAIL_LOW{fill:#e03131}.interval-INCONCLUSIVE{fill:#f59f00}
      .marker{stroke:#fff;stroke-width:1.5}.verdict-PASS{fill:#2b8a3e}.verdict-FAIL_LOW,.verdict-FAIL_HIGH{fill:#e03131}
      .verdict-INCONCLUSIVE{fill:#f59f00}.verdict-NO_DATA{fill:#adb5bd}.verdict-ERROR{fill:#5f3dc4}.limit{fill:#000}
      table{border-collapse:collapse;background:#fff;width:100%;box-shadow:0 1px 2px #0002;font-size:13px}
      th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eceef1;vertical-align:top}th{background:#eef0f3}
      tr.failure td{color:#c92a2a}tr.gate-closed td:nth-child(3){color:#c92a2a}.legend-phases{color:#6b7480;margin:4px 0}
      """;
}
