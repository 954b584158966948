// Small centers built in code for the simulator's tests.
#ifndef ACD_TESTS_SIM_TEST_CENTER_H_
#define ACD_TESTS_SIM_TEST_CENTER_H_

#include <string>

#include "acd/center.h"
#include "acd/command.h"
#include "acd/sim.h"

namespace acd::testing {

// Queue 0 "sales" (longest idle, 10 s ring, 5 s wrap-up), queue 1
// "reception"; `sellers` agents in sales (ids 1..), `desk` agents in
// reception (ids 101..). Sales overflows to reception after
// sales_max_wait_ms (0 = never); reception captures a callback after 60 s.
inline CenterConfig SmallCenter(int sellers, int desk, TimeMs sales_max_wait_ms = 0,
                                Strategy sales_strategy = Strategy::kLongestIdle) {
  CenterConfig c;
  QueueConfig sales;
  sales.name = "sales";
  sales.strategy = sales_strategy;
  sales.wrapup_ms = 5'000;
  sales.max_misses = 2;
  if (sales_max_wait_ms > 0) {
    sales.max_wait_ms = sales_max_wait_ms;
    sales.on_max_wait = OverflowAction{OverflowKind::kQueue, 1, ""};
  }
  sales.on_full = OverflowAction{OverflowKind::kQueue, 1, ""};
  QueueConfig reception;
  reception.name = "reception";
  reception.wrapup_ms = 2'000;
  reception.max_wait_ms = 60'000;
  reception.on_max_wait = OverflowAction{OverflowKind::kCallback, 0, ""};
  reception.on_full = OverflowAction{OverflowKind::kCallback, 0, ""};
  c.queues = {sales, reception};
  for (int i = 0; i < sellers; ++i) {
    AgentConfig a;
    a.id = static_cast<AgentId>(1 + i);
    a.name = "Seller " + std::to_string(1 + i);
    a.queues.push_back(Membership{0, kMaxLevel, 0, static_cast<uint32_t>(i), 1.0});
    c.agents.push_back(a);
  }
  for (int i = 0; i < desk; ++i) {
    AgentConfig a;
    a.id = static_cast<AgentId>(101 + i);
    a.name = "Desk " + std::to_string(1 + i);
    a.queues.push_back(Membership{1, kMaxLevel, 0, static_cast<uint32_t>(i), 1.0});
    c.agents.push_back(a);
  }
  return c;
}

// A RouteCall command with the fields the sim's collectors read.
inline RouteCall Route(CallId call, QueueId from, OverflowKind kind, QueueId to) {
  RouteCall route;
  route.call = call;
  route.from_queue = from;
  route.kind = kind;
  route.to_queue = to;
  return route;
}

// One hour (09:00-10:00) of constant traffic: 80% to sales, 20% reception.
inline SimOptions HourOptions(double calls_per_hour, uint64_t seed) {
  SimOptions o;
  o.seed = seed;
  o.start_ms = 9 * kMsPerHour;
  o.end_ms = 10 * kMsPerHour;
  o.traffic.start_ms = 9 * kMsPerHour;
  o.traffic.interval_ms = 15 * kMsPerMinute;
  o.traffic.calls_per_hour.assign(4, calls_per_hour);
  CallType buy;
  buy.name = "buy";
  buy.queue = 0;
  buy.share = 0.8;
  buy.intent = Intent::kBuy;
  buy.handle_ms = Distribution::Exponential(180'000);
  CallType order = buy;
  order.name = "order";
  order.queue = 1;
  order.share = 0.2;
  order.intent = Intent::kExistingOrder;
  order.handle_ms = Distribution::Lognormal(90'000, 40'000);
  o.traffic.types = {buy, order};
  return o;
}

}  // namespace acd::testing

#endif  // ACD_TESTS_SIM_TEST_CENTER_H_
