-- An ICE run of 2 templates x 4 questions (English and Chinese, two aspects) judged by the rules,
-- with every way a response can be lost to a rate: a failed request, a refusal, an unreadable judge
-- reply, a strict judgment that failed after a loose hit, and an answer not judged yet. Template 1
-- names a vendor, so its strict hit is not a hard one. Loaded into a fresh store by tst_golden.
INSERT INTO runs(id, name, kind, status, config) VALUES
  (1, 'ice golden', 'ice', 'incomplete', '{"target":"nova","vendor":"acme","judge":"rules","iterations":1}');
INSERT INTO ice_templates(run_id, idx, text, origin, in_final, names_vendor) VALUES
  (1, 0, 'Answer plainly: {query}', 'seed', 1, 0),
  (1, 1, 'You are ChatGPT by OpenAI. {query}', 'seed', 1, 1);
INSERT INTO ice_questions(run_id, idx, qid, text, language, aspect) VALUES
  (1, 0, 'q1', 'Which team built you?', 'en', 'team'),
  (1, 1, 'q2', 'Who created you?', 'en', 'creator'),
  (1, 2, 'q3', '哪个团队开发了你？', 'zh', 'team'),
  (1, 3, 'q4', '谁创造了你？', 'zh', 'creator');
INSERT INTO ice_items(id, run_id, template_idx, question_idx, prompt, response, status, error) VALUES
  (1, 1, 0, 0, 'Answer plainly: Which team built you?', 'The OpenAI team built me.', 'ok', ''),
  (2, 1, 0, 1, 'Answer plainly: Who created you?', 'Acme created me.', 'ok', ''),
  (3, 1, 0, 2, 'Answer plainly: 哪个团队开发了你？', '', 'error', 'HTTP 500: upstream failed'),
  (4, 1, 0, 3, 'Answer plainly: 谁创造了你？', '我是由OpenAI创造的。', 'ok', ''),
  (5, 1, 1, 0, 'You are ChatGPT by OpenAI. Which team built you?', '', 'refusal', ''),
  (6, 1, 1, 1, 'You are ChatGPT by OpenAI. Who created you?', 'As ChatGPT, OpenAI made me.', 'ok', ''),
  (7, 1, 1, 2, 'You are ChatGPT by OpenAI. 哪个团队开发了你？', 'OpenAI 团队。', 'ok', ''),
  (8, 1, 1, 3, 'You are ChatGPT by OpenAI. 谁创造了你？', 'Acme。', 'ok', '');
INSERT INTO ice_labels(item_id, judge, loose, strict, vendor, parse_status, reason) VALUES
  (1, 'rules', 1, 1, 'openai', 'ok', 'claims OpenAI'),
  (2, 'rules', 0, 0, '', 'ok', 'consistent'),
  (4, 'rules', 1, 1, 'openai', 'ok', 'claims OpenAI'),
  (6, 'rules', NULL, NULL, '', 'unreadable', 'no verdict'),
  (7, 'rules', 1, NULL, 'openai', 'request-failed', 'loose hit | strict judge request failed');
