#include "store/Schema.h"

namespace ds::schema {

static const char *kCoreV1 = R"SQL(
CREATE TABLE models (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  provider TEXT NOT NULL,
  base_url TEXT NOT NULL DEFAULT '',
  model_id TEXT NOT NULL DEFAULT '',
  api_key_env TEXT NOT NULL DEFAULT '',
  keychain_key TEXT NOT NULL DEFAULT '',
  concurrency INTEGER NOT NULL DEFAULT 8,
  rpm INTEGER NOT NULL DEFAULT 0,
  temperature REAL NOT NULL DEFAULT 0,
  max_tokens INTEGER NOT NULL DEFAULT 1024,
  system_prompt TEXT NOT NULL DEFAULT '',
  price_in REAL NOT NULL DEFAULT 0,
  price_out REAL NOT NULL DEFAULT 0,
  vendor TEXT NOT NULL DEFAULT '',
  timeout_s INTEGER NOT NULL DEFAULT 300,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE TABLE datasets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  format TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE TABLE prompts (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  ext_id TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  turns TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  UNIQUE (dataset_id, idx)
);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'created',
  config TEXT NOT NULL DEFAULT '{}',
  message TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX runs_name ON runs(name);
CREATE TABLE responses (
  id INTEGER PRIMARY KEY,
  request_key TEXT NOT NULL UNIQUE,
  model TEXT NOT NULL,
  prompt_id INTEGER,
  kind TEXT NOT NULL DEFAULT 'answer',
  status TEXT NOT NULL,
  text TEXT NOT NULL DEFAULT '',
  reasoning TEXT NOT NULL DEFAULT '',
  tokens_in INTEGER,
  tokens_out INTEGER,
  latency_ms REAL NOT NULL DEFAULT 0,
  cost REAL NOT NULL DEFAULT 0,
  http_status INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  raw TEXT NOT NULL DEFAULT '',
  request TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT 'api',
  run_id INTEGER,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX responses_model_prompt ON responses(model, prompt_id);
CREATE INDEX responses_run ON responses(run_id);
CREATE TABLE judgments (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  prompt_id INTEGER NOT NULL,
  dataset TEXT NOT NULL,
  test_model TEXT NOT NULL,
  ref_model TEXT NOT NULL,
  judge_model TEXT NOT NULL,
  ord TEXT NOT NULL DEFAULT 'rt',
  request_key TEXT NOT NULL DEFAULT '',
  style INTEGER,
  logic INTEGER,
  content INTEGER,
  overall REAL,
  rationale TEXT NOT NULL DEFAULT '',
  raw TEXT NOT NULL DEFAULT '',
  parse_status TEXT NOT NULL,
  flagged INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  UNIQUE (run_id, prompt_id, test_model, judge_model, ord)
);
CREATE TABLE run_events (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL,
  ts TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  level TEXT NOT NULL,
  kind TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX run_events_run ON run_events(run_id);
)SQL";

// Run leases (one driver per run), the run's spend across resumes, and why an answer ended.
static const char *kCoreV3 = R"SQL(
ALTER TABLE runs ADD COLUMN spent REAL NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN lease_pid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN lease_host TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN lease_since TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN lease_beat REAL NOT NULL DEFAULT 0;
ALTER TABLE responses ADD COLUMN finish_reason TEXT NOT NULL DEFAULT '';
)SQL";

// Providers (step 4): per-model options (JSON), and how each answer ended plus its reasoning tokens.
static const char *kProvidersV4 = R"SQL(
ALTER TABLE models ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
ALTER TABLE responses ADD COLUMN tokens_reasoning INTEGER;
ALTER TABLE responses ADD COLUMN refusal TEXT NOT NULL DEFAULT '';
)SQL";

// Batch APIs (step 5): each submitted provider batch and the request keys it carries, so that a
// resumed run polls the batch it already paid for instead of submitting again.
static const char *kBatchesV5 = R"SQL(
CREATE TABLE batches (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL,
  model TEXT NOT NULL,
  provider TEXT NOT NULL,
  batch_id TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'submitted',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE TABLE batch_items (
  batch INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
  request_key TEXT NOT NULL,
  PRIMARY KEY (batch, request_key)
);
CREATE INDEX batch_items_key ON batch_items(request_key);
)SQL";

// Batch intents (step 6): a batch row is written before it is submitted (state 'submitting', no id
// yet) with the tag it is submitted under, when and how many requests, so that a process killed
// between the provider accepting the batch and the id being recorded finds it again on resume
// instead of paying for a second one.
static const char *kBatchIntentsV6 = R"SQL(
ALTER TABLE batches ADD COLUMN tag TEXT NOT NULL DEFAULT '';
ALTER TABLE batches ADD COLUMN intended_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batches ADD COLUMN requests INTEGER NOT NULL DEFAULT 0;
)SQL";

// Judgment statuses (step 7): a failed judge request was told from an unreadable reply by the prefix
// of its rationale; it has a status of its own now, and 'error' became 'unreadable'.
static const char *kJudgmentStatusV7 = R"SQL(
UPDATE judgments SET parse_status='request-failed' WHERE parse_status='error' AND rationale LIKE 'judge request failed%';
UPDATE judgments SET parse_status='unreadable' WHERE parse_status='error';
)SQL";

// Run sessions (step 8): each driver's start, end, outcome and final counters, so that a run finished
// in another process (the CLI, an earlier window) still shows its duration, counts and error kinds.
static const char *kRunSessionsV8 = R"SQL(
CREATE TABLE run_sessions (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  status TEXT NOT NULL,
  message TEXT NOT NULL DEFAULT '',
  counters TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX run_sessions_run ON run_sessions(run_id);
)SQL";

const std::vector<const char *> &migrations()
{
    // Step 2 created the ICE tables. They belong to the ICE module now, which migrates them with versions
    // of its own (core/ice/IceSchema.h, store/ModuleSchema.h): a database that got them from this step
    // is at ICE version 1. The step stays, empty, so that the numbers of the others do not change.
    static const std::vector<const char *> steps = {kCoreV1,    nullptr,         kCoreV3,           kProvidersV4,
                                                    kBatchesV5, kBatchIntentsV6, kJudgmentStatusV7, kRunSessionsV8};
    return steps;
}

} // namespace ds::schema
