-- B4's raw-SQL baseline appends to copies of the audit tables (same columns, indexes and
-- constraints), so that the real chains stay untouched.
DROP TABLE IF EXISTS bench_b4_stream, bench_b4_entry;
CREATE TABLE bench_b4_stream (LIKE audit_auditstream INCLUDING ALL);
CREATE TABLE bench_b4_entry (LIKE audit_auditentry INCLUDING ALL);
INSERT INTO bench_b4_stream (name, last_seq, last_hash)
  SELECT 'w' || n, 0, repeat('0', 64) FROM generate_series(0, 8) AS n;
