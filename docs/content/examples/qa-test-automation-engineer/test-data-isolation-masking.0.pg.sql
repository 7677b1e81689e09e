-- Set-up: a production-shaped customers table with personal data.
CREATE TABLE customers (
  id         bigint PRIMARY KEY,
  email      text NOT NULL UNIQUE,
  full_name  text NOT NULL,
  birth_date date NOT NULL,
  country    text NOT NULL,
  created_at timestamptz NOT NULL
);
INSERT INTO customers VALUES
  (1, 'Anna.Keller@mail.example', 'Anna Keller', DATE '1988-04-17', 'DE', '2021-03-02 09:00+00'),
  (2, 'bob.ng@mail.example',      'Bob Ng',      DATE '1975-11-30', 'GB', '2022-07-19 14:30+00'),
  (3, 'c.diaz@mail.example',      'Carla Díaz',  DATE '1999-01-05', 'ES', '2023-01-11 08:15+00');

{{EXAMPLE}}

-- Checks: same rows, no original identifiers, and pseudonyms that are stable across systems.
DO $$
DECLARE
  support_email text := 'ANNA.KELLER@mail.example';   -- the same person as spelled in another system
BEGIN
  IF (SELECT count(*) FROM masked_customers) <> 3 THEN
    RAISE EXCEPTION 'row count changed';
  END IF;
  IF EXISTS (SELECT 1 FROM masked_customers m JOIN customers c USING (id)
             WHERE m.email ILIKE '%mail.example' OR m.full_name = c.full_name
                OR m.birth_month = c.birth_date AND extract(day FROM c.birth_date) <> 1) THEN
    RAISE EXCEPTION 'personal data survived masking';
  END IF;
  IF (SELECT count(DISTINCT email) FROM masked_customers) <> 3 THEN
    RAISE EXCEPTION 'pseudonyms collide';
  END IF;
  IF (SELECT email FROM masked_customers WHERE id = 1) <>
     'user_' || left(encode(hmac(lower(support_email), 'key-from-the-masking-job-secret-store', 'sha256'), 'hex'), 16)
             || '@example.test' THEN
    RAISE EXCEPTION 'the pseudonym is not deterministic, so joins with other systems break';
  END IF;
  IF EXISTS (SELECT 1 FROM masked_customers WHERE extract(day FROM birth_month) <> 1) THEN
    RAISE EXCEPTION 'birth dates must be coarsened to the month';
  END IF;
END $$;
