#include "bench/sqlite_engine.h"

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"

namespace acd::bench {
namespace {

// A failing statement on a well-formed in-memory database is a bug here.
void Must(sqlite3* db, int rc, const char* what) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return;
  std::fprintf(stderr, "sqlite %s: %s\n", what, sqlite3_errmsg(db));
  std::abort();
}

constexpr const char* kSchema = R"sql(
CREATE TABLE members(queue INTEGER, agent INTEGER, tier INTEGER, position INTEGER,
                     available INTEGER, idle_since INTEGER, calls_today INTEGER,
                     talk_ms INTEGER);
CREATE TABLE skills(agent INTEGER, skill INTEGER, level INTEGER,
                    PRIMARY KEY(agent, skill)) WITHOUT ROWID;
CREATE TABLE waiting(call INTEGER PRIMARY KEY, queue INTEGER, qprio INTEGER, prio INTEGER,
                     enq_ms INTEGER, weight REAL, seq INTEGER, min_level INTEGER,
                     nextra INTEGER);
CREATE TABLE waiting_extra(call INTEGER, skill INTEGER, level INTEGER);
)sql";

constexpr const char* kIndexes[] = {
    "CREATE INDEX m_agent ON members(agent)",
    "CREATE INDEX m_idle ON members(queue, available, idle_since, agent)",
    "CREATE INDEX m_calls ON members(queue, available, calls_today, idle_since, agent)",
    "CREATE INDEX m_talk ON members(queue, available, talk_ms, idle_since, agent)",
    "CREATE INDEX m_prof ON members(queue, available, tier DESC, idle_since, agent)",
    "CREATE INDEX m_pos ON members(queue, available, position, agent)",
    "CREATE INDEX w_queue ON waiting(queue)",
    "CREATE INDEX wx_call ON waiting_extra(call)",
};

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteEngine>> SqliteEngine::Create(const CenterConfig& center,
                                                                  CommandSink* sink) {
  if (absl::Status s = CheckSupported(center); !s.ok()) return s;
  std::unique_ptr<SqliteEngine> engine(new SqliteEngine(center, sink));
  if (absl::Status s = engine->Open(); !s.ok()) return s;
  if (absl::Status s = engine->Load(); !s.ok()) return s;
  return engine;
}

SqliteEngine::SqliteEngine(const CenterConfig& center, CommandSink* sink)
    : BaselineEngine(center, sink), written_(agents_.size()) {}

SqliteEngine::~SqliteEngine() {
  for (auto& row : agent_stmts_) {
    for (sqlite3_stmt* s : row) sqlite3_finalize(s);
  }
  for (sqlite3_stmt* s : {select_call_, update_agent_, insert_waiting_, insert_extra_,
                          delete_waiting_, delete_extra_, begin_, commit_}) {
    sqlite3_finalize(s);
  }
  sqlite3_close(db_);
}

absl::Status SqliteEngine::Exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    absl::Status s = absl::InternalError(absl::StrCat("sqlite: ", error ? error : "?"));
    sqlite3_free(error);
    return s;
  }
  return absl::OkStatus();
}

absl::Status SqliteEngine::Open() {
  if (sqlite3_open(":memory:", &db_) != SQLITE_OK) return absl::InternalError("sqlite: open");
  for (const char* sql : {"PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF",
                          "PRAGMA temp_store=MEMORY", "PRAGMA cache_size=-262144", kSchema}) {
    if (absl::Status s = Exec(sql); !s.ok()) return s;
  }
  return absl::OkStatus();
}

sqlite3_stmt* SqliteEngine::Prepare(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  Must(db_, sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr),
       sql.c_str());
  return stmt;
}

absl::Status SqliteEngine::Load() {
  if (absl::Status s = Exec("BEGIN"); !s.ok()) return s;
  sqlite3_stmt* member = Prepare("INSERT INTO members VALUES(?1, ?2, ?3, ?4, 0, 0, 0, 0)");
  sqlite3_stmt* skill = Prepare("INSERT INTO skills VALUES(?1, ?2, ?3)");
  for (uint32_t slot = 0; slot < agents_.size(); ++slot) {
    const Agent& a = agents_[slot];
    for (const AgentMember& m : a.memberships) {
      sqlite3_bind_int(member, 1, static_cast<int>(m.queue));
      sqlite3_bind_int(member, 2, static_cast<int>(slot));
      sqlite3_bind_int(member, 3, TierFor(a, m));
      sqlite3_bind_int64(member, 4, m.position);
      Must(db_, sqlite3_step(member), "insert member");
      sqlite3_reset(member);
    }
    for (const SkillLevel& s : a.skills) {
      sqlite3_bind_int(skill, 1, static_cast<int>(slot));
      sqlite3_bind_int(skill, 2, static_cast<int>(s.skill));
      sqlite3_bind_int(skill, 3, s.level);
      Must(db_, sqlite3_step(skill), "insert skill");
      sqlite3_reset(skill);
    }
  }
  sqlite3_finalize(member);
  sqlite3_finalize(skill);
  for (const char* sql : kIndexes) {
    if (absl::Status s = Exec(sql); !s.ok()) return s;
  }
  if (absl::Status s = Exec("COMMIT; ANALYZE"); !s.ok()) return s;
  select_call_ = Prepare(
      "SELECT w.call FROM members m JOIN waiting w ON w.queue = m.queue "
      "WHERE m.agent = ?1 AND m.tier >= w.min_level AND (w.nextra = 0 OR NOT EXISTS("
      "  SELECT 1 FROM waiting_extra x WHERE x.call = w.call AND NOT EXISTS("
      "    SELECT 1 FROM skills s WHERE s.agent = ?1 AND s.skill = x.skill"
      "    AND s.level >= x.level))) "
      "ORDER BY w.qprio DESC, w.prio DESC, (?2 - w.enq_ms) * w.weight DESC, w.seq LIMIT 1");
  update_agent_ = Prepare(
      "UPDATE members SET available = ?2, idle_since = ?3, calls_today = ?4, talk_ms = ?5 "
      "WHERE agent = ?1");
  insert_waiting_ = Prepare("INSERT INTO waiting VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  insert_extra_ = Prepare("INSERT INTO waiting_extra VALUES(?1, ?2, ?3)");
  delete_waiting_ = Prepare("DELETE FROM waiting WHERE call = ?1");
  delete_extra_ = Prepare("DELETE FROM waiting_extra WHERE call = ?1");
  begin_ = Prepare("BEGIN");
  commit_ = Prepare("COMMIT");
  return absl::OkStatus();
}

absl::Status SqliteEngine::Apply(const Event& event) {
  Must(db_, sqlite3_step(begin_), "begin");
  sqlite3_reset(begin_);
  absl::Status s = BaselineEngine::Apply(event);
  Must(db_, sqlite3_step(commit_), "commit");
  sqlite3_reset(commit_);
  return s;
}

absl::Status SqliteEngine::AdvanceTo(TimeMs time_ms) {
  Must(db_, sqlite3_step(begin_), "begin");
  sqlite3_reset(begin_);
  absl::Status s = BaselineEngine::AdvanceTo(time_ms);
  Must(db_, sqlite3_step(commit_), "commit");
  sqlite3_reset(commit_);
  return s;
}

sqlite3_stmt* SqliteEngine::AgentStatement(Order order, size_t extra) {
  sqlite3_stmt*& stmt = agent_stmts_[order][extra];
  if (stmt != nullptr) return stmt;
  std::string sql =
      "SELECT agent FROM members WHERE queue = ?1 AND available = 1 AND tier >= ?2";
  if (order == kPositionAfter) sql += " AND position > ?3";
  for (size_t i = 0; i < extra; ++i) {
    absl::StrAppend(&sql, " AND EXISTS(SELECT 1 FROM skills s WHERE s.agent = members.agent",
                    " AND s.skill = ?", 4 + 2 * i, " AND s.level >= ?", 5 + 2 * i, ")");
  }
  static constexpr const char* kOrderBy[kOrderCount] = {
      " ORDER BY idle_since, agent",         " ORDER BY calls_today, idle_since, agent",
      " ORDER BY talk_ms, idle_since, agent", " ORDER BY tier DESC, idle_since, agent",
      " ORDER BY position, agent",           " ORDER BY position, agent"};
  sql += kOrderBy[order];
  sql += " LIMIT 1";
  stmt = Prepare(sql);
  return stmt;
}

uint32_t SqliteEngine::RunAgentQuery(sqlite3_stmt* stmt, const Call& call, bool after) {
  sqlite3_bind_int(stmt, 1, static_cast<int>(call.queue));
  sqlite3_bind_int(stmt, 2, call.min_level);
  if (after) sqlite3_bind_int64(stmt, 3, queues_[call.queue].rr_last);
  for (size_t i = 0; i < call.extra.size(); ++i) {
    sqlite3_bind_int(stmt, static_cast<int>(4 + 2 * i), static_cast<int>(call.extra[i].skill));
    sqlite3_bind_int(stmt, static_cast<int>(5 + 2 * i), call.extra[i].level);
  }
  const int rc = sqlite3_step(stmt);
  Must(db_, rc, "select agent");
  const uint32_t agent =
      rc == SQLITE_ROW ? static_cast<uint32_t>(sqlite3_column_int(stmt, 0)) : kNone;
  sqlite3_reset(stmt);
  return agent;
}

uint32_t SqliteEngine::SelectAgent(uint32_t call_slot) {
  const Call& c = calls_[call_slot];
  const size_t extra = std::min<size_t>(c.extra.size(), kMaxExtra);
  switch (queues_[c.queue].config->strategy) {
    case Strategy::kLeastCalls: return RunAgentQuery(AgentStatement(kCalls, extra), c, false);
    case Strategy::kLeastTalkTime: return RunAgentQuery(AgentStatement(kTalk, extra), c, false);
    case Strategy::kHighestProficiency:
      return RunAgentQuery(AgentStatement(kProficiency, extra), c, false);
    case Strategy::kFixedOrder: return RunAgentQuery(AgentStatement(kPosition, extra), c, false);
    case Strategy::kRoundRobin: {
      const uint32_t after = RunAgentQuery(AgentStatement(kPositionAfter, extra), c, true);
      if (after != kNone) return after;
      return RunAgentQuery(AgentStatement(kPosition, extra), c, false);
    }
    default: return RunAgentQuery(AgentStatement(kIdle, extra), c, false);
  }
}

uint32_t SqliteEngine::SelectCall(uint32_t agent_slot) {
  sqlite3_bind_int(select_call_, 1, static_cast<int>(agent_slot));
  sqlite3_bind_int64(select_call_, 2, now_ms());
  const int rc = sqlite3_step(select_call_);
  Must(db_, rc, "select call");
  const uint32_t call =
      rc == SQLITE_ROW ? static_cast<uint32_t>(sqlite3_column_int(select_call_, 0)) : kNone;
  sqlite3_reset(select_call_);
  return call;
}

void SqliteEngine::OnAgentRefreshed(uint32_t agent_slot) {
  const Agent& a = agents_[agent_slot];
  const Written now{Available(a), a.idle_since_ms, a.calls_today, a.talk_ms_today};
  Written& w = written_[agent_slot];
  if (w.available == now.available && w.idle_since_ms == now.idle_since_ms &&
      w.calls_today == now.calls_today && w.talk_ms == now.talk_ms) {
    return;
  }
  w = now;
  sqlite3_bind_int(update_agent_, 1, static_cast<int>(agent_slot));
  sqlite3_bind_int(update_agent_, 2, now.available ? 1 : 0);
  sqlite3_bind_int64(update_agent_, 3, now.idle_since_ms);
  sqlite3_bind_int64(update_agent_, 4, now.calls_today);
  sqlite3_bind_int64(update_agent_, 5, now.talk_ms);
  Must(db_, sqlite3_step(update_agent_), "update agent");
  sqlite3_reset(update_agent_);
}

void SqliteEngine::OnWaitingInserted(uint32_t call_slot) {
  const Call& c = calls_[call_slot];
  const QueueConfig& q = *queues_[c.queue].config;
  sqlite3_stmt* s = insert_waiting_;
  sqlite3_bind_int(s, 1, static_cast<int>(call_slot));
  sqlite3_bind_int(s, 2, static_cast<int>(c.queue));
  sqlite3_bind_int(s, 3, q.priority);
  sqlite3_bind_int(s, 4, c.priority);
  sqlite3_bind_int64(s, 5, c.enqueued_ms);
  sqlite3_bind_double(s, 6, q.wait_weight);
  sqlite3_bind_int64(s, 7, static_cast<int64_t>(c.seq));
  sqlite3_bind_int(s, 8, c.min_level);
  sqlite3_bind_int(s, 9, static_cast<int>(c.extra.size()));
  Must(db_, sqlite3_step(s), "insert waiting");
  sqlite3_reset(s);
  for (const SkillLevel& need : c.extra) {
    sqlite3_bind_int(insert_extra_, 1, static_cast<int>(call_slot));
    sqlite3_bind_int(insert_extra_, 2, static_cast<int>(need.skill));
    sqlite3_bind_int(insert_extra_, 3, need.level);
    Must(db_, sqlite3_step(insert_extra_), "insert extra");
    sqlite3_reset(insert_extra_);
  }
}

void SqliteEngine::OnWaitingRemoved(uint32_t call_slot) {
  sqlite3_bind_int(delete_waiting_, 1, static_cast<int>(call_slot));
  Must(db_, sqlite3_step(delete_waiting_), "delete waiting");
  sqlite3_reset(delete_waiting_);
  if (calls_[call_slot].extra.empty()) return;
  sqlite3_bind_int(delete_extra_, 1, static_cast<int>(call_slot));
  Must(db_, sqlite3_step(delete_extra_), "delete extra");
  sqlite3_reset(delete_extra_);
}

}  // namespace acd::bench
