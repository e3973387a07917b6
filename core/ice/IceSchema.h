#pragma once
// SQL of the ICE tables: the ICE module's migration steps (IceStore.cpp names them to the store,
// store/ModuleSchema.h). Step 1 was the store's own migration step 2 before the module had versions.
namespace ds {
inline constexpr const char *kIceSchemaV1 = R"SQL(
CREATE TABLE ice_templates (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  text TEXT NOT NULL,
  origin TEXT NOT NULL,
  operator TEXT NOT NULL DEFAULT '',
  parent_idx INTEGER NOT NULL DEFAULT -1,
  iteration INTEGER NOT NULL DEFAULT -1,
  in_final INTEGER NOT NULL DEFAULT 0,
  names_vendor INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (run_id, idx)
);
CREATE TABLE ice_questions (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  qid TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  language TEXT NOT NULL,
  aspect TEXT NOT NULL,
  UNIQUE (run_id, idx)
);
CREATE TABLE ice_items (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  template_idx INTEGER NOT NULL,
  question_idx INTEGER NOT NULL,
  prompt TEXT NOT NULL,
  response TEXT NOT NULL DEFAULT '',
  response_key TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'ok',
  error TEXT NOT NULL DEFAULT '',
  UNIQUE (run_id, template_idx, question_idx)
);
CREATE TABLE ice_labels (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES ice_items(id) ON DELETE CASCADE,
  judge TEXT NOT NULL,
  loose INTEGER,
  strict INTEGER,
  vendor TEXT NOT NULL DEFAULT '',
  parse_status TEXT NOT NULL DEFAULT 'ok',
  reason TEXT NOT NULL DEFAULT '',
  raw TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  UNIQUE (item_id, judge)
);
CREATE INDEX ice_labels_item ON ice_labels(item_id);
)SQL";
// Step 2: labels told a failed judge request from an unreadable reply only by the reason text; they
// now store the judgment status names (util/Statuses.cpp).
inline constexpr const char *kIceSchemaV2 = R"SQL(
UPDATE ice_labels SET parse_status = CASE WHEN reason LIKE '%judge request failed%' THEN 'request-failed' ELSE 'unreadable' END
 WHERE parse_status = 'error';
)SQL";
} // namespace ds
