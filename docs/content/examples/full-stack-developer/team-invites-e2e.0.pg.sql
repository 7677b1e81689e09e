CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE organizations (id bigint PRIMARY KEY, name text NOT NULL, seat_limit int NOT NULL);
CREATE TABLE memberships (
  org_id  bigint NOT NULL REFERENCES organizations(id),
  user_id bigint NOT NULL REFERENCES users(id),
  role    text   NOT NULL,
  UNIQUE (org_id, user_id)
);
INSERT INTO users VALUES (1, 'admin@acme.test'), (2, 'bo@acme.test'), (3, 'cy@acme.test'), (4, 'di@acme.test');
INSERT INTO organizations VALUES (1, 'Acme', 3), (2, 'Globex', 10);
INSERT INTO memberships VALUES (1, 1, 'admin'), (1, 2, 'member'), (2, 2, 'admin');

{{EXAMPLE}}

INSERT INTO invitations (org_id, email, role, token_hash, invited_by, expires_at, revoked_at) VALUES
  (1, 'cy@acme.test', 'member', sha256(convert_to('tok-a', 'UTF8')), 1, now() + interval '7 days', NULL),
  (1, 'di@acme.test', 'member', sha256(convert_to('tok-b', 'UTF8')), 1, now() + interval '7 days', NULL),
  (1, 'old@acme.test', 'viewer', sha256(convert_to('tok-c', 'UTF8')), 1, now() - interval '1 day', NULL),
  (1, 'gone@acme.test', 'viewer', sha256(convert_to('tok-d', 'UTF8')), 1, now() + interval '7 days', now()),
  (2, 'bo@acme.test', 'viewer', sha256(convert_to('tok-e', 'UTF8')), 2, now() + interval '7 days', NULL);

DO $$
BEGIN
  IF accept_invitation('tok-a', 3) <> 'accepted' THEN RAISE EXCEPTION 'valid invitation refused'; END IF;
  IF accept_invitation('tok-a', 3) <> 'already_accepted' THEN RAISE EXCEPTION 'accepted twice'; END IF;
  IF (SELECT count(*) FROM memberships WHERE org_id = 1) <> 3 THEN RAISE EXCEPTION 'membership not created once'; END IF;
  IF accept_invitation('tok-b', 4) <> 'no_seats' THEN RAISE EXCEPTION 'seat limit ignored'; END IF;
  IF accept_invitation('tok-c', 4) <> 'expired' THEN RAISE EXCEPTION 'expired link accepted'; END IF;
  IF accept_invitation('tok-d', 4) <> 'invalid' THEN RAISE EXCEPTION 'revoked link accepted'; END IF;
  IF accept_invitation('no-such-token', 4) <> 'invalid' THEN RAISE EXCEPTION 'unknown token accepted'; END IF;
  -- an existing member keeps their role
  IF accept_invitation('tok-e', 2) <> 'accepted' THEN RAISE EXCEPTION 'existing member refused'; END IF;
  IF (SELECT role FROM memberships WHERE org_id = 2 AND user_id = 2) <> 'admin' THEN
    RAISE EXCEPTION 'accepting downgraded an admin';
  END IF;
  -- the token is not stored, only its hash
  IF EXISTS (SELECT 1 FROM invitations WHERE token_hash = convert_to('tok-a', 'UTF8')) THEN
    RAISE EXCEPTION 'a raw token was stored';
  END IF;
  -- at most one open invitation per email, whatever its case
  BEGIN
    INSERT INTO invitations (org_id, email, role, token_hash, invited_by, expires_at)
    VALUES (1, 'DI@acme.test', 'viewer', sha256(convert_to('tok-f', 'UTF8')), 1, now() + interval '7 days');
    RAISE EXCEPTION 'a second open invitation was allowed';
  EXCEPTION WHEN unique_violation THEN NULL;
  END;
  -- once accepted, the same email may be invited again
  INSERT INTO invitations (org_id, email, role, token_hash, invited_by, expires_at)
  VALUES (1, 'cy@acme.test', 'admin', sha256(convert_to('tok-g', 'UTF8')), 1, now() + interval '7 days');
END $$;
