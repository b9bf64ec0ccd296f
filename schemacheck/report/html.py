"""One self-contained HTML page: the gap report's sections, a per-resource scorecard (inline
SVG) and a filterable findings table (a little inline JS). No network, no CDN: it opens from
a CI artifact or an email attachment as it is.

The sections are the Markdown gap report rendered by markdown-it-py (already installed with
rich), so every figure is the one the Markdown report prints; raw HTML in the input is
escaped, never passed through (docs and specs are someone else's text).
"""

from __future__ import annotations

import html
import json

from markdown_it import MarkdownIt

from schemacheck.findings import severity_counts
from schemacheck.report.issues import counts_line, resources
from schemacheck.report.locate import locate
from schemacheck.report.markdown import render_markdown
from schemacheck.result import RunResult

# The page may load nothing from anywhere: what it shows is inline.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
COLOURS = {"critical": "#b91c1c", "high": "#dc6803", "medium": "#ca8a04", "low": "#2563eb",
           "info": "#64748b"}

CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1e293b;
background:#f8fafc}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:26px}h2{border-bottom:1px solid #cbd5e1;padding-bottom:4px;margin-top:32px}
table{border-collapse:collapse;margin:8px 0;background:#fff}
th,td{border:1px solid #cbd5e1;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#e2e8f0}
code{background:#e2e8f0;padding:1px 4px;border-radius:3px;font-size:13px}
pre{background:#0f172a;color:#e2e8f0;padding:12px;overflow:auto;border-radius:6px}
pre code{background:none;padding:0;color:inherit}
.card{background:#fff;border:1px solid #cbd5e1;border-radius:8px;padding:16px;margin:16px 0}
.sev{display:inline-block;color:#fff;border-radius:4px;padding:0 6px;font-size:12px}
#findings{width:100%;table-layout:fixed}
#findings td{overflow-wrap:anywhere;font-size:13px}
#findings th:nth-child(1){width:72px}#findings th:nth-child(4){width:32%}
#filters{display:flex;gap:12px;align-items:center;margin:8px 0}
#filters input{flex:1;padding:4px 8px}
"""

# Fills the findings table from the JSON block and filters it: by severity and by text.
SCRIPT = """
(function(){
var data=JSON.parse(document.getElementById('findings-data').textContent);
var body=document.querySelector('#findings tbody');
var sev=document.getElementById('severity');var text=document.getElementById('search');
var shown=document.getElementById('shown');var colours=COLOURS;
Array.from(new Set(data.map(function(f){return f.severity;}))).forEach(function(s){
 var o=document.createElement('option');o.value=s;o.textContent=s;sev.appendChild(o);});
data.forEach(function(f){var tr=document.createElement('tr');tr.dataset.severity=f.severity;
 tr.dataset.text=[f.rule,f.operation,f.location,f.message,f.where].join(' ').toLowerCase();
 [f.severity,f.operation,f.location,f.message,f.rule,f.where].forEach(function(v,i){
  var td=document.createElement('td');if(i===0){var b=document.createElement('span');
  b.className='sev';b.style.background=colours[v];b.textContent=v;td.appendChild(b);}
  else{td.textContent=v;}tr.appendChild(td);});body.appendChild(tr);});
function apply(){var n=0;var q=text.value.toLowerCase();
 Array.from(body.rows).forEach(function(r){var ok=(!sev.value||r.dataset.severity===sev.value)
  &&(!q||r.dataset.text.indexOf(q)>=0);r.hidden=!ok;if(ok){n++;}});
 shown.textContent=n+' of '+data.length+' findings shown';}
sev.addEventListener('change',apply);text.addEventListener('input',apply);apply();
document.getElementById('findings').dataset.ready='true';
})();
"""


def _scorecard(result: RunResult) -> str:
    """Per resource, a bar of passing operations out of all: an inline SVG, one row each."""
    figures = resources(result)
    row, label_w, bar_w = 28, 220, 560
    height = row * max(len(figures), 1) + 16
    parts = [f'<svg id="scorecard" xmlns="http://www.w3.org/2000/svg" '
             f'width="{label_w + bar_w + 120}" height="{height}" role="img" '
             'aria-label="Passing operations per resource">']
    if not figures:
        parts.append('<text x="0" y="20">No operations were compared.</text>')
    for i, item in enumerate(figures):
        y = 8 + i * row
        passing_w = round(bar_w * item.passing / item.total) if item.total else 0
        parts += [
            f'<text x="0" y="{y + 15}" font-size="13">{html.escape(item.name)}</text>',
            f'<rect x="{label_w}" y="{y}" width="{bar_w}" height="20" fill="#fecaca"/>',
            f'<rect class="passing" x="{label_w}" y="{y}" width="{passing_w}" height="20" '
            'fill="#16a34a"/>',
            f'<text x="{label_w + bar_w + 8}" y="{y + 15}" font-size="13">{item.passing}/'
            f'{item.total} ({item.percent})</text>']
    parts.append("</svg>")
    return "".join(parts)


def _findings_json(result: RunResult) -> str:
    rows = [{"severity": f.severity, "operation": ", ".join(f.operations), "location": f.location,
             "message": f.message, "rule": f.rule,
             "where": "{}:{}".format(*locate(result, f))} for f in result.sorted_findings()]
    # `</` would end the script element early: JSON allows `<\/` for the same text.
    return json.dumps(rows, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")


def render_html(result: RunResult) -> str:
    counts = severity_counts(result.findings)
    badges = " ".join(f'<span class="sev" style="background:{COLOURS[name]}">{count} {name}'
                      "</span>" for name, count in counts.items())
    sections = MarkdownIt("commonmark", {"html": False}).enable("table").render(
        render_markdown(result))
    # The report's own header (title, status) first, then the scorecard and the table, then
    # the rest of its sections.
    cut = sections.find("<h2>")
    head, rest = (sections[:cut], sections[cut:]) if cut >= 0 else (sections, "")
    title = html.escape(result.inputs.openapi.title or "API")
    script = SCRIPT.replace("COLOURS", json.dumps(COLOURS, sort_keys=True))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>schemacheck gap report: {title}</title>
<style>{CSS}</style>
</head>
<body>
<main>
<header id="summary">
{head}</header>
<div class="card">
<h2>Scorecard</h2>
<p>{html.escape(counts_line(result))}: {badges}</p>
<p>Passing operations per resource (an operation passes with no finding at or above the
gate's threshold and no failed probe):</p>
{_scorecard(result)}
</div>
<div class="card">
<h2>Findings</h2>
<div id="filters"><label>Severity <select id="severity"><option value="">all</option></select>
</label><input id="search" type="search" placeholder="filter by rule, endpoint, field, text">
<span id="shown"></span></div>
<table id="findings"><thead><tr><th>Severity</th><th>Endpoint</th><th>Location</th>
<th>Finding</th><th>Rule</th><th>Docs</th></tr></thead><tbody></tbody></table>
<noscript>The findings table needs JavaScript; the same findings are listed below.</noscript>
</div>
<script type="application/json" id="findings-data">{_findings_json(result)}</script>
<article id="report">
{rest}</article>
</main>
<script>{script}</script>
</body>
</html>
"""
