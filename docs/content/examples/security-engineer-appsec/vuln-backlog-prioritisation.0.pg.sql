-- Set-up: enriched scanner findings (one row per finding per service).
CREATE TABLE findings (
  id              int PRIMARY KEY,
  service         text NOT NULL,
  cve             text NOT NULL,
  cvss            numeric(3,1) NOT NULL,
  epss            numeric(5,4) NOT NULL,
  in_kev          boolean NOT NULL,
  internet_facing boolean NOT NULL,
  first_seen      date NOT NULL,
  fixed_by        text NOT NULL
);
INSERT INTO findings VALUES
  (1, 'orders-api',  'CVE-A', 9.8, 0.0200, true,  false, DATE '2025-03-01', 'base image 2025.03'),
  (2, 'web',         'CVE-B', 7.5, 0.3000, false, true,  DATE '2025-03-28', 'upgrade libfoo 2.1'),
  (3, 'web',         'CVE-C', 8.1, 0.0100, false, true,  DATE '2025-01-15', 'base image 2025.03'),
  (4, 'batch',       'CVE-D', 9.8, 0.0100, false, false, DATE '2024-11-01', 'base image 2025.03'),
  (5, 'batch',       'CVE-E', 5.3, 0.0010, false, false, DATE '2025-02-01', 'upgrade libbar 1.4'),
  (6, 'search',      'CVE-C', 8.1, 0.0100, false, true,  DATE '2025-03-25', 'base image 2025.03');

{{EXAMPLE}}

-- Checks: the priorities the rules in the answer promise.
DO $$ BEGIN
  IF (SELECT priority FROM finding_priority WHERE id = 1) <> 'P1' THEN
    RAISE EXCEPTION 'a KEV-listed finding is P1 even on an internal service';
  END IF;
  IF (SELECT priority FROM finding_priority WHERE id = 2) <> 'P1' THEN
    RAISE EXCEPTION 'high EPSS on an internet-facing service is P1';
  END IF;
  IF (SELECT priority FROM finding_priority WHERE id = 3) <> 'P2' THEN
    RAISE EXCEPTION 'high CVSS on an internet-facing service is P2';
  END IF;
  IF (SELECT priority FROM finding_priority WHERE id = 4) <> 'P3' THEN
    RAISE EXCEPTION 'a critical CVSS score alone on an internal service is P3';
  END IF;
  IF (SELECT priority FROM finding_priority WHERE id = 5) <> 'P4' THEN
    RAISE EXCEPTION 'medium severity is P4';
  END IF;
  -- Past SLA as of 2025-03-31: #1 (P1, 30 days old), #3 (P2, 75 days), #4 (P3, 150 days).
  IF (SELECT count(*) FROM finding_priority p
        JOIN (VALUES ('P1', 7), ('P2', 30), ('P3', 90), ('P4', 180)) AS s(priority, days) USING (priority)
       WHERE p.first_seen + s.days < DATE '2025-03-31') <> 3 THEN
    RAISE EXCEPTION 'expected three findings past their SLA';
  END IF;
  -- One base-image update closes four of the six findings.
  IF (SELECT count(*) FROM finding_priority WHERE fixed_by = 'base image 2025.03') <> 4 THEN
    RAISE EXCEPTION 'grouping by fix is wrong';
  END IF;
END $$;
