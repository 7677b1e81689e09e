-- Harness: a restore brings back PII rows for a person erased last week; the example's
-- statement must remove exactly those rows and leave everyone else.
CREATE TABLE person_pii (person_key bigint PRIMARY KEY, customer_id bigint UNIQUE NOT NULL,
                         email text NOT NULL, full_name text, address text);
CREATE TABLE erased_persons (person_key bigint PRIMARY KEY, request_id text NOT NULL,
                             erased_at timestamptz NOT NULL DEFAULT now());
INSERT INTO erased_persons (person_key, request_id) VALUES (11, 'r-1');
-- the restored copy, taken before the erasure
INSERT INTO person_pii VALUES (11, 1001, 'a@example.com', 'A', 'Street 1'),
                              (13, 1003, 'c@example.com', 'C', 'Street 3');

{{EXAMPLE}}

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM person_pii WHERE person_key = 11) THEN
    RAISE EXCEPTION 'the erased person came back with the restore';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM person_pii WHERE person_key = 13) THEN
    RAISE EXCEPTION 'the suppression removed someone else';
  END IF;
END $$;
