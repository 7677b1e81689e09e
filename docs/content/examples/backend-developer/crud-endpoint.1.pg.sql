-- Harness: the addresses table, then a check that the partial unique index allows any
-- number of non-default addresses but only one default per customer.
CREATE TABLE addresses (
  id          bigint  PRIMARY KEY,
  customer_id bigint  NOT NULL,
  line1       text    NOT NULL,
  is_default  boolean NOT NULL DEFAULT false,
  version     int     NOT NULL DEFAULT 1
);

{{EXAMPLE}}

INSERT INTO addresses VALUES (1, 42, 'a', true, 1), (2, 42, 'b', false, 1), (3, 42, 'c', false, 1),
                             (4, 7, 'd', true, 1);
DO $$
BEGIN
  BEGIN
    INSERT INTO addresses VALUES (5, 42, 'e', true, 1);
    RAISE EXCEPTION 'a second default address for customer 42 was accepted';
  EXCEPTION WHEN unique_violation THEN
    NULL;  -- expected
  END;
END $$;
