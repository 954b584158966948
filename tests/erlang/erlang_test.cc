// Erlang B, C and A: published table values, closed forms, an independent
// brute-force Erlang A, limits, stability at 10,000 agents and 50,000
// erlangs, and bad input.
#include "acd/erlang.h"

#include <cmath>
#include <vector>

#include "boost/math/special_functions/beta.hpp"
#include "gtest/gtest.h"

namespace acd {
namespace {

QueueQuestion Question(double calls_per_hour, double aht_s, int64_t agents, double threshold_s,
                       double patience_s = kInfinity) {
  QueueQuestion q;
  q.calls_per_hour = calls_per_hour;
  q.aht_s = aht_s;
  q.agents = agents;
  q.threshold_s = threshold_s;
  q.patience_s = patience_s;
  return q;
}

// The Erlang B table for 1% blocking (lines, erlangs offered, rounded as
// printed): e.g. the Erlang B tables in V. B. Iversen, "Teletraffic
// Engineering and Network Planning", DTU / ITU-D, and in every telephone
// traffic handbook. The true root lies within half a unit of the last digit.
TEST(ErlangBTest, MatchesThePublishedOnePercentTable) {
  struct Row {
    int64_t lines;
    double erlangs;
    double half_unit;
  };
  const Row rows[] = {{1, 0.0101, 0.00005}, {2, 0.153, 0.0005}, {3, 0.455, 0.0005},
                      {4, 0.869, 0.0005},   {5, 1.36, 0.005},   {10, 4.46, 0.005},
                      {20, 12.03, 0.005},   {50, 37.90, 0.005}, {100, 84.06, 0.005}};
  for (const Row& r : rows) {
    SCOPED_TRACE(r.lines);
    EXPECT_LT(*ErlangB(r.lines, r.erlangs - r.half_unit), 0.01);
    EXPECT_GT(*ErlangB(r.lines, r.erlangs + r.half_unit), 0.01);
  }
}

TEST(ErlangBTest, ClosedFormsAndEdges) {
  EXPECT_DOUBLE_EQ(*ErlangB(1, 1.0), 0.5);  // a / (1 + a)
  EXPECT_DOUBLE_EQ(*ErlangB(2, 2.0), 0.4);  // (a^2/2) / (1 + a + a^2/2)
  EXPECT_DOUBLE_EQ(*ErlangB(0, 3.0), 1.0);  // no lines: everything blocked
  EXPECT_DOUBLE_EQ(*ErlangB(5, 0.0), 0.0);  // no traffic
  // Far below the smallest double: the log keeps it.
  const double log_b = *LogErlangB(10'000, 10.0);
  EXPECT_LT(log_b, -40'000);
  EXPECT_TRUE(std::isfinite(log_b));
  EXPECT_EQ(*ErlangB(10'000, 10.0), 0.0);
  // Heavy overload: B -> 1 - n/a.
  EXPECT_NEAR(*ErlangB(10'000, 50'000.0), 0.8, 1e-4);
}

// M/M/c closed forms (Gross, Shortle, Thompson & Harris, "Fundamentals of
// Queueing Theory", 4th ed., section 2.3): M/M/1 waits with probability
// rho; M/M/2 at a = 1 has C = 1/3; M/M/3 at a = 2 has C = 4/9.
TEST(ErlangCTest, SmallSystemsMatchClosedForms) {
  const QueueFigures m1 = *ErlangC(Question(10, 180, 1, 20));  // a = 0.5
  EXPECT_NEAR(m1.p_wait, 0.5, 1e-15);
  EXPECT_NEAR(m1.asa_s, 0.5 * 180 / (1 - 0.5), 1e-12);  // rho / (mu - lambda)
  EXPECT_NEAR(m1.service_level, 1 - 0.5 * std::exp(-(1 - 0.5) * 20 / 180.0), 1e-15);
  EXPECT_NEAR(m1.queue_length, 0.5 * 0.5 / (1 - 0.5), 1e-15);
  EXPECT_NEAR((*ErlangC(Question(20, 180, 2, 20))).p_wait, 1.0 / 3, 1e-15);
  EXPECT_NEAR((*ErlangC(Question(40, 180, 3, 20))).p_wait, 4.0 / 9, 1e-15);
}

// A worked example published by Call Centre Helper ("Erlang C formula -
// made simple"): 100 calls per half hour, 180 s handle time, 14 agents:
// 10 erlangs, probability of waiting 0.1741, 80/20 service level 88.8%.
TEST(ErlangCTest, MatchesAPublishedWorkedExample) {
  const QueueFigures f = *ErlangC(Question(200, 180, 14, 20));
  EXPECT_NEAR(f.erlangs, 10.0, 1e-12);
  EXPECT_NEAR(f.p_wait, 0.1741, 0.00005);
  EXPECT_NEAR(f.service_level, 0.888, 0.0005);
  EXPECT_NEAR(f.occupancy, 10.0 / 14, 1e-12);
  EXPECT_EQ(f.p_abandon, 0.0);
  EXPECT_EQ(f.service_level_answered, f.service_level);
}

TEST(ErlangCTest, UnstableQueueGivesAClearAnswer) {
  for (int64_t agents : {0, 9, 10}) {
    const QueueFigures f = *ErlangC(Question(200, 180, agents, 20));  // 10 erlangs
    EXPECT_FALSE(f.stable);
    EXPECT_EQ(f.p_wait, 1.0);
    EXPECT_TRUE(std::isinf(f.asa_s));
    EXPECT_EQ(f.service_level, 0.0);
    EXPECT_EQ(f.occupancy, 1.0);
  }
  const QueueFigures none = *ErlangC(Question(0, 180, 0, 20));
  EXPECT_TRUE(none.stable);
  EXPECT_EQ(none.service_level, 1.0);
  EXPECT_EQ(none.p_wait, 0.0);
}

// Erlang A computed the long way: the birth-death chain truncated where its
// terms vanish, each waiting state's chance of being answered within T by
// the incomplete beta function (the waiting caller's race against the
// callers ahead and its own patience), sums in plain double.
struct Reference {
  double p_wait = 0, p_abandon = 0, service_level = 0, asa_s = 0;
};
Reference BruteForceErlangA(const QueueQuestion& q) {
  const double lambda = q.calls_per_hour / 3600, mu = 1 / q.aht_s, theta = 1 / q.patience_s;
  const int64_t n = q.agents;
  const double x = n * mu / theta;
  std::vector<double> pi = {1};
  for (int64_t j = 1; j <= n; ++j) pi.push_back(pi.back() * lambda / (j * mu));
  for (int64_t i = 1; pi.back() > 1e-30 * pi[n] || i < 10; ++i) {
    pi.push_back(pi.back() * lambda / (n * mu + i * theta));
  }
  double total = 0;
  for (double p : pi) total += p;
  Reference r;
  double answered = 0, answered_wait = 0, within = 0;
  for (size_t j = 0; j < pi.size(); ++j) {
    const double p = pi[j] / total;
    if (j < static_cast<size_t>(n)) {
      answered += p;
      within += p;
      continue;
    }
    const double i = static_cast<double>(j - n);
    r.p_wait += p;
    r.p_abandon += theta * i * p / lambda;
    const double served = x / (x + i + 1);
    double h = 0;
    for (int m = 0; m <= i; ++m) h += 1 / (theta * (x + 1 + m));
    answered += p * served;
    answered_wait += p * served * h;
    within += p * served * boost::math::ibeta(i + 1, x + 1, -std::expm1(-theta * q.threshold_s));
  }
  r.service_level = within;
  r.asa_s = answered_wait / answered;
  return r;
}

TEST(ErlangATest, AgreesWithTheBruteForceChain) {
  const QueueQuestion cases[] = {
      Question(200, 180, 12, 20, 300),  Question(1000, 300, 70, 30, 60),
      Question(1000, 300, 80, 10, 600), Question(3000, 240, 150, 20, 120),  // overloaded
      Question(50, 600, 3, 60, 30),     Question(400, 120, 5, 15, 45)};     // overloaded
  for (const QueueQuestion& q : cases) {
    SCOPED_TRACE(testing::Message() << q.calls_per_hour << "/h, " << q.agents << " agents");
    const QueueFigures f = *ErlangA(q);
    const Reference r = BruteForceErlangA(q);
    EXPECT_NEAR(f.p_wait, r.p_wait, 1e-9);
    EXPECT_NEAR(f.p_abandon, r.p_abandon, 1e-9);
    EXPECT_NEAR(f.service_level, r.service_level, 1e-9);
    EXPECT_NEAR(f.asa_s, r.asa_s, 1e-7 * r.asa_s);
    EXPECT_NEAR(f.p_answered + f.p_abandon, 1.0, 1e-12);
    EXPECT_NEAR(f.service_level_answered, f.service_level / f.p_answered, 1e-12);
    // Little's law over the queue and over the abandonments.
    EXPECT_NEAR(f.queue_length, q.calls_per_hour / 3600 * f.mean_wait_s, 1e-9 * f.queue_length);
    EXPECT_NEAR(f.p_abandon, f.mean_wait_s / q.patience_s, 1e-12);
  }
}

// With patience as long as the handle time (theta = mu) every caller in
// the center leaves at the same rate, served or not, so the number in the
// center is that of M/M/infinity: Poisson(a) (Mandelbaum & Zeltyn 2007).
TEST(ErlangATest, PatienceEqualToHandleTimeIsPoisson) {
  const double a = 20;
  const QueueFigures f = *ErlangA(Question(a * 3600 / 200, 200, 22, 20, 200));
  double p = std::exp(-a), below = 0, excess = 0;
  for (int k = 0; k < 200; ++k) {
    if (k < 22) below += p;
    if (k > 22) excess += (k - 22) * p;
    p *= a / (k + 1);
  }
  EXPECT_NEAR(f.p_wait, 1 - below, 1e-12);
  EXPECT_NEAR(f.queue_length, excess, 1e-12);
  EXPECT_NEAR(f.p_abandon, excess / a, 1e-12);
}

TEST(ErlangATest, LimitsOfPatience) {
  const QueueQuestion c = Question(200, 180, 12, 20);
  const QueueFigures erlang_c = *ErlangC(c);
  QueueQuestion patient = c;
  patient.patience_s = 1e7;
  const QueueFigures a = *ErlangA(patient);
  EXPECT_NEAR(a.p_wait, erlang_c.p_wait, 1e-4);
  EXPECT_NEAR(a.service_level, erlang_c.service_level, 1e-4);
  EXPECT_NEAR(a.asa_s, erlang_c.asa_s, 1e-3 * erlang_c.asa_s);
  QueueQuestion forever = c;
  forever.patience_s = kInfinity;
  EXPECT_EQ((*ErlangA(forever)).p_wait, erlang_c.p_wait);
  QueueQuestion none = c;
  none.patience_s = 0;
  const QueueFigures loss = *ErlangA(none);
  EXPECT_NEAR(loss.p_abandon, *ErlangB(12, 10.0), 1e-15);
  EXPECT_NEAR(loss.service_level, 1 - *ErlangB(12, 10.0), 1e-15);
  EXPECT_EQ(loss.asa_s, 0.0);
}

TEST(ErlangATest, NoAgentsAnswersNobody) {
  const QueueFigures f = *ErlangA(Question(100, 180, 0, 20, 60));
  EXPECT_EQ(f.p_abandon, 1.0);
  EXPECT_EQ(f.service_level, 0.0);
  EXPECT_NEAR(f.queue_length, 100.0 / 3600 * 60, 1e-12);
}

void ExpectSane(const QueueFigures& f) {
  for (double p : {f.p_wait, f.p_abandon, f.p_answered, f.service_level, f.service_level_answered,
                   f.occupancy}) {
    EXPECT_TRUE(p >= 0 && p <= 1) << p;
  }
  EXPECT_FALSE(std::isnan(f.asa_s));
  EXPECT_FALSE(std::isnan(f.queue_length));
  EXPECT_GE(f.asa_s, 0);
}

// Large centers: nothing overflows, and the figures move the right way
// with every agent added around the critical load.
TEST(ErlangStabilityTest, TenThousandAgentsAndFiftyThousandErlangs) {
  const double per_erlang = 3600.0 / 180;
  for (double patience : {kInfinity, 300.0, 30.0}) {
    SCOPED_TRACE(patience);
    for (double erlangs : {10.0, 9'950.0, 10'000.0, 50'000.0}) {
      double last_sl = -1;
      for (int64_t agents : {9'900, 9'990, 10'000, 10'010, 10'100, 50'000, 50'200}) {
        const QueueQuestion q = Question(erlangs * per_erlang, 180, agents, 20, patience);
        const QueueFigures f = *(std::isinf(patience) ? ErlangC(q) : ErlangA(q));
        ExpectSane(f);
        EXPECT_GE(f.service_level, last_sl) << erlangs << " erlangs, " << agents << " agents";
        last_sl = f.service_level;
      }
    }
  }
  const QueueFigures c = *ErlangC(Question(50'000 * per_erlang, 180, 50'200, 20));
  EXPECT_GT(c.p_wait, 0.1);  // square-root staffing: beta = 0.89 waits ~27%
  EXPECT_LT(c.p_wait, 0.5);
  // Loads too small for a double's exponent: nobody waits, nothing is NaN.
  ExpectSane(*ErlangA(Question(1e-310, 180, 5, 20, 60)));
  ExpectSane(*ErlangC(Question(1e-310, 180, 5, 20)));
  EXPECT_EQ((*ErlangA(Question(1e-310, 180, 5, 20, 60))).service_level, 1.0);
  const QueueFigures over = *ErlangA(Question(50'000 * per_erlang, 180, 10'000, 20, 3000));
  EXPECT_NEAR(over.p_abandon, 0.8, 1e-6);  // 1 - n / a when heavily overloaded
  EXPECT_EQ(over.p_wait, 1.0);
}

TEST(ErlangBadInputTest, NamesTheField) {
  EXPECT_EQ(ErlangB(-1, 1.0).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErlangB(1, std::nan("")).status().code(), absl::StatusCode::kInvalidArgument);
  auto message = [](const absl::StatusOr<QueueFigures>& f) {
    return std::string(f.status().message());
  };
  EXPECT_EQ(message(ErlangC(Question(-5, 180, 3, 20))).find("calls_per_hour"), 0u);
  EXPECT_EQ(message(ErlangC(Question(5, 0, 3, 20))).find("aht_s"), 0u);
  EXPECT_EQ(message(ErlangC(Question(5, 180, -3, 20))).find("agents"), 0u);
  EXPECT_EQ(message(ErlangC(Question(5, 180, 3, -1))).find("threshold_s"), 0u);
  EXPECT_EQ(message(ErlangA(Question(5, 180, 3, 20, -1))).find("patience_s"), 0u);
  EXPECT_EQ(message(ErlangA(Question(5, 180, 3, 20, std::nan("")))).find("patience_s"), 0u);
  EXPECT_EQ(message(ErlangC(Question(1e12, 180, 3, 20))).find("erlangs"), 0u);
  EXPECT_EQ(message(ErlangA(Question(3600, 1, 1000, 20, 1e12))).find("patience_s"), 0u);
}

}  // namespace
}  // namespace acd
