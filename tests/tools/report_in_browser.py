"""Opens the planner's HTML report in a real browser and checks what it draws.

usage: report_in_browser.py CHROMIUM REPORT_HTML

Headless Chromium loads the report inside a small page whose script measures,
as laid out by the browser, every chart: its caption, its size on the page,
and how many of its data marks (lines, areas; not the grid) have a drawn
extent. The report must show its seven charts, each at least 300 x 90 CSS
pixels with at least one drawn data mark, and no text may overflow the page.
Prints "ok: 7 charts drawn" on success; otherwise what is wrong, exit 1.
"""
import html
import json
import os
import re
import subprocess
import sys
import tempfile

PROBE = """<!DOCTYPE html>
<html><body>
<iframe id="report" src="{src}" style="width:1000px;height:30000px;border:0"></iframe>
<pre id="result">pending</pre>
<script>
document.getElementById("report").onload = () => {{
  const doc = document.getElementById("report").contentDocument;
  const charts = [...doc.querySelectorAll("svg")].map(svg => {{
    const box = svg.getBoundingClientRect();
    const marks = [...svg.querySelectorAll("polyline,polygon,path,rect,circle")]
      .filter(e => !e.classList.contains("grid"))
      .filter(e => {{ const b = e.getBBox(); return b.width > 0 && b.height > 0; }}).length;
    const figure = svg.closest("figure");
    const caption = figure && figure.querySelector("figcaption");
    return {{caption: caption ? caption.textContent : "", width: box.width,
             height: box.height, marks: marks}};
  }});
  const page = doc.documentElement;
  document.getElementById("result").textContent = JSON.stringify({{
    title: doc.title, charts: charts,
    overflow: page.scrollWidth > page.clientWidth + 1}});
}};
</script>
</body></html>
"""


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    chromium, report = sys.argv[1], os.path.abspath(sys.argv[2])
    if not os.path.exists(report):
        print(f"{report}: no such file")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        probe = os.path.join(tmp, "probe.html")
        with open(probe, "w", encoding="utf-8") as f:
            f.write(PROBE.format(src="file://" + report))
        run = subprocess.run(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
             "--allow-file-access-from-files", "--virtual-time-budget=10000",
             f"--user-data-dir={tmp}/profile", "--dump-dom", "file://" + probe],
            capture_output=True, text=True, timeout=120)
    found = re.search(r'<pre id="result">(.*?)</pre>', run.stdout, re.S)
    if run.returncode != 0 or not found or found.group(1) == "pending":
        print(f"the browser did not render the report (exit {run.returncode})")
        print(run.stderr[-2000:])
        return 1
    result = json.loads(html.unescape(found.group(1)))
    problems = []
    charts = result["charts"]
    if len(charts) != 7:
        problems.append(f"{len(charts)} charts drawn, expected 7")
    for chart in charts:
        name = chart["caption"] or "a chart without a caption"
        if chart["width"] < 300 or chart["height"] < 90:
            problems.append(f"{name}: laid out at {chart['width']:.0f} x {chart['height']:.0f} px")
        if chart["marks"] < 1:
            problems.append(f"{name}: no data drawn")
    if result["overflow"]:
        problems.append("the page is wider than the window (something overflows)")
    if not result["title"]:
        problems.append("the page has no title")
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"ok: {len(charts)} charts drawn ({', '.join(c['caption'] for c in charts)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
