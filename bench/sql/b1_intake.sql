-- B1 baseline: the rows one intake request writes (bench/sql/b1_setup.sql makes the tables),
-- in one transaction, with the same lookups, locks and updates, as plain SQL.
\set n random(1, 2000000000)
BEGIN;
UPDATE bench_ratelimit SET hits = hits + 1 WHERE key = 'bench' AND window_start = 0;
SELECT id FROM bench_idempotency WHERE partner_id = 1 AND key = 'pgb-' || :n;
-- The citizen has a verified account (the partner's scope is for citizens signed in with the
-- city's sign-in, ADR 0007): it is read and locked, not created.
SELECT id AS user_id FROM bench_user WHERE national_code = lpad((:n % 100000 + 1)::text, 10, '0')
  FOR UPDATE \gset
INSERT INTO bench_file (tracking_code, national_code, citizen_name, citizen_mobile, channel,
    form_data, amount, price_parts, submitted_at, state_entered_at, in_department, created_at,
    updated_at, citizen_id, department_id, partner_id, service_id, state_id, workflow_version_id)
  VALUES (lpad(:n::text, 10, '0') || lpad(:client_id::text, 2, '0'), '0499370899',
    'شهروند آزمون', '+989121234567', 'partner',
    '{"postal_code": "1439955361", "item_type": "furniture", "items": 2}', 0, '{}', now(), now(),
    false, now(), now(), :user_id, 4, 1, 40, 12, 4) RETURNING id AS file_id \gset
INSERT INTO bench_fileevent (file_id, at, kind, actor_label, action, from_state, to_state, reason, public)
  VALUES (:file_id, now(), 'action', 'partner:1', 'create', '', 'draft', '', true);
SELECT last_seq, length(last_hash) AS hash_length FROM bench_auditstream WHERE name = 'department:services' FOR UPDATE \gset
INSERT INTO bench_auditentry (stream, seq, created_at, actor_label, action, object_type,
    object_id, summary, after, request_id, key_id, prev_hash, hash)
  VALUES ('department:services', :last_seq + 1, now(), 'partner:1', 'file.created', 'cases.file',
    :file_id, 'file created', '{"service": "ws-bulky-waste"}', '', 'k1', md5(:n::text || 'h'), md5(:n::text));
UPDATE bench_file SET amount = 1050000, price_parts = '{"revenue:waste-services": 1050000}',
    tariff_id = 40, due_at = now() + interval '10 days', updated_at = now() WHERE id = :file_id;
INSERT INTO bench_auditentry (stream, seq, created_at, actor_label, action, object_type,
    object_id, summary, after, request_id, key_id, prev_hash, hash)
  VALUES ('department:services', :last_seq + 2, now(), 'partner:1', 'file.priced', 'cases.file',
    :file_id, '', '{"amount": 1050000}', '', 'k1', md5(:n::text), md5(:n::text || 'p'));
UPDATE bench_file SET state_id = 13, in_department = false, state_entered_at = now(), state_due_at = now() + interval '1 day',
    updated_at = now() WHERE id = :file_id;
INSERT INTO bench_fileevent (file_id, at, kind, actor_label, action, from_state, to_state, reason, public)
  VALUES (:file_id, now(), 'action', 'partner:1', 'submit', 'draft', 'submitted', '', true);
INSERT INTO bench_auditentry (stream, seq, created_at, actor_label, action, object_type,
    object_id, summary, after, request_id, key_id, prev_hash, hash)
  VALUES ('department:services', :last_seq + 3, now(), 'partner:1', 'file.submit', 'cases.file',
    :file_id, '', '{"to": "submitted"}', '', 'k1', md5(:n::text || 'p'), md5(:n::text || 's'));
INSERT INTO bench_sms ("to", body, purpose, sensitive, status, attempts, next_attempt_at,
    last_error, provider_reference, created_at)
  VALUES ('+989121234567', 'پرونده شما ثبت شد', 'file', false, 'queued', 0, now(), '', '', now());
UPDATE bench_file SET state_id = 14, in_department = false, state_entered_at = now(), state_due_at = now() + interval '10 days',
    updated_at = now() WHERE id = :file_id;
INSERT INTO bench_fileevent (file_id, at, kind, actor_label, action, from_state, to_state, reason, public)
  VALUES (:file_id, now(), 'action', 'system:intake', 'issue_bill', 'submitted', 'awaiting_payment', '', true);
INSERT INTO bench_auditentry (stream, seq, created_at, actor_label, action, object_type,
    object_id, summary, after, request_id, key_id, prev_hash, hash)
  VALUES ('department:services', :last_seq + 4, now(), 'system:intake', 'file.issue_bill', 'cases.file',
    :file_id, '', '{"to": "awaiting_payment"}', '', 'k1', md5(:n::text || 's'), md5(:n::text || 'b'));
UPDATE bench_auditstream SET last_seq = last_seq + 4, last_hash = md5(:n::text || 'b')
  WHERE name = 'department:services';
INSERT INTO bench_sms ("to", body, purpose, sensitive, status, attempts, next_attempt_at,
    last_error, provider_reference, created_at)
  VALUES ('+989121234567', 'صورتحساب پرونده صادر شد', 'file', false, 'queued', 0, now(), '', '', now());
SELECT id, at, action FROM bench_fileevent WHERE file_id = :file_id ORDER BY at, id;
INSERT INTO bench_idempotency (key, endpoint, request_hash, status_code, response, created_at, partner_id)
  VALUES ('pgb-' || :n || '-' || :client_id, 'POST /files', md5(:n::text), 201,
    '{"tracking_code": "000000000000", "status": "awaiting_payment"}', now(), 1);
COMMIT;
