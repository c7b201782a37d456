-- B1's raw-SQL baseline writes into copies of the tables an intake request writes to (same
-- columns, indexes, constraints and identity columns; foreign keys are not copied), so that
-- the app's data and its audit chains stay untouched.
DROP TABLE IF EXISTS bench_ratelimit, bench_idempotency, bench_user, bench_user_groups,
  bench_auditstream, bench_auditentry, bench_file, bench_fileevent, bench_sms;
CREATE TABLE bench_ratelimit (LIKE core_ratelimitcounter INCLUDING ALL);
CREATE TABLE bench_idempotency (LIKE api_idempotencyrecord INCLUDING ALL);
CREATE TABLE bench_user (LIKE accounts_user INCLUDING ALL);
CREATE TABLE bench_user_groups (LIKE accounts_user_groups INCLUDING ALL);
CREATE TABLE bench_auditstream (LIKE audit_auditstream INCLUDING ALL);
CREATE TABLE bench_auditentry (LIKE audit_auditentry INCLUDING ALL);
CREATE TABLE bench_file (LIKE cases_file INCLUDING ALL);
CREATE TABLE bench_fileevent (LIKE cases_fileevent INCLUDING ALL);
CREATE TABLE bench_sms (LIKE notifications_smsmessage INCLUDING ALL);
INSERT INTO bench_ratelimit (key, window_start, hits, expires_at) VALUES ('bench', 0, 0, now());
-- Verified citizens for the intake to read and lock (national codes 0000000001 to 0000100000).
INSERT INTO bench_user (password, is_superuser, username, first_name, last_name, email, is_staff,
    is_active, date_joined, national_code, mobile, mobile_verified_at, mobile_owner_verified_at,
    mobile_owner_verified_by)
  SELECT '!', false, 'citizen-' || n, 'شهروند', 'آزمون', '', false, true, now(),
    lpad(n::text, 10, '0'), '+989121234567', now(), now(), 'inquiry'
  FROM generate_series(1, 100000) AS n;
INSERT INTO bench_auditstream (name, last_seq, last_hash) VALUES
  ('identity', 0, repeat('0', 64)), ('department:services', 0, repeat('0', 64));
ANALYZE;
