-- B4 baseline, one stream: lock the head, insert the entry, move the head; one transaction.
\set n random(1, 2000000000)
BEGIN;
SELECT last_seq FROM bench_b4_stream WHERE name = 'w0' FOR UPDATE \gset
INSERT INTO bench_b4_entry (stream, seq, created_at, actor_label, action, object_type, object_id,
    summary, after, request_id, key_id, prev_hash, hash)
  VALUES ('w0', :last_seq + 1, now(), 'system:bench', 'bench.appended', 'bench.run', 'sql',
    'append', '{"n": 1}', '', 'k1', md5(:n::text) || md5(:n::text), md5(:n::text || 'x') || md5(:n::text));
UPDATE bench_b4_stream SET last_seq = :last_seq + 1, last_hash = md5(:n::text) WHERE name = 'w0';
COMMIT;
