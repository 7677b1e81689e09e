CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
INSERT INTO users VALUES (42, 'ada@example.com'), (7, 'grace@example.com');

{{EXAMPLE}}

DO $$
DECLARE
  new_id bigint;
BEGIN
  FOR i IN 1..20 LOOP
    new_id := save_search(42, 'Search ' || i, '{"q": "rust"}');
    IF new_id IS NULL THEN RAISE EXCEPTION 'save % of 20 was refused', i; END IF;
  END LOOP;
  IF save_search(42, 'One too many', '{"q": "go"}') IS NOT NULL THEN
    RAISE EXCEPTION 'the 21st saved search was accepted';
  END IF;
  IF (SELECT count(*) FROM saved_searches WHERE user_id = 42) <> 20 THEN
    RAISE EXCEPTION 'expected exactly 20 saved searches';
  END IF;
  -- another user is not affected by the first user's limit
  IF save_search(7, '  Remote Rust  ', '{"q": "rust", "remote": true}') IS NULL THEN
    RAISE EXCEPTION 'user 7 could not save';
  END IF;
  IF (SELECT name FROM saved_searches WHERE user_id = 7) <> 'Remote Rust' THEN
    RAISE EXCEPTION 'the name was not trimmed';
  END IF;
  -- names are unique per user whatever their case
  BEGIN
    PERFORM save_search(7, 'remote RUST', '{}');
    RAISE EXCEPTION 'a duplicate name in another case was accepted';
  EXCEPTION WHEN unique_violation THEN NULL;
  END;
  -- the same name is fine for a different user
  DELETE FROM saved_searches WHERE user_id = 42 AND name = 'Search 1';
  IF save_search(42, 'Remote Rust', '{}') IS NULL THEN
    RAISE EXCEPTION 'another user''s name blocked this one';
  END IF;
  BEGIN
    PERFORM save_search(7, '   ', '{}');
    RAISE EXCEPTION 'a blank name was accepted';
  EXCEPTION WHEN check_violation THEN NULL;
  END;
  BEGIN
    PERFORM save_search(7, 'List filters', '["rust"]');
    RAISE EXCEPTION 'a non-object filter was accepted';
  EXCEPTION WHEN check_violation THEN NULL;
  END;
  -- deleting the user removes their saved searches
  DELETE FROM users WHERE id = 7;
  IF EXISTS (SELECT 1 FROM saved_searches WHERE user_id = 7) THEN
    RAISE EXCEPTION 'saved searches outlived their user';
  END IF;
END $$;
