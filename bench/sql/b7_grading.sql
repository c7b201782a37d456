-- B7 baseline: every office's grading aggregates for one period in ONE SQL statement, the
-- same grouped reads grading_run makes (daftar/supervision/selectors/grading.py and the
-- selectors it calls in cases, offices and treasury). psql substitutes :first and :last
-- (the period's first and last day) and :start and :end (its bounds as Tehran midnights).
SELECT o.id, f.submitted, f.due, f.closed_in_time, r.ratings, r.rating_sum, r.callbacks,
       u.slots_open, u.slots_up, d.lines, i.mean, c.upheld, c.overcharging, fi.findings,
       sd.found_false
  FROM offices_office AS o
  LEFT JOIN (
      SELECT office_id,
             count(*) FILTER (WHERE submitted_at >= :'start' AND submitted_at < :'end') AS submitted,
             count(*) FILTER (WHERE due_at >= :'start' AND due_at < :'end') AS due,
             count(*) FILTER (WHERE due_at >= :'start' AND due_at < :'end'
                                AND closed_at IS NOT NULL AND closed_at <= due_at) AS closed_in_time
        FROM cases_file
       WHERE office_id IS NOT NULL
         AND ((submitted_at >= :'start' AND submitted_at < :'end')
              OR (due_at >= :'start' AND due_at < :'end'))
       GROUP BY office_id
  ) AS f ON f.office_id = o.id
  LEFT JOIN (
      SELECT fl.office_id, count(ra.id) AS ratings, sum(ra.score) AS rating_sum,
             count(cb.id) AS callbacks
        FROM cases_file AS fl
        JOIN cases_rating AS ra ON ra.file_id = fl.id
        LEFT JOIN cases_callbacktask AS cb ON cb.file_id = fl.id
       WHERE fl.office_id IS NOT NULL AND ra.created_at >= :'start' AND ra.created_at < :'end'
       GROUP BY fl.office_id
  ) AS r ON r.office_id = o.id
  LEFT JOIN (
      SELECT office_id, sum(slots_open) AS slots_open, sum(slots_up) AS slots_up
        FROM offices_officeuptimeday WHERE day BETWEEN :'first' AND :'last' GROUP BY office_id
  ) AS u ON u.office_id = o.id
  LEFT JOIN (
      SELECT p.office_id, count(*) AS lines
        FROM treasury_statementline AS l JOIN treasury_payment AS p ON p.id = l.payment_id
       WHERE l.value_date BETWEEN :'first' AND :'last'
         AND l.match IN ('amount_mismatch', 'duplicate') AND p.office_id IS NOT NULL
       GROUP BY p.office_id
  ) AS d ON d.office_id = o.id
  LEFT JOIN (
      SELECT office_id, avg(score) AS mean FROM supervision_inspection
       WHERE status = 'submitted' AND submitted_at >= :'start' AND submitted_at < :'end'
         AND score IS NOT NULL
       GROUP BY office_id
  ) AS i ON i.office_id = o.id
  LEFT JOIN (
      SELECT office_id, count(*) AS upheld,
             count(*) FILTER (WHERE category = 'overcharging') AS overcharging
        FROM supervision_complaint
       WHERE ruling IN ('upheld', 'partly_upheld') AND ruled_at >= :'start' AND ruled_at < :'end'
         AND office_id IS NOT NULL
       GROUP BY office_id
  ) AS c ON c.office_id = o.id
  LEFT JOIN (
      SELECT office_id, count(*) AS findings FROM supervision_finding
       WHERE kind = 'overcharging' AND created_at >= :'start' AND created_at < :'end'
       GROUP BY office_id
  ) AS fi ON fi.office_id = o.id
  LEFT JOIN (
      SELECT office_id, found_false FROM supervision_selfdeclaration AS s
        JOIN supervision_gradingperiod AS g ON g.id = s.period_id WHERE g.code = 'BENCH-B7'
  ) AS sd ON sd.office_id = o.id
 WHERE o.status IN ('active', 'suspended');
