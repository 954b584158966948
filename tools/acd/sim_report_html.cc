// report.html: a self-contained page (no scripts, no external files) with
// inline SVG charts of the plan: calls, agents scheduled vs needed,
// service level, ASA and abandonment per interval with their 95% bands.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/acd/sim_plan.h"
#include "tools/acd/sim_plan_slices.h"

namespace acd::tools {
namespace {

struct Series {
  std::string name;
  std::string color;
  std::vector<double> values;
  std::vector<double> low;  // empty: no band
  std::vector<double> high;
  bool dashed = false;
};

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A round step giving about five ticks up to y_max.
double TickStep(double y_max) {
  const double raw = y_max / 5;
  const double magnitude = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * magnitude >= raw) return m * magnitude;
  }
  return 10 * magnitude;
}

double SeriesMax(const std::vector<Series>& series) {
  double y_max = 0;
  for (const Series& s : series) {
    for (const auto* v : {&s.values, &s.high}) {
      for (double x : *v) {
        if (std::isfinite(x)) y_max = std::max(y_max, x);
      }
    }
  }
  return y_max > 0 ? y_max : 1;
}

constexpr double kWidth = 760, kHeight = 250, kLeft = 56, kRight = 16, kTop = 16, kBottom = 42;

struct Frame {
  size_t n;
  double y_max;
  double X(size_t i) const {
    return kLeft + (kWidth - kLeft - kRight) * (n > 1 ? static_cast<double>(i) / (n - 1) : 0.5);
  }
  double Y(double v) const { return kTop + (kHeight - kTop - kBottom) * (1 - v / y_max); }
};

std::string Axes(const Frame& f, const std::vector<std::string>& labels, const std::string& unit) {
  std::string out;
  const double step = TickStep(f.y_max);
  for (double v = 0; v <= f.y_max + 1e-9; v += step) {
    absl::StrAppendFormat(&out,
                          "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
                          "<text x=\"%.1f\" y=\"%.1f\" class=\"ytick\">%s</text>\n",
                          kLeft, f.Y(v), kWidth - kRight, f.Y(v), kLeft - 6, f.Y(v) + 4,
                          absl::StrFormat("%g", v));
  }
  const size_t every = std::max<size_t>(1, labels.size() / 12);
  for (size_t i = 0; i < labels.size(); i += every) {
    absl::StrAppendFormat(&out, "<text x=\"%.1f\" y=\"%.1f\" class=\"xtick\">%s</text>\n", f.X(i),
                          kHeight - kBottom + 16, Escape(labels[i]));
  }
  absl::StrAppendFormat(&out, "<text x=\"12\" y=\"%.1f\" class=\"unit\">%s</text>\n", kTop - 4,
                        Escape(unit));
  return out;
}

// The band between low and high over each run of finite points.
std::string Band(const Frame& f, const Series& s) {
  std::string out;
  size_t i = 0;
  while (i < s.low.size()) {
    size_t j = i;
    while (j < s.low.size() && std::isfinite(s.low[j]) && std::isfinite(s.high[j])) ++j;
    if (j - i >= 2) {
      std::string points;
      for (size_t k = i; k < j; ++k)
        absl::StrAppendFormat(&points, "%.1f,%.1f ", f.X(k), f.Y(std::max(0.0, s.low[k])));
      for (size_t k = j; k-- > i;)
        absl::StrAppendFormat(&points, "%.1f,%.1f ", f.X(k), f.Y(std::min(f.y_max, s.high[k])));
      absl::StrAppendFormat(&out, "<polygon points=\"%s\" fill=\"%s\" fill-opacity=\"0.18\"/>\n",
                            points, s.color);
    }
    i = j + 1;
  }
  return out;
}

std::string Line(const Frame& f, const Series& s) {
  std::string out;
  std::string points;
  auto flush = [&] {
    if (!points.empty()) {
      absl::StrAppendFormat(&out,
                            "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
                            "stroke-width=\"2\"%s/>\n",
                            points, s.color, s.dashed ? " stroke-dasharray=\"6 4\"" : "");
    }
    points.clear();
  };
  for (size_t i = 0; i < s.values.size(); ++i) {
    if (!std::isfinite(s.values[i])) {
      flush();
      continue;
    }
    absl::StrAppendFormat(&points, "%.1f,%.1f ", f.X(i), f.Y(s.values[i]));
  }
  flush();
  return out;
}

std::string Chart(const std::string& title, const std::string& unit,
                  const std::vector<std::string>& labels, const std::vector<Series>& series,
                  double y_max = 0) {
  const Frame f{labels.size(), y_max > 0 ? y_max : SeriesMax(series) * 1.1};
  std::string out = absl::StrFormat(
      "<figure>\n<figcaption>%s</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
      "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"%s\">\n",
      Escape(title), kWidth, kHeight, Escape(title));
  out += Axes(f, labels, unit);
  for (const Series& s : series) {
    if (!s.low.empty()) out += Band(f, s);
  }
  for (const Series& s : series) out += Line(f, s);
  out += "</svg>\n<p class=\"legend\">";
  for (const Series& s : series) {
    absl::StrAppendFormat(&out, "<span style=\"color:%s\">&#9644;</span> %s%s &nbsp; ", s.color,
                          Escape(s.name), s.low.empty() ? "" : " (band: 95% CI)");
  }
  return out + "</p>\n</figure>\n";
}

size_t KpiIndex(const char* name) {
  const std::vector<KpiDef>& defs = KpiDefs();
  for (size_t i = 0; i < defs.size(); ++i) {
    if (std::strcmp(defs[i].name, name) == 0) return i;
  }
  return 0;
}

// One KPI's means and bands over the intervals, times scale.
Series KpiSeries(const PlanReport& r, const char* kpi, const std::string& name,
                 const std::string& color, double scale) {
  Series s{name, color, {}, {}, {}, false};
  const size_t k = KpiIndex(kpi);
  for (const PlanEstimates::Interval& row : r.estimates.intervals) {
    const KpiEstimate& e = row.kpis[k];
    const double mean = e.n > 0 ? e.mean * scale : std::nan("");
    s.values.push_back(mean);
    s.low.push_back(mean - e.half_width * scale);
    s.high.push_back(mean + e.half_width * scale);
  }
  return s;
}

std::string Fmt(const KpiEstimate& e, double scale, const char* unit) {
  if (e.n == 0 || !std::isfinite(e.mean)) return "&ndash;";
  std::string text = absl::StrFormat("%.1f%s", e.mean * scale, unit);
  if (std::isfinite(e.half_width))
    absl::StrAppendFormat(&text, " &plusmn; %.1f", e.half_width * scale);
  return text;
}

// Each slice's day in one breakdown (sim_plan_slices.h), every figure.
std::string SliceTable(const PlanReport& r, const SliceKind& kind) {
  std::string out = absl::StrCat("<table>\n<tr><th>", kind.title, " (per day)</th>");
  for (const SliceFigure& f : kind.figures) absl::StrAppend(&out, "<th>", Escape(f.label), "</th>");
  out += "</tr>\n";
  const std::vector<PlanEstimates::Slice>& slices = r.estimates.*kind.day;
  for (size_t i = 0; i < slices.size(); ++i) {
    absl::StrAppend(&out, "<tr><td>", Escape(SliceName(kind, r, i)), "</td>");
    for (const SliceFigure& f : kind.figures) {
      absl::StrAppend(&out, "<td>", Fmt(slices[i].*f.value, f.scale, f.scale == 100 ? "%" : ""),
                      "</td>");
    }
    out += "</tr>\n";
  }
  return absl::StrCat(out, "</table>\n<p>Per ", kind.title, ": ", Escape(kind.note), ".</p>\n");
}

std::string DayTable(const PlanReport& r) {
  std::string out = "<table>\n<tr><th>KPI (per day)</th><th>mean &plusmn; 95% CI</th></tr>\n";
  const std::vector<KpiDef>& defs = KpiDefs();
  for (size_t i = 0; i < defs.size(); ++i) {
    const bool share = std::strcmp(defs[i].name, "service_level") == 0 ||
                       std::strcmp(defs[i].name, "abandon_rate") == 0 ||
                       std::strcmp(defs[i].name, "occupancy") == 0 ||
                       std::strcmp(defs[i].name, "contact_share") == 0 ||
                       std::strcmp(defs[i].name, "callback_completed_share") == 0;
    absl::StrAppend(&out, "<tr><td>", Escape(defs[i].label), "</td><td>",
                    Fmt(r.estimates.per_day[i], share ? 100 : 1, share ? "%" : ""), "</td></tr>\n");
  }
  return out + "</table>\n";
}

std::string IntervalTable(const PlanReport& r, const std::vector<std::string>& labels) {
  std::string out =
      "<table>\n<tr><th>interval</th><th>forecast</th><th>offered</th><th>answered</th>"
      "<th>abandon</th><th>SL</th><th>ASA</th><th>agents</th><th>needed</th></tr>\n";
  const auto& rows = r.estimates.intervals;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& k = rows[i].kpis;
    auto cell = [](const std::vector<double>& v, size_t j, const char* format) {
      return j < v.size() && std::isfinite(v[j]) ? absl::StrFormat(format, v[j]) : std::string();
    };
    absl::StrAppend(&out, "<tr><td>", Escape(labels[i]), "</td><td>", cell(r.calls, i, "%.1f"),
                    "</td><td>", Fmt(k[KpiIndex("offered")], 1, ""), "</td><td>",
                    Fmt(k[KpiIndex("answered")], 1, ""), "</td><td>",
                    Fmt(k[KpiIndex("abandon_rate")], 100, "%"), "</td><td>",
                    Fmt(k[KpiIndex("service_level")], 100, "%"), "</td><td>",
                    Fmt(k[KpiIndex("asa_s")], 1, " s"), "</td><td>", cell(r.scheduled, i, "%.1f"),
                    "</td><td>", cell(r.needed, i, "%.0f"), "</td></tr>\n");
  }
  return out + "</table>\n";
}

constexpr char kStyle[] =
    "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:860px;color:#222}"
    "h1{font-size:1.4em}figure{margin:1.5em 0}figcaption{font-weight:600}"
    "svg{width:100%;height:auto;background:#fafafa}.grid{stroke:#ddd}"
    ".ytick{font-size:11px;text-anchor:end;fill:#555}.xtick{font-size:11px;text-anchor:middle;"
    "fill:#555}.unit{font-size:11px;fill:#555}.legend{font-size:13px}"
    "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:2px 8px;"
    "text-align:right}td:first-child,th:first-child{text-align:left}";

}  // namespace

std::string PlanReportHtml(const PlanReport& r) {
  std::vector<std::string> labels;
  for (const PlanEstimates::Interval& row : r.estimates.intervals) {
    std::string clock = FormatClock(row.start_ms).substr(0, 5);
    labels.push_back(row.day == 0 ? clock : absl::StrCat("d", row.day, " ", clock));
  }
  std::string out = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>acd plan: ",
      Escape(r.forecast_name), "</title>\n<style>", kStyle,
      "</style>\n</head>\n<body>\n<h1>Plan: ", Escape(r.center_name), ", forecast ",
      Escape(r.forecast_name), "</h1>\n");
  absl::StrAppendFormat(
      &out,
      "<p>Schedule: %s. %d replication(s) &times; %d day(s), seed %d. Service level: answered "
      "within %s of reaching a queue over offered. Figures by arrival interval; bands and "
      "&plusmn; are 95%% confidence intervals across replications (Student t).</p>\n",
      Escape(r.schedule_name.empty() ? "every agent all day" : r.schedule_name), r.replications,
      r.days, r.seed, Escape(FormatDuration(r.sl_threshold_ms)));
  absl::StrAppend(&out, "<p>Model: ", Escape(r.model_name), ". Assumptions:</p>\n<ul>\n");
  for (const std::string& line : r.assumptions) {
    absl::StrAppend(&out, "<li>", Escape(line), "</li>\n");
  }
  out += "</ul>\n";
  absl::StrAppend(&out, "<p>Sellers (time to reach a seller): ", Escape(DescribeSellers(r)),
                  ".</p>\n");
  out += DayTable(r);
  for (const SliceKind& kind : PlanSliceKinds()) {
    absl::StrAppend(&out, "<h2>Per ", kind.title, "</h2>\n", SliceTable(r, kind));
  }
  Series calls{"forecast", "#888", r.calls, {}, {}, true};
  out += Chart("Calls per interval", "calls", labels,
               {calls, KpiSeries(r, "offered", "offered (simulated)", "#1f77b4", 1)});
  Series scheduled{"scheduled", "#2ca02c", r.scheduled, {}, {}, false};
  Series needed{r.needed.empty() ? "needed (no staffing solver in this build)" : "needed",
                "#d62728",
                r.needed,
                {},
                {},
                true};
  out += Chart(
      "Agents scheduled vs needed", "agents", labels,
      {scheduled, needed, KpiSeries(r, "agents_logged_in", "logged in (simulated)", "#9467bd", 1)});
  if (!r.needed_model.empty())
    absl::StrAppend(&out, "<p>Needed: ", Escape(r.needed_model), ".</p>\n");
  Series target{absl::StrFormat("target %.0f%%", 100 * r.sl_target),
                "#888",
                std::vector<double>(labels.size(), 100 * r.sl_target),
                {},
                {},
                true};
  out += Chart("Service level", "%", labels,
               {target, KpiSeries(r, "service_level", "service level", "#1f77b4", 100)}, 100);
  out += Chart("Average speed of answer", "seconds", labels,
               {KpiSeries(r, "asa_s", "ASA", "#ff7f0e", 1)});
  out += Chart("Abandonment", "% of offered", labels,
               {KpiSeries(r, "abandon_rate", "abandoned", "#d62728", 100)});
  out += Chart("Callbacks (by the captured call's arrival)", "calls", labels,
               {KpiSeries(r, "captured", "captured", "#888", 1),
                KpiSeries(r, "callbacks_completed", "callbacks completed", "#2ca02c", 1)});
  out += Chart("Time to complete a callback (capture to connection)", "seconds", labels,
               {KpiSeries(r, "callback_time_s", "mean", "#1f77b4", 1),
                KpiSeries(r, "callback_time_p90_s", "p90", "#ff7f0e", 1)});
  out += "<h2>Intervals</h2>\n" + IntervalTable(r, labels);
  return out + "</body>\n</html>\n";
}

}  // namespace acd::tools
