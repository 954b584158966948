// acd.Forecast and ForecastFrom (sim_py.h). Columns given as lists,
// arrays or a DataFrame are written as the forecast's CSV and read by the
// library's parser: one set of checks for files and columns alike.
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "arrays.h"
#include "codec.h"
#include "errors.h"
#include "sim_py.h"

namespace acd::python {
namespace {

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// One interval_start cell: "HH:MM" / "YYYY-MM-DD HH:MM" text, minutes
// since midnight, or a datetime.time / datetime / pandas Timestamp.
std::string StartCell(py::handle v, size_t i) {
  if (py::isinstance<py::str>(v)) return py::str(v);
  if (py::hasattr(v, "hour") && py::hasattr(v, "minute")) {
    const std::string format = py::hasattr(v, "year") ? "%Y-%m-%d %H:%M" : "%H:%M";
    return py::str(v.attr("strftime")(format));
  }
  if (PyNumber_Check(v.ptr()) && !PyBool_Check(v.ptr())) {
    const double minutes = v.cast<double>();
    if (minutes >= 0 && minutes < 24 * 60 && minutes == std::floor(minutes)) {
      const int m = static_cast<int>(minutes);
      return absl::StrFormat("%02d:%02d", m / 60, m % 60);
    }
    RaiseInvalid(absl::StrCat("interval_start[", i,
                              "]: minutes since midnight must be whole and in [0, 1440), got ",
                              DescribeValue(v), " (use 'YYYY-MM-DD HH:MM' for several days)"));
  }
  RaiseInvalid(absl::StrCat("interval_start[", i, "]: expected 'HH:MM', minutes or a time, got ",
                            DescribeValue(v)));
}

// A number cell; None and NaN leave it empty (the parser says what is
// missing when the column needs it).
std::string NumberCell(py::handle v, const std::string& column, size_t i) {
  if (v.is_none()) return "";
  if (PyNumber_Check(v.ptr()) && !PyBool_Check(v.ptr())) {
    const double x = v.cast<double>();
    if (std::isnan(x)) return "";
    return absl::StrFormat("%.17g", x);
  }
  RaiseInvalid(absl::StrCat(column, "[", i, "]: expected a number, got ", DescribeValue(v)));
}

std::vector<py::object> Column(py::handle values, const std::string& column) {
  if (py::isinstance<py::str>(values) || !py::hasattr(values, "__len__")) {
    RaiseInvalid(absl::StrCat(column, ": expected a list or an array, got ", DescribeValue(values)));
  }
  // numpy arrays and pandas columns as Python values.
  const py::object items = py::hasattr(values, "tolist") ? values.attr("tolist")()
                                                         : py::reinterpret_borrow<py::object>(values);
  std::vector<py::object> out;
  for (py::handle v : items) out.push_back(py::reinterpret_borrow<py::object>(v));
  return out;
}

// The parser's "name:LINE:COL: field: reason" for a row given as columns
// reads "name row R: field: reason" (row 0 is the first interval).
absl::Status RowMessage(const absl::Status& status, const std::string& name) {
  const std::string m(status.message());
  const std::string prefix = name + ":";
  if (m.compare(0, prefix.size(), prefix) != 0) return status;
  std::string rest = m.substr(prefix.size());
  const size_t colon = rest.find(':');
  int line = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(rest.substr(0, colon), &line)) {
    return status;
  }
  rest = rest.substr(colon + 1);
  if (const size_t next = rest.find(": "); next != std::string::npos) rest = rest.substr(next + 2);
  return absl::Status(status.code(), absl::StrCat(name, " row ", line - 2, ": ", rest));
}

NamedForecast FromColumns(py::handle interval_start, py::handle calls, py::handle aht_s,
                          py::handle mix, const std::string& name) {
  const std::vector<py::object> starts = Column(interval_start, "interval_start");
  const std::vector<py::object> counts = Column(calls, "calls");
  if (counts.size() != starts.size()) {
    RaiseInvalid(absl::StrCat("calls: ", counts.size(), " values for ", starts.size(),
                              " interval starts"));
  }
  std::vector<std::string> header = {"interval_start", "calls"};
  std::vector<std::vector<py::object>> extra;
  if (!aht_s.is_none()) {
    extra.push_back(Column(aht_s, "aht_s"));
    header.push_back("aht_s");
  }
  if (!mix.is_none()) {
    if (!py::isinstance<py::dict>(mix)) {
      RaiseInvalid(absl::StrCat("mix: expected a dict {'queue:<name>' or 'intent:<name>': shares}, "
                                "got ",
                                DescribeValue(mix)));
    }
    for (auto [key, values] : py::reinterpret_borrow<py::dict>(mix)) {
      const std::string column = Codec<std::string>::Load(key, "mix (a column name)");
      extra.push_back(Column(values, absl::StrCat("mix['", column, "']")));
      header.push_back(column);
    }
  }
  for (size_t c = 2; c < header.size(); ++c) {
    if (extra[c - 2].size() != starts.size()) {
      RaiseInvalid(absl::StrCat(header[c], ": ", extra[c - 2].size(), " values for ",
                                starts.size(), " interval starts"));
    }
  }
  std::vector<std::string> header_cells;
  for (const std::string& h : header) header_cells.push_back(CsvField(h));
  std::string csv = absl::StrJoin(header_cells, ",") + "\n";
  for (size_t i = 0; i < starts.size(); ++i) {
    std::vector<std::string> row = {CsvField(StartCell(starts[i], i)),
                                    NumberCell(counts[i], "calls", i)};
    for (size_t c = 0; c < extra.size(); ++c) row.push_back(NumberCell(extra[c][i], header[c + 2], i));
    absl::StrAppend(&csv, absl::StrJoin(row, ","), "\n");
  }
  absl::StatusOr<Forecast> forecast = ParseForecastCsv(csv, name);
  if (!forecast.ok()) Raise(RowMessage(forecast.status(), name));
  return {*std::move(forecast), name};
}

NamedForecast FromDataFrame(py::handle frame) {
  py::list columns = frame.attr("columns").attr("tolist")();
  py::object start, calls, aht = py::none();
  py::dict mix;
  for (py::handle c : columns) {
    const std::string column = py::str(c);
    py::object values = frame.attr("__getitem__")(c);
    if (column == "interval_start") {
      start = values;
    } else if (column == "calls") {
      calls = values;
    } else if (column == "aht_s") {
      aht = values;
    } else if (column.rfind("queue:", 0) == 0 || column.rfind("intent:", 0) == 0) {
      mix[py::str(column)] = values;
    } else {
      RaiseInvalid(absl::StrCat("forecast: unknown column '", column,
                                "' (interval_start, calls, aht_s, queue:<name>, intent:<name>)"));
    }
  }
  if (!start || !calls) {
    RaiseInvalid("forecast: the DataFrame needs the columns interval_start and calls");
  }
  return FromColumns(start, calls, aht, mix.empty() ? py::object(py::none()) : mix, "forecast");
}

}  // namespace

NamedForecast ForecastFrom(py::handle value) {
  if (py::isinstance<NamedForecast>(value)) return value.cast<NamedForecast>();
  if (py::isinstance(value, py::module_::import("os").attr("PathLike")) ||
      (py::isinstance<py::str>(value) && std::string(py::str(value)).find('\n') == std::string::npos)) {
    const std::string path = py::str(py::module_::import("os").attr("fspath")(value));
    return {Check(ReadForecastCsv(path)), std::filesystem::path(path).filename().string()};
  }
  if (py::isinstance<py::str>(value)) {
    return {Check(ParseForecastCsv(std::string(py::str(value)), "forecast")), "forecast"};
  }
  if (py::isinstance<py::dict>(value)) {
    py::dict d = py::reinterpret_borrow<py::dict>(value);
    py::object start = d.contains("interval_start") ? d["interval_start"] : py::object(py::none());
    py::object calls = d.contains("calls") ? d["calls"] : py::object(py::none());
    if (start.is_none() || calls.is_none()) {
      RaiseInvalid("forecast: a dict needs the keys interval_start and calls");
    }
    py::dict mix;
    for (auto [key, v] : d) {
      const std::string k = py::str(key);
      if (k == "interval_start" || k == "calls" || k == "aht_s") continue;
      if (k.rfind("queue:", 0) != 0 && k.rfind("intent:", 0) != 0) {
        RaiseInvalid(absl::StrCat("forecast: unknown key '", k,
                                  "' (interval_start, calls, aht_s, queue:<name>, intent:<name>)"));
      }
      mix[key] = v;
    }
    return FromColumns(start, calls, d.contains("aht_s") ? d["aht_s"] : py::object(py::none()),
                       mix.empty() ? py::object(py::none()) : mix, "forecast");
  }
  if (py::hasattr(value, "columns") && py::hasattr(value, "__getitem__")) return FromDataFrame(value);
  RaiseInvalid(absl::StrCat("forecast: expected an acd.Forecast, a path, CSV text, a dict of "
                            "columns or a pandas DataFrame, got ",
                            DescribeValue(value)));
}

void RegisterForecast(py::module_& m) {
  py::class_<NamedForecast>(m, "Forecast", R"doc(
A call forecast: expected calls per 15- or 30-minute interval
(include/acd/forecast.h). Build one with Forecast.read(path),
Forecast.parse(text) or Forecast.from_columns(...); acd.simulate and
acd.simulate_day also take a path, a dict of columns or a DataFrame.
)doc")
      .def_static(
          "read",
          [](py::handle path) {
            const std::string p = py::str(py::module_::import("os").attr("fspath")(path));
            return NamedForecast{Check(ReadForecastCsv(p)),
                                 std::filesystem::path(p).filename().string()};
          },
          py::arg("path"), "Reads a forecast CSV file.")
      .def_static(
          "parse",
          [](const std::string& text, const std::string& name) {
            return NamedForecast{Check(ParseForecastCsv(text, name)), name};
          },
          py::arg("text"), py::arg("name") = "forecast",
          "Parses forecast CSV text; `name` names it in errors.")
      .def_static("from_columns", &FromColumns, py::arg("interval_start"), py::arg("calls"),
                  py::arg("aht_s") = py::none(), py::arg("mix") = py::none(),
                  py::arg("name") = "forecast",
                  "From columns (lists or arrays): interval_start ('HH:MM', 'YYYY-MM-DD HH:MM', "
                  "minutes since midnight or times), calls, optional aht_s (None/NaN: unset) and "
                  "mix {'queue:<name>' or 'intent:<name>': shares}. Errors name the row.")
      .def_property_readonly("name", [](const NamedForecast& f) { return f.name; })
      .def_property_readonly("interval_minutes",
                             [](const NamedForecast& f) { return f.forecast.interval_ms / 60'000; })
      .def_property_readonly("days", [](const NamedForecast& f) { return f.forecast.days; })
      .def("__len__", [](const NamedForecast& f) { return f.forecast.intervals.size(); })
      .def_property_readonly(
          "start_ms",
          [](const NamedForecast& f) {
            std::vector<int64_t> v;
            for (const ForecastInterval& i : f.forecast.intervals) v.push_back(i.start_ms);
            return ToArray(v);
          },
          "Each interval's start, ms since day 0's midnight.")
      .def_property_readonly("calls",
                             [](const NamedForecast& f) {
                               std::vector<double> v;
                               for (const ForecastInterval& i : f.forecast.intervals) {
                                 v.push_back(i.calls);
                               }
                               return ToArray(v);
                             })
      .def_property_readonly(
          "calls_per_hour",
          [](const NamedForecast& f) {
            std::vector<double> v;
            for (size_t i = 0; i < f.forecast.intervals.size(); ++i) {
              v.push_back(f.forecast.CallsPerHour(i));
            }
            return ToArray(v);
          })
      .def_property_readonly("aht_s",
                             [](const NamedForecast& f) {
                               std::vector<double> v;
                               for (const ForecastInterval& i : f.forecast.intervals) {
                                 v.push_back(i.aht_s.value_or(std::nan("")));
                               }
                               return ToArray(v);
                             },
                             "Each interval's AHT in seconds; NaN where the file leaves it unset.")
      .def_property_readonly("mix_names", [](const NamedForecast& f) { return f.forecast.mix_names; })
      .def("__repr__", [](const NamedForecast& f) {
        return absl::StrCat("Forecast(name='", f.name, "', intervals=", f.forecast.intervals.size(),
                            ", interval_minutes=", f.forecast.interval_ms / 60'000,
                            ", days=", f.forecast.days, ")");
      });
}

}  // namespace acd::python
