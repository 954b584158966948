// SqliteEngine: the second benchmark baseline. Same routing semantics as
// the engine (through BaselineEngine), but every decision is an SQL query
// on an in-memory SQLite database, the way FreeSWITCH's mod_callcenter
// selects agents: a `members` table (one row per agent and queue, with the
// agent's availability and ordering fields, indexed per strategy order),
// a `skills` table, and a `waiting` table of queued calls. Placing a call
// is `SELECT agent FROM members WHERE queue=? AND available=1 AND tier>=?
// [AND EXISTS(extra skill)] ORDER BY <strategy order> LIMIT 1`; an agent
// freeing up runs one join of its memberships with the waiting calls
// ordered by queue priority, call priority and weighted wait. Rows are
// updated as agents and calls change. Each Apply runs in one transaction;
// statements are prepared once.
//
// Thread-safety: none. Invariant: the tables mirror BaselineEngine's
// agents (available, idle_since, calls_today, talk_ms) and waiting calls
// after every hook.
#ifndef ACD_BENCH_SQLITE_ENGINE_H_
#define ACD_BENCH_SQLITE_ENGINE_H_

#include <array>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/baseline_engine.h"

struct sqlite3;
struct sqlite3_stmt;

namespace acd::bench {

class SqliteEngine : public BaselineEngine {
 public:
  static absl::StatusOr<std::unique_ptr<SqliteEngine>> Create(const CenterConfig& center,
                                                              CommandSink* sink);
  ~SqliteEngine() override;

  absl::Status Apply(const Event& event) override;
  absl::Status AdvanceTo(TimeMs time_ms) override;

 private:
  // Agent-selection statement kinds (one ORDER BY each).
  enum Order { kIdle, kCalls, kTalk, kProficiency, kPosition, kPositionAfter, kOrderCount };
  static constexpr int kMaxExtra = 4;
  // What was last written to an agent's rows.
  struct Written {
    bool available = false;
    TimeMs idle_since_ms = -1;
    uint32_t calls_today = 0;
    TimeMs talk_ms = -1;
  };

  SqliteEngine(const CenterConfig& center, CommandSink* sink);
  absl::Status Open();
  absl::Status Exec(const char* sql);
  absl::Status Load();
  sqlite3_stmt* Prepare(const std::string& sql);
  sqlite3_stmt* AgentStatement(Order order, size_t extra);

  uint32_t SelectAgent(uint32_t call_slot) override;
  uint32_t SelectCall(uint32_t agent_slot) override;
  void OnAgentRefreshed(uint32_t agent_slot) override;
  void OnWaitingInserted(uint32_t call_slot) override;
  void OnWaitingRemoved(uint32_t call_slot) override;
  uint32_t RunAgentQuery(sqlite3_stmt* stmt, const Call& call, bool after);

  sqlite3* db_ = nullptr;
  std::array<std::array<sqlite3_stmt*, kMaxExtra + 1>, kOrderCount> agent_stmts_{};
  sqlite3_stmt* select_call_ = nullptr;
  sqlite3_stmt* update_agent_ = nullptr;
  sqlite3_stmt* insert_waiting_ = nullptr;
  sqlite3_stmt* insert_extra_ = nullptr;
  sqlite3_stmt* delete_waiting_ = nullptr;
  sqlite3_stmt* delete_extra_ = nullptr;
  sqlite3_stmt* begin_ = nullptr;
  sqlite3_stmt* commit_ = nullptr;
  std::vector<Written> written_;
};

}  // namespace acd::bench

#endif  // ACD_BENCH_SQLITE_ENGINE_H_
